// Per-switch figures: placement, per-lcore flow cache and utilization, line rate, capacity and
// drops, cores consumed and the mbuf footprint of its lcores (DESIGN §3, docs/MODEL.md).
import type { Host } from '../topology';
import { cacheCurve, type FlowMix, roundFlowTableSize, steadyHitRate } from './flowcache';
import type { ModelConstants } from './constants';
import { lineRatePps, MIN_FRAME_BYTES } from './lineRate';
import { flowTableBytesOf, mbufOf } from './mbuf';
import { placeQueues } from './placement';
import type { ResolvedSwitch, WorkUnit } from './resolve';
import type { LcoreModel, SwitchModel } from './types';

/** A switch's model plus what its findings need and the output does not carry. */
export interface SwitchResult {
  model: SwitchModel;
  resolved: ResolvedSwitch;
  /** The work units on each lcore, by lcore index. */
  unitsByLcore: WorkUnit[][];
  /** Each lcore's flow mix for the cache solver, by lcore index. */
  mixByLcore: FlowMix[][];
}

export function switchResult(rs: ResolvedSwitch, host: Host, c: ModelConstants): SwitchResult {
  // The schema keeps ghz ≥ 0.5; the guard keeps a figure finite for whatever else reaches here.
  const clock = Math.max(host.cpu.ghz, 1e-3) * 1e9;
  const uplinkNodes = new Set(rs.uplinks.map((u) => u.nic.numaNode));
  const assignment = rs.sw.lcoreAssignment ?? 'cpu-usage';
  const placements = placeQueues(rs.units, rs.lcores, assignment);
  const unitsByLcore: WorkUnit[][] = rs.lcores.map(() => []);
  const remoteByLcore: boolean[][] = rs.lcores.map(() => []);
  rs.units.forEach((unit, i) => {
    const p = placements[i];
    if (!p) return;
    unitsByLcore[p.lcore].push(unit);
    remoteByLcore[p.lcore].push(isRemote(unit, rs.lcores[p.lcore].numaNode, uplinkNodes));
  });
  const entries = roundFlowTableSize(rs.sw.flowCache?.entries ?? c.flowCacheEntries);
  // Each queue is its strided share of the vNIC's Zipf ranks (RSS), weighted by its packets.
  const mixByLcore = unitsByLcore.map((units) => units.map((u): FlowMix => ({ flows: u.vnicFlows, zipf: u.zipf, stride: u.queues, offset: u.queue, weight: u.pps })));

  const lcores = rs.lcores.map((l, i): LcoreModel => {
    const units = unitsByLcore[i];
    const remote = remoteByLcore[i];
    const pps = sum(units.map((u) => u.pps));
    // An idle lcore misses nothing: its hit rate is 1 and a packet would cost the fast path.
    const che = pps > 0 ? steadyHitRate(mixByLcore[i], entries) : 1;
    const churnMissShare = pps > 0 ? sum(units.map((u) => (u.pps > 0 ? u.pps * Math.min(1, u.newFlowsPerSec / u.pps) : 0))) / pps : 0;
    const hitRate = che * (1 - churnMissShare);
    const base = hitRate * c.fastPathCyclesPerPacket + (1 - hitRate) * c.slowPathCyclesPerPacket;
    const cycles = sum(units.map((u, k) => u.pps * base * (remote[k] ? 1 + c.crossNumaPenalty : 1)));
    const cyclesPerPacket = pps > 0 ? cycles / pps : base;
    const capacityPps = clock / cyclesPerPacket;
    const servedPps = Math.min(pps, capacityPps);
    return {
      index: l.index,
      numaNode: l.numaNode,
      queues: units.length,
      assigned: units.map((u, k) => ({ vm: u.vm, vnic: u.vnic, queue: u.queue, pps: u.pps, flows: u.flows, remote: remote[k] })),
      pps,
      hitRate,
      churnMissShare,
      cyclesPerPacket,
      utilization: cycles / clock,
      capacityPps,
      servedPps,
      dropPps: pps - servedPps,
    };
  });

  const offeredPps = sum(rs.units.map((u) => u.pps));
  const packetBytes = offeredPps > 0 ? sum(rs.units.map((u) => u.pps * u.packetBytes)) / offeredPps : MIN_FRAME_BYTES;
  const lineRate = sum(rs.carrying.map((u) => lineRatePps(u.nic.speedGbps, packetBytes, c.frameOverheadBytes)));
  const rxShareOf = (u: WorkUnit) => host.vms?.[u.vmIndex]?.vnics[u.vnicIndex]?.traffic?.rxShare ?? c.rxShare;
  const rxPps = sum(rs.units.map((u) => u.pps * rxShareOf(u)));
  // Heritage (standard) switches are not bound by lcores: the stack takes the cores it needs.
  const lcoreBound = rs.edp;
  const lcoreDropPps = lcoreBound ? sum(lcores.map((l) => l.dropPps)) : 0;
  // The wire sees what the lcores pass, each direction against the full-duplex line rate.
  let passedRx = 0;
  let passed = 0;
  lcores.forEach((l, i) => {
    const pass = !lcoreBound || l.pps <= 0 ? 1 : l.servedPps / l.pps;
    for (const u of unitsByLcore[i]) {
      passedRx += u.pps * rxShareOf(u) * pass;
      passed += u.pps * pass;
    }
  });
  const lineDropPps = rs.uplinks.length > 0 ? Math.max(0, passedRx - lineRate) + Math.max(0, passed - passedRx - lineRate) : 0;
  const dropPps = Math.min(offeredPps, lcoreDropPps + lineDropPps);
  const utilizations = lcores.map((l) => l.utilization);
  const maxUtilization = utilizations.length > 0 ? Math.max(...utilizations) : 0;
  const meanUtilization = utilizations.length > 0 ? sum(utilizations) / utilizations.length : 0;
  const worst = lowestHitLcore(lcores);
  const placedPps = sum(lcores.map((l) => l.pps));
  const entriesBytes = sum(unitsByLcore.map((units) => (units.length > 0 ? flowTableBytesOf(entries, sum(units.map((u) => u.flows)), c) : 0)));
  const nicRxQueues = sum(rs.uplinks.map((u) => nicRxQueuesOf(u.nic.queues, lcores.length)));

  const model: SwitchModel = {
    name: rs.sw.name,
    mode: rs.mode,
    lcoreAssignment: assignment,
    offeredPps,
    packetBytes,
    rxPps,
    txPps: offeredPps - rxPps,
    lineRatePps: lineRate,
    capacityPps: sum(lcores.map((l) => l.capacityPps)),
    lcoreDropPps,
    lineDropPps,
    dropPps,
    dropRate: offeredPps > 0 ? dropPps / offeredPps : 0,
    heritageBreakEvenHitRate: breakEvenHitRate(c),
    hitRate: placedPps > 0 ? sum(lcores.map((l) => l.pps * l.hitRate)) / placedPps : 1,
    churnMissShare: placedPps > 0 ? sum(lcores.map((l) => l.pps * l.churnMissShare)) / placedPps : 0,
    entries,
    imbalance: meanUtilization > 0 ? maxUtilization / meanUtilization : 1,
    maxUtilization,
    coresUsed: {
      edpPerformance: lcores.length,
      edpStandard: sum(utilizations.map((u) => Math.min(1, u))),
      heritage: (offeredPps * c.heritageCyclesPerPacket) / clock,
    },
    cacheCurve: [],
    lcores,
    mbuf: mbufOf(lcores.map((l) => l.queues), rs.sw.rxRingSize ?? c.rxRingSize, c, nicRxQueues, entriesBytes),
  };
  defineLazy(model, 'cacheCurve', () =>
    worst ? cacheCurve(mixByLcore[worst.index]).map((p) => ({ entries: p.entries, hitRate: p.hitRate * (1 - worst.churnMissShare) })) : [],
  );
  return { model, resolved: rs, unitsByLcore, mixByLcore };
}

/**
 * The curve costs a solver run per table size, more than the rest of the switch together, and
 * only the report panel and the CLI's JSON read it: compute it on first read (JSON.stringify and
 * structured clone read enumerable getters), not on every keystroke.
 */
function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (value ??= compute()),
    set: (v: T[K]) => {
      value = v;
    },
  });
}

/**
 * A queue pays the cross-NUMA penalty (once) when its lcore is off its home node (the VM's node,
 * else the uplinks'), or off every node of the switch's uplinks (the NIC's DMA lands in a remote
 * LLC). A queue with no home on a switch without uplinks is never remote.
 */
function isRemote(unit: Pick<WorkUnit, 'home'>, lcoreNode: number, uplinkNodes: ReadonlySet<number>): boolean {
  return (unit.home !== undefined && unit.home !== lcoreNode) || (uplinkNodes.size > 0 && !uplinkNodes.has(lcoreNode));
}

/**
 * Receive queues of an uplink NIC that hold buffers of the switch: its `queues` if given, else
 * one per lcore of the switch (assumption: RSS gives each polling lcore a queue on each uplink).
 */
export function nicRxQueuesOf(nicQueues: number | undefined, lcores: number): number {
  return nicQueues ?? Math.max(1, lcores);
}

/** The hit rate h with h·fast + (1 − h)·slow = heritage; 0 when the slow path is no dearer than heritage. */
function breakEvenHitRate(c: Pick<ModelConstants, 'fastPathCyclesPerPacket' | 'slowPathCyclesPerPacket' | 'heritageCyclesPerPacket'>): number {
  const { fastPathCyclesPerPacket: f, slowPathCyclesPerPacket: s, heritageCyclesPerPacket: h } = c;
  if (s <= h) return 0;
  // s > h: with f ≥ h even a full hit rate is dearer.
  return f >= h ? 1 : (s - h) / (s - f);
}

/** The loaded lcore with the lowest hit rate (lowest index on ties), if any carries traffic. */
export function lowestHitLcore(lcores: readonly LcoreModel[]): LcoreModel | undefined {
  let worst: LcoreModel | undefined;
  for (const l of lcores) if (l.pps > 0 && (!worst || l.hitRate < worst.hitRate)) worst = l;
  return worst;
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
