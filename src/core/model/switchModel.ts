// Per-switch figures: placement, per-lcore flow cache and utilization, line rate, capacity,
// cores consumed and the mbuf footprint of its lcores (DESIGN §3, docs/MODEL.md).
import { cacheCurve, type FlowMix, roundFlowTableSize, steadyHitRate } from './flowcache';
import type { ModelConstants } from './constants';
import { lineRatePps, MIN_FRAME_BYTES } from './lineRate';
import { mbufOf } from './mbuf';
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

export function switchResult(rs: ResolvedSwitch, ghz: number, c: ModelConstants): SwitchResult {
  const clock = ghz * 1e9;
  const assignment = rs.sw.lcoreAssignment ?? 'cpu-usage';
  const placements = placeQueues(rs.units, rs.lcores, assignment);
  const unitsByLcore: WorkUnit[][] = rs.lcores.map(() => []);
  const remoteByLcore: boolean[][] = rs.lcores.map(() => []);
  rs.units.forEach((unit, i) => {
    const p = placements[i];
    if (!p) return;
    unitsByLcore[p.lcore].push(unit);
    remoteByLcore[p.lcore].push(p.remote);
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
    return {
      index: l.index,
      numaNode: l.numaNode,
      queues: units.length,
      assigned: units.map((u, k) => ({ vm: u.vm, vnic: u.vnic, queue: u.queue, pps: u.pps, flows: u.flows, remote: remote[k] })),
      pps,
      hitRate,
      churnMissShare,
      cyclesPerPacket: pps > 0 ? cycles / pps : base,
      utilization: cycles / clock,
    };
  });

  const offeredPps = sum(rs.units.map((u) => u.pps));
  const packetBytes = offeredPps > 0 ? sum(rs.units.map((u) => u.pps * u.packetBytes)) / offeredPps : MIN_FRAME_BYTES;
  const lineRate = sum(rs.uplinks.map((u) => lineRatePps(u.nic.speedGbps, packetBytes, c.frameOverheadBytes)));
  const capacityPps = sum(lcores.map((l) => clock / l.cyclesPerPacket));
  const limit = rs.uplinks.length > 0 ? Math.min(lineRate, capacityPps) : capacityPps;
  const utilizations = lcores.map((l) => l.utilization);
  const maxUtilization = utilizations.length > 0 ? Math.max(...utilizations) : 0;
  const meanUtilization = utilizations.length > 0 ? sum(utilizations) / utilizations.length : 0;
  const worst = lowestHitLcore(lcores);
  const placedPps = sum(lcores.map((l) => l.pps));

  const model: SwitchModel = {
    name: rs.sw.name,
    mode: rs.mode,
    lcoreAssignment: assignment,
    offeredPps,
    packetBytes,
    lineRatePps: lineRate,
    capacityPps,
    dropRate: offeredPps > 0 ? Math.max(0, 1 - limit / offeredPps) : 0,
    hitRate: placedPps > 0 ? sum(lcores.map((l) => l.pps * l.hitRate)) / placedPps : 1,
    churnMissShare: placedPps > 0 ? sum(lcores.map((l) => l.pps * l.churnMissShare)) / placedPps : 0,
    entries,
    imbalance: meanUtilization > 0 ? maxUtilization / meanUtilization : 1,
    maxUtilization,
    coresUsed: {
      edpPerformance: lcores.length,
      edpStandard: sum(utilizations),
      heritage: (offeredPps * c.heritageCyclesPerPacket) / clock,
    },
    cacheCurve: [],
    lcores,
    mbuf: mbufOf(lcores.map((l) => l.queues), rs.sw.rxRingSize ?? c.rxRingSize, c),
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
