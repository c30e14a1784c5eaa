// Measured flow-cache figures (a switch's `measured` section, imported from the host's flow-stats
// counters) beside the model's prediction. ESXi numbers lcores its own way and places queues by
// its own load balancer, so lcores are paired by NUMA node and order: the k-th measured lcore on
// node N (by id) beside the k-th modelled lcore on node N.
import type { MeasuredLcore, SwitchMeasured } from '../topology';
import type { LcoreModel } from './types';

export interface LcorePair {
  numaNode: number;
  measured?: MeasuredLcore;
  predicted?: LcoreModel;
}

export function pairLcores(measured: readonly MeasuredLcore[], predicted: readonly LcoreModel[]): LcorePair[] {
  const nodes = [...new Set([...measured.map((m) => m.numaNode ?? -1), ...predicted.map((p) => p.numaNode)])].sort((a, b) => a - b);
  const out: LcorePair[] = [];
  for (const node of nodes) {
    const m = measured.filter((x) => (x.numaNode ?? -1) === node).sort((a, b) => a.lcore - b.lcore);
    const p = predicted.filter((x) => x.numaNode === node);
    for (let k = 0; k < Math.max(m.length, p.length); k++) out.push({ numaNode: node, measured: m[k], predicted: p[k] });
  }
  return out;
}

/** Σ hits ÷ Σ (hits + miss) over the lcores with counters, else the mean of their hit rates weighted by pps (or equally). */
export function measuredHitRate(m: SwitchMeasured): number | undefined {
  const counted = m.lcores.filter((l) => l.counters?.hits !== undefined && l.counters?.miss !== undefined);
  const lookups = counted.reduce((n, l) => n + l.counters!.hits + l.counters!.miss, 0);
  if (counted.length > 0 && lookups > 0) return counted.reduce((n, l) => n + l.counters!.hits, 0) / lookups;
  const rated = m.lcores.filter((l) => l.hitRate !== undefined);
  if (rated.length === 0) return undefined;
  const weight = (l: MeasuredLcore) => l.pps ?? 1;
  const total = rated.reduce((n, l) => n + weight(l), 0);
  return total > 0 ? rated.reduce((n, l) => n + l.hitRate! * weight(l), 0) / total : undefined;
}
