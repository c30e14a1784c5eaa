// The reference for the flow-cache solver: Che's approximation summed flow by flow, written
// independently of src/core/model/flowcache.ts (tests and benchmark only; O(N) per step).
import type { FlowMix } from '../../src/core/model/flowcache';

/** Every flow's popularity on the lcore: rank k of source j's strided set, p ∝ weight_j · k^(−s) / Σ_{class} k^(−s). */
export function flowPopularities(mix: readonly FlowMix[]): Float64Array {
  const sources = mix
    .map((m) => ({ n: Math.floor(m.flows), s: Math.max(0, m.zipf), q: m.stride ?? 1, j: m.offset ?? 0, w: m.weight }))
    .filter((m) => m.w > 0 && m.n > m.j);
  const totalWeight = sources.reduce((sum, m) => sum + m.w, 0);
  const p: number[] = [];
  for (const src of sources) {
    const ranks: number[] = [];
    for (let k = src.j + 1; k <= src.n; k += src.q) ranks.push(k);
    let classSum = 0;
    for (let i = ranks.length - 1; i >= 0; i--) classSum += Math.pow(ranks[i], -src.s);
    for (const k of ranks) p.push((src.w / totalWeight) * Math.pow(k, -src.s) / classSum);
  }
  return Float64Array.from(p);
}

/** Σ_i p_i·(1 − e^(−p_i·T)) with Σ_i (1 − e^(−p_i·T)) = C, T by plain bisection: an independent check of the fast solver. */
export function steadyHitRateBruteForce(mix: readonly FlowMix[], entries: number): number {
  return cheOverPopularities(flowPopularities(mix), entries);
}

export function cheOverPopularities(p: Float64Array, entries: number): number {
  if (p.length <= entries) return 1;
  if (entries <= 0) return 0;
  const occupancy = (t: number) => {
    const T = Math.exp(t);
    let sum = 0;
    for (let j = 0; j < p.length; j++) sum -= Math.expm1(-p[j] * T);
    return sum;
  };
  let lo = Math.log(entries);
  let hi = lo + 1;
  while (occupancy(hi) < entries) hi += 1 + (hi - lo);
  for (let iter = 0; iter < 200 && hi - lo > 1e-14 * Math.abs(hi); iter++) {
    const mid = (lo + hi) / 2;
    if (occupancy(mid) < entries) lo = mid; else hi = mid;
  }
  const T = Math.exp((lo + hi) / 2);
  let hit = 0;
  for (let j = 0; j < p.length; j++) hit -= p[j] * Math.expm1(-p[j] * T);
  return hit;
}
