// Per-switch figures: placement, per-lcore flow cache and utilization, line rate, capacity and
// drops, cores consumed and the mbuf footprint of its lcores (DESIGN §3, docs/MODEL.md).
import type { Host, Target } from '../topology';
import { cacheCurve, type FlowMix, roundFlowTableSize, steadyHitRate } from './flowcache';
import type { ModelConstants } from './constants';
import { lineRatePps, MIN_FRAME_BYTES } from './lineRate';
import { flowTableBytesOf, mbufOf } from './mbuf';
import { placeQueues } from './placement';
import { plainConstructor } from '../plain';
import { NO_HOME, type ResolvedHost, resolveHost, type ResolvedSwitch, type UnitTable } from './resolve';
import type { AssignedQueue, CoresUsed, LcoreModel, SwitchModel } from './types';

/** A switch's model plus what its findings need and the output does not carry. */
export interface SwitchResult {
  model: SwitchModel;
  resolved: ResolvedSwitch;
  /** The units (of `resolved.units`) on each lcore: lcore i's are `onLcore[lcoreStart[i]]` up to `onLcore[lcoreStart[i + 1]]`, in file order. */
  byLcore: LcoreUnits;
  /** Σ of the flows of each lcore's queues, by lcore index. */
  flowsByLcore: readonly number[];
  /** Each lcore's flow mix for the cache solver. */
  mixes: LcoreMixes;
  /** Whether each lcore is off every node of the switch's uplinks (its queues all pay the cross-NUMA penalty), by lcore index. */
  offUplinks: readonly boolean[];
}

/**
 * Each lcore's flow mix for the cache solver: a queue is its strided share of the vNIC's Zipf
 * ranks (RSS), weighted by its packets. Built on first need (most lcores' flows fit their table,
 * and then no solve needs one) and kept: the solver keeps its work per mix, so the hit rate, the
 * finding's advice and the curve share it.
 */
class LcoreMixes {
  private readonly built: (FlowMix[] | undefined)[] = [];

  constructor(
    private readonly units: UnitTable,
    private readonly byLcore: LcoreUnits,
  ) {}

  of(lcore: number): FlowMix[] {
    let mix = this.built[lcore];
    if (!mix) {
      mix = mixOf(this.units, this.byLcore, lcore);
      this.built[lcore] = mix;
    }
    return mix;
  }

  /** The mix of `lcore` if it was built. */
  builtFor(lcore: number): FlowMix[] | undefined {
    return this.built[lcore];
  }
}

function mixOf(units: UnitTable, byLcore: LcoreUnits, lcore: number): FlowMix[] {
  const from = byLcore.start[lcore];
  const mix = new Array<FlowMix>(byLcore.start[lcore + 1] - from);
  for (let k = 0; k < mix.length; k++) {
    const u = byLcore.units[from + k];
    const load = units.load[u];
    mix[k] = { flows: load.flows, zipf: load.zipf, stride: load.queues, offset: units.queue[u], weight: units.pps[u], law: load.law };
  }
  return mix;
}

/**
 * A switch's units grouped by lcore, each lcore's in file order: lcore i's are `units[start[i]]`
 * up to `units[start[i + 1]]`. (Plain arrays: a typed array costs about 250 bytes to make, more
 * than a switch's few indexes.)
 */
export interface LcoreUnits {
  start: number[];
  units: number[];
}

/** The first unit on `lcore` with the largest `values[unit]` (a column of the unit table), or undefined when it has none. */
export function heaviestOn(byLcore: LcoreUnits, lcore: number, values: readonly number[]): number | undefined {
  const { start, units } = byLcore;
  if (start[lcore + 1] === start[lcore]) return undefined;
  let u = units[start[lcore]];
  for (let k = start[lcore] + 1; k < start[lcore + 1]; k++) if (values[units[k]] > values[u]) u = units[k];
  return u;
}

/** Groups the units `first`… by the lcore `placement` gave each (a stable counting sort; unplaced units are left out). */
function groupByLcore(placement: readonly number[], first: number, lcores: number): LcoreUnits {
  const start = new Array<number>(lcores + 1).fill(0);
  for (let k = 0; k < placement.length; k++) if (placement[k] >= 0) start[placement[k] + 1]++;
  for (let i = 0; i < lcores; i++) start[i + 1] += start[i];
  const units = new Array<number>(start[lcores]).fill(0);
  const next = start.slice(0, lcores);
  for (let k = 0; k < placement.length; k++) if (placement[k] >= 0) units[next[placement[k]]++] = first + k;
  return new Grouped(start, units);
}

/** A class, not a literal: see plain.ts (internal: its prototype does not matter). */
class Grouped implements LcoreUnits {
  constructor(
    readonly start: number[],
    readonly units: number[],
  ) {}
}

/**
 * After the host's findings: the switch's model keeps, for its lazy curve, only the worst lcore's
 * mix (or its queues, to build it from), not every lcore's mix and the solver's work the solver
 * keeps alive with each. What an analysis retains is copied by every scavenge while it runs.
 */
export function releaseMixes(sr: SwitchResult): void {
  const state = (sr.model as unknown as { [CURVE_STATE]: CurveState })[CURVE_STATE];
  if (!state.mixes) return;
  if (state.worst) state.mix = state.mixes.builtFor(state.worst.index);
  state.mixes = undefined;
}

// Plain loops throughout: this runs for every switch of every host on every analysis, and the
// arrays and closures of map/filter/sum chains were a good part of its cost (and of the GC's).
// Sums run in the same order as before, so every figure is the same to the last digit.
export function switchResult(rs: ResolvedSwitch, rh: Pick<ResolvedHost, 'host' | 'index' | 'target'>, c: ModelConstants): SwitchResult {
  const host = rh.host;
  // The schema keeps ghz ≥ 0.5; the guard keeps a figure finite for whatever else reaches here.
  const clock = Math.max(host.cpu.ghz, 1e-3) * 1e9;
  const assignment = rs.sw.lcoreAssignment ?? 'cpu-usage';
  const T = rs.units;
  const first = rs.firstUnit;
  const end = rs.endUnit;
  const n = rs.lcores.length;
  const placement = placeQueues(T, first, end, rs.lcores, assignment);
  const byLcore = groupByLcore(placement, first, n);
  const { start: lcoreStart, units: onLcore } = byLcore;
  const entries = roundFlowTableSize(rs.sw.flowCache?.entries ?? c.flowCacheEntries);
  const flowsByLcore: number[] = new Array<number>(n);
  const mixes = new LcoreMixes(T, byLcore);
  const offUplinksByLcore: boolean[] = new Array<boolean>(n);
  const assignedSource = new AssignedSource(host, rh.index, rh.target, rs.index, offUplinksByLcore);
  const lcores = lcoreModels(rs, byLcore, mixes, entries, clock, c, assignedSource, flowsByLcore, offUplinksByLcore);
  const queuesPerLcore: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) queuesPerLcore[i] = lcoreStart[i + 1] - lcoreStart[i];

  let offeredPps = 0;
  let byteWeighted = 0;
  let rxPps = 0;
  for (let u = first; u < end; u++) {
    const p = T.pps[u];
    const load = T.load[u];
    offeredPps += p;
    byteWeighted += p * load.packetBytes;
    rxPps += p * (load.rxShare ?? c.rxShare);
  }
  const packetBytes = offeredPps > 0 ? byteWeighted / offeredPps : MIN_FRAME_BYTES;
  let lineRate = 0;
  for (const u of rs.carrying) lineRate += lineRatePps(u.nic.speedGbps, packetBytes, c.frameOverheadBytes);
  // Heritage (standard) switches are not bound by lcores: the stack takes the cores it needs.
  const lcoreBound = rs.edp;
  // The wire sees what the lcores pass, each direction against the full-duplex line rate.
  let lcoreDrops = 0;
  let passedRx = 0;
  let passed = 0;
  let maxUtilization = n > 0 ? -Infinity : 0;
  let utilizationSum = 0;
  let edpStandard = 0;
  let placedPps = 0;
  let capacityPps = 0;
  let hitWeighted = 0;
  let churnWeighted = 0;
  let entriesBytes = 0;
  for (let i = 0; i < n; i++) {
    const l = lcores[i];
    lcoreDrops += l.dropPps;
    const pass = !lcoreBound || l.pps <= 0 ? 1 : l.servedPps / l.pps;
    for (let k = lcoreStart[i]; k < lcoreStart[i + 1]; k++) {
      const u = onLcore[k];
      passedRx += T.pps[u] * (T.load[u].rxShare ?? c.rxShare) * pass;
      passed += T.pps[u] * pass;
    }
    maxUtilization = Math.max(maxUtilization, l.utilization);
    utilizationSum += l.utilization;
    edpStandard += Math.min(1, l.utilization);
    placedPps += l.pps;
    capacityPps += l.capacityPps;
    hitWeighted += l.pps * l.hitRate;
    churnWeighted += l.pps * l.churnMissShare;
    entriesBytes += lcoreStart[i + 1] > lcoreStart[i] ? flowTableBytesOf(entries, flowsByLcore[i], c) : 0;
  }
  const lcoreDropPps = lcoreBound ? lcoreDrops : 0;
  const lineDropPps = rs.uplinks.length > 0 ? Math.max(0, passedRx - lineRate) + Math.max(0, passed - passedRx - lineRate) : 0;
  const dropPps = Math.min(offeredPps, lcoreDropPps + lineDropPps);
  const meanUtilization = n > 0 ? utilizationSum / n : 0;
  let nicRxQueues = 0;
  for (const u of rs.uplinks) nicRxQueues += nicRxQueuesOf(u.nic.queues, n);
  const worst = lowestHitLcore(lcores);

  const model = blankSwitchModel(rs.sw.name, rs.mode, assignment);
  model.offeredPps = offeredPps;
  model.packetBytes = packetBytes;
  model.rxPps = rxPps;
  model.txPps = offeredPps - rxPps;
  model.lineRatePps = lineRate;
  model.capacityPps = capacityPps;
  model.lcoreDropPps = lcoreDropPps;
  model.lineDropPps = lineDropPps;
  model.dropPps = dropPps;
  model.dropRate = offeredPps > 0 ? dropPps / offeredPps : 0;
  model.heritageBreakEvenHitRate = breakEvenHitRate(c);
  model.hitRate = placedPps > 0 ? hitWeighted / placedPps : 1;
  model.churnMissShare = placedPps > 0 ? churnWeighted / placedPps : 0;
  model.entries = entries;
  model.imbalance = meanUtilization > 0 ? maxUtilization / meanUtilization : 1;
  model.maxUtilization = maxUtilization;
  model.coresUsed.edpPerformance = n;
  model.coresUsed.edpStandard = edpStandard;
  model.coresUsed.heritage = (offeredPps * c.heritageCyclesPerPacket) / clock;
  model.lcores = lcores;
  model.mbuf = mbufOf(queuesPerLcore, rs.sw.rxRingSize ?? c.rxRingSize, c, nicRxQueues, entriesBytes);
  const state = new CurveState(mixes, assignedSource, worst);
  Object.defineProperty(model, CURVE_STATE, { value: state });
  return new Switch(model, rs, byLcore, flowsByLcore, mixes, offUplinksByLcore);
}

/** A class, not a literal: see plain.ts (internal: its prototype does not matter). */
class Switch implements SwitchResult {
  constructor(
    readonly model: SwitchModel,
    readonly resolved: ResolvedSwitch,
    readonly byLcore: LcoreUnits,
    readonly flowsByLcore: readonly number[],
    readonly mixes: LcoreMixes,
    readonly offUplinks: readonly boolean[],
  ) {}
}

/**
 * The lcores' models, and each lcore's flows (into `flowsByLcore`) and whether it is off every
 * node of the switch's uplinks (into `offUplinksByLcore`); `source` is what their `assigned` is
 * built from. Apart from switchResult, with the flow-cache solver's calls: V8 compiles a function
 * with what it inlines, and switchResult inlined the solver, so each time it was compiled again
 * (on-stack while its first compile ran, after the collector changed an allocation decision) the
 * solver's code was compiled with it (≈ 100 ms a time).
 */
function lcoreModels(
  rs: ResolvedSwitch,
  byLcore: LcoreUnits,
  mixes: LcoreMixes,
  entries: number,
  clock: number,
  c: ModelConstants,
  source: AssignedSource,
  flowsByLcore: number[],
  offUplinksByLcore: boolean[],
): LcoreModel[] {
  const T = rs.units;
  const { start: lcoreStart, units: onLcore } = byLcore;
  const n = rs.lcores.length;
  const lcores: LcoreModel[] = new Array<LcoreModel>(n);
  // One descriptor for the hidden key of every lcore of the switch (not an object per lcore).
  const stateKey: PropertyDescriptor = { value: source };
  const penalty = 1 + c.crossNumaPenalty;
  for (let i = 0; i < n; i++) {
    const l = rs.lcores[i];
    const from = lcoreStart[i];
    const to = lcoreStart[i + 1];
    // An lcore off every node of the switch's uplinks reads their DMA from a remote LLC.
    let offUplinks = rs.uplinks.length > 0;
    for (const u of rs.uplinks) if (u.nic.numaNode === l.numaNode) offUplinks = false;
    offUplinksByLcore[i] = offUplinks;
    let pps = 0;
    let flows = 0;
    // What steadyHitRate counts to answer "every flow fits" (a queue's weight is its pps).
    let fitFlows = 0;
    for (let k = from; k < to; k++) {
      const u = onLcore[k];
      pps += T.pps[u];
      flows += T.flows[u];
      if (T.pps[u] > 0) fitFlows += T.load[u].flows;
    }
    flowsByLcore[i] = flows;
    // An idle lcore misses nothing: its hit rate is 1 and a packet would cost the fast path.
    // Every flow fitting gives 1 too, without building the lcore's flow mix.
    const che = pps > 0 && fitFlows > entries ? steadyHitRate(mixes.of(i), entries) : 1;
    let churn = 0;
    if (pps > 0) {
      for (let k = from; k < to; k++) {
        const u = onLcore[k];
        const p = T.pps[u];
        churn += p > 0 ? p * Math.min(1, T.newFlowsPerSec[u] / p) : 0;
      }
      churn /= pps;
    }
    const hitRate = che * (1 - churn);
    const base = hitRate * c.fastPathCyclesPerPacket + (1 - hitRate) * c.slowPathCyclesPerPacket;
    let cycles = 0;
    for (let k = from; k < to; k++) {
      const u = onLcore[k];
      cycles += T.pps[u] * base * (isRemote(T.home[u], l.numaNode, offUplinks) ? penalty : 1);
    }
    const cyclesPerPacket = pps > 0 ? cycles / pps : base;
    const capacityPps = clock / cyclesPerPacket;
    const servedPps = Math.min(pps, capacityPps);
    const lcore = blankLcoreModel(l.index, l.numaNode, to - from, stateKey);
    lcore.pps = pps;
    lcore.hitRate = hitRate;
    lcore.churnMissShare = churn;
    lcore.cyclesPerPacket = cyclesPerPacket;
    lcore.utilization = cycles / clock;
    lcore.capacityPps = capacityPps;
    lcore.servedPps = servedPps;
    lcore.dropPps = pps - servedPps;
    lcores[i] = lcore;
  }
  return lcores;
}

// V8 gives each field of a hidden class the representation of the first value stored in it, for
// every object of that class built later: a field that first holds a small integer and later a
// fraction makes V8 retire the class and throw away the optimized code of every function that read
// it. The first switch of a design is often idle (every figure 0) and drops come late (in the 200
// realistic files of the jobs bench, the first dropping switch was in the 44th: switchResult and ten
// functions reading switch and lcore models were recompiled). So the models are built blank, every
// figure NaN (a double), and filled in: their figures are doubles from the first model on, and an
// integer stored later fits a double field as it is.

/**
 * A switch model with its figures still NaN (switchResult fills them in and adds `lcores` and
 * `mbuf` after the accessor, as the interface orders them). Built in this order (the
 * accessor defined between plain properties, never over one) so every switch model shares one
 * hidden class: redefining a data property as an accessor turned each into a dictionary object,
 * slower to build (≈ 5 µs each) and to read.
 */
function blankSwitchModel(name: string, mode: SwitchModel['mode'], lcoreAssignment: SwitchModel['lcoreAssignment']): SwitchModel {
  return new BlankSwitch(name, mode, lcoreAssignment);
}

/** A switch model with its figures NaN (made by `new`, not as a literal: see plain.ts). */
const BlankSwitch = plainConstructor(function (this: SwitchModel, name: string, mode: SwitchModel['mode'], lcoreAssignment: SwitchModel['lcoreAssignment']) {
  this.name = name;
  this.mode = mode;
  this.lcoreAssignment = lcoreAssignment;
  this.offeredPps = NaN;
  this.packetBytes = NaN;
  this.rxPps = NaN;
  this.txPps = NaN;
  this.lineRatePps = NaN;
  this.capacityPps = NaN;
  this.lcoreDropPps = NaN;
  this.lineDropPps = NaN;
  this.dropPps = NaN;
  this.dropRate = NaN;
  this.heritageBreakEvenHitRate = NaN;
  this.hitRate = NaN;
  this.churnMissShare = NaN;
  this.entries = NaN;
  this.imbalance = NaN;
  this.maxUtilization = NaN;
  this.coresUsed = new Cores();
  Object.defineProperty(this, 'cacheCurve', LAZY_CURVE);
});

/** A switch's or a host's cores used, NaN first (see plain.ts). */
export const Cores = plainConstructor(function (this: CoresUsed) {
  this.edpPerformance = NaN;
  this.edpStandard = NaN;
  this.heritage = NaN;
});

/**
 * An lcore model with its figures still NaN (lcoreModels fills them in). `assigned` (an object
 * per queue) is for the output only: built on first read, between the plain properties in the
 * order a literal would give them (JSON keeps that order), with the same accessor pair on every
 * lcore so all share one hidden class. `state` is the descriptor of the switch's hidden key.
 */
function blankLcoreModel(index: number, numaNode: number, queues: number, state: PropertyDescriptor): LcoreModel {
  return new BlankLcore(index, numaNode, queues, state);
}

/** An lcore model with its figures NaN (see plain.ts). */
const BlankLcore = plainConstructor(function (this: LcoreModel, index: number, numaNode: number, queues: number, state: PropertyDescriptor) {
  this.index = index;
  this.numaNode = numaNode;
  this.queues = queues;
  Object.defineProperty(this, 'assigned', LAZY_ASSIGNED);
  this.pps = NaN;
  this.hitRate = NaN;
  this.churnMissShare = NaN;
  this.cyclesPerPacket = NaN;
  this.utilization = NaN;
  this.capacityPps = NaN;
  this.servedPps = NaN;
  this.dropPps = NaN;
  Object.defineProperty(this, ASSIGNED_STATE, state);
});

/**
 * What the lcores of a switch build their `assigned` from, shared by them under a hidden key (as
 * the curve's state): not the queues (an object each, tens of thousands in a large design, which
 * every scavenge during an analysis would copy and the retained analysis keep) but what places
 * them again, resolving the host from its topology the same way, when the output first reads one.
 */
const ASSIGNED_STATE = Symbol('assigned');

// AssignedSource and CurveState are classes, not literals (here as in analyzer.ts HostEntry and
// cluster.ts Summary): V8 allocates the objects of a literal that mostly outlive a scavenge in the
// old generation from then on (pretenuring), and a dead old object keeps what it points to in the
// young generation alive until the next full collection. These point at the parsed host: after an
// analysis was dropped, its design was copied by the next one's scavenges and promoted (≈ 4 MB
// more copied per realistic analysis). Objects made by `new` are never pretenured.
class AssignedSource {
  byLcore: AssignedQueue[][] | undefined = undefined;

  constructor(
    readonly host: Host,
    readonly hostIndex: number,
    readonly target: Target,
    readonly switchIndex: number,
    readonly offUplinks: readonly boolean[],
  ) {}
}

/** Each lcore's queues, placed again from the topology as switchResult placed them. */
function unitsAgain(s: AssignedSource): { rs: ResolvedSwitch; byLcore: LcoreUnits } {
  const rs = resolveHost(s.host, s.hostIndex, s.target).switches[s.switchIndex];
  const placement = placeQueues(rs.units, rs.firstUnit, rs.endUnit, rs.lcores, rs.sw.lcoreAssignment ?? 'cpu-usage');
  return { rs, byLcore: groupByLcore(placement, rs.firstUnit, rs.lcores.length) };
}

function assignedOf(s: AssignedSource): AssignedQueue[][] {
  const { rs, byLcore } = unitsAgain(s);
  const T = rs.units;
  return rs.lcores.map((l, i) => {
    const out: AssignedQueue[] = [];
    for (let k = byLcore.start[i]; k < byLcore.start[i + 1]; k++) {
      const u = byLcore.units[k];
      out.push({ vm: T.load[u].vm, vnic: T.load[u].vnic, queue: T.queue[u], pps: T.pps[u], flows: T.flows[u], remote: isRemote(T.home[u], l.numaNode, s.offUplinks[i]) });
    }
    return out;
  });
}

const LAZY_ASSIGNED: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: LcoreModel & { [ASSIGNED_STATE]: AssignedSource }) {
    const s = this[ASSIGNED_STATE];
    s.byLcore ??= assignedOf(s);
    return s.byLcore[this.index];
  },
  set(this: LcoreModel & { [ASSIGNED_STATE]: AssignedSource }, v: AssignedQueue[]) {
    const s = this[ASSIGNED_STATE];
    (s.byLcore ??= assignedOf(s))[this.index] = v;
  },
};

/**
 * The curve costs a solver run per table size, more than the rest of the switch together, and
 * only the report panel and the CLI's JSON read it: compute it on first read (JSON.stringify and
 * structured clone read enumerable getters), not on every keystroke. One accessor pair shared by
 * every switch model; each keeps what its curve needs under a hidden (symbol, non-enumerable)
 * key, which neither JSON, structured clone, spread nor deepEqual sees.
 */
const CURVE_STATE = Symbol('cacheCurve');

/** A class, not a literal: see AssignedSource. */
class CurveState {
  mix: FlowMix[] | undefined = undefined;
  value: SwitchModel['cacheCurve'] | undefined = undefined;

  constructor(
    /** Every lcore's mixes while the host's findings are made; then (releaseMixes) the worst lcore's mix if the solver had it built, else what places its queues again. */
    public mixes: LcoreMixes | undefined,
    readonly source: AssignedSource,
    /** The loaded lcore with the lowest hit rate: the curve is its. */
    readonly worst: LcoreModel | undefined,
  ) {}
}

const LAZY_CURVE: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { [CURVE_STATE]: CurveState }) {
    const s = this[CURVE_STATE];
    if (s.value === undefined) {
      const worst = s.worst;
      const mix = worst && (s.mixes ? s.mixes.of(worst.index) : (s.mix ??= mixAgain(s.source, worst.index)));
      s.value = worst && mix ? cacheCurve(mix).map((p) => ({ entries: p.entries, hitRate: p.hitRate * (1 - worst.churnMissShare) })) : [];
    }
    return s.value;
  },
  set(this: { [CURVE_STATE]: CurveState }, v: SwitchModel['cacheCurve']) {
    this[CURVE_STATE].value = v;
  },
};

function mixAgain(source: AssignedSource, lcore: number): FlowMix[] {
  const { rs, byLcore } = unitsAgain(source);
  return mixOf(rs.units, byLcore, lcore);
}

/**
 * A queue pays the cross-NUMA penalty (once) when its lcore is off its `home` node (UnitTable: the
 * VM's node, else the uplinks'), or off every node of the switch's uplinks (the NIC's DMA lands in
 * a remote LLC). A queue with no home (NO_HOME) on a switch without uplinks is never remote.
 */
export function isRemote(home: number, lcoreNode: number, offUplinks: boolean): boolean {
  return (home !== NO_HOME && home !== lcoreNode) || offUplinks;
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
