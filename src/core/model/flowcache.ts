// Flow-cache hit rate under the independent reference model with Zipf popularity
// (DESIGN.md §3 "Flow cache"; domain.md §5): Che's approximation for LRU and its
// counterpart for random replacement. Sums over flows take the most popular ranks one by
// one and the long tail by Euler–Maclaurin, so 10^8 flows cost about what 10^4 do.

import { EXACT_RANKS, harmonicNumber, smoothRankSum } from './zipf';

/** One source of flows on an lcore: a vNIC queue's flows, with its share of the lcore's packets. */
export interface FlowMix { flows: number; zipf: number; weight: number }
export type CachePolicy = 'lru' | 'random';

export const MIN_FLOW_TABLE = 4;
export const MAX_FLOW_TABLE = 524288;

/** A source's popularity law: flow k (1-based) has probability scale · k^(−s). */
interface Source { flows: number; s: number; scale: number; head: Float64Array }

/** The active sources of the mix (positive weight and flows), weights normalised. */
function sourcesOf(mix: readonly FlowMix[]): Source[] {
  const active = mix.filter((m) => m.weight > 0 && Math.round(m.flows) > 0);
  const totalWeight = active.reduce((sum, m) => sum + m.weight, 0);
  return active.map((m) => {
    const flows = Math.round(m.flows);
    const s = Math.max(0, m.zipf);
    const scale = m.weight / totalWeight / harmonicNumber(flows, s);
    const head = new Float64Array(Math.min(flows, EXACT_RANKS));
    for (let k = 1; k <= head.length; k++) head[k - 1] = scale * Math.pow(k, -s);
    return { flows, s, scale, head };
  });
}

/** Share of a flow's requests that hit, given x = its popularity × the characteristic time. */
function itemHit(x: number, policy: CachePolicy): number {
  return policy === 'lru' ? -Math.expm1(-x) : x / (1 + x);
}

/** x · d(itemHit)/dx: how a flow's occupancy grows with ln T (for Newton's step). */
function itemHitLogSlope(x: number, policy: CachePolicy): number {
  return policy === 'lru' ? x * Math.exp(-x) : x / ((1 + x) * (1 + x));
}

/** Σ over every flow of every source of term(p), exact for the head ranks, Euler–Maclaurin beyond. */
function sumOverFlows(sources: readonly Source[], term: (p: number) => number): number {
  let total = 0;
  for (const src of sources) {
    const head = src.head;
    let part = 0;
    for (let i = head.length - 1; i >= 0; i--) part += term(head[i]);
    if (src.flows > head.length) {
      part += smoothRankSum(head.length + 1, src.flows, src.s, (k) => term(src.scale * Math.pow(k, -src.s)));
    }
    total += part;
  }
  return total;
}

/** Flows in the mix that are ever requested. */
function totalFlows(sources: readonly Source[]): number {
  return sources.reduce((sum, src) => sum + src.flows, 0);
}

/**
 * ln T solving Σ_i itemHit(p_i·T) = C (the occupancy equals the cache size), for 0 < C < N.
 * Newton on ln(occupancy) against ln T: that curve is close to concave, so steps approach
 * the root from below without overshooting (in plain occupancy against ln T the curve is
 * convex where most flows have p·T < 1, and Newton crawls). A bracket, shrunk by
 * bisection whenever Newton leaves it, guarantees convergence anyway.
 */
function characteristicLogTime(sources: readonly Source[], entries: number, policy: CachePolicy): number {
  const flows = totalFlows(sources);
  // Lower end: itemHit(x) ≤ x and Σp = 1, so occupancy(C) ≤ C. Upper end: every flow
  // holds at least the least popular one's share, which reaches C/N there.
  const minP = Math.min(...sources.map((src) => src.scale * Math.pow(src.flows, -src.s)));
  const fill = entries / flows;
  let lo = Math.log(entries);
  let hi = Math.log(policy === 'lru' ? -Math.log1p(-fill) / minP : fill / (1 - fill) / minP);
  let t = lo;
  for (let iter = 0; iter < 200; iter++) {
    const T = Math.exp(t);
    const occupancy = sumOverFlows(sources, (p) => itemHit(p * T, policy));
    const excess = Math.log(occupancy / entries);
    if (Math.abs(excess) <= 1e-13) return t;
    if (excess < 0) lo = t; else hi = t;
    if (hi - lo < 1e-15 * Math.max(1, Math.abs(t))) return t;
    const slope = sumOverFlows(sources, (p) => itemHitLogSlope(p * T, policy)) / occupancy;
    const next = t - excess / slope;
    t = next > lo && next < hi ? next : (lo + hi) / 2;
  }
  return t;
}

/** Σ_i p_i · itemHit(p_i·T): the steady-state hit rate, exact per flow (O(N) each step); the reference for tests. */
export function steadyHitRateBruteForce(mix: readonly FlowMix[], entries: number, policy: CachePolicy = 'lru'): number {
  const sources = sourcesOf(mix);
  const flows = totalFlows(sources);
  if (flows <= entries) return 1;
  if (entries <= 0) return 0;
  const p = new Float64Array(flows);
  let i = 0;
  for (const src of sources) for (let k = 1; k <= src.flows; k++) p[i++] = src.scale * Math.pow(k, -src.s);
  const occupancy = (t: number) => {
    const T = Math.exp(t);
    let sum = 0;
    for (let j = 0; j < p.length; j++) sum += itemHit(p[j] * T, policy);
    return sum;
  };
  // Plain bisection on purpose: an independent check of the fast solver.
  let lo = Math.log(entries);
  let hi = lo + 1;
  while (occupancy(hi) < entries) hi += 1 + (hi - lo);
  for (let iter = 0; iter < 100 && hi - lo > 1e-13; iter++) {
    const mid = (lo + hi) / 2;
    if (occupancy(mid) < entries) lo = mid; else hi = mid;
  }
  const T = Math.exp((lo + hi) / 2);
  let hit = 0;
  for (let j = 0; j < p.length; j++) hit += p[j] * itemHit(p[j] * T, policy);
  return hit;
}

/** Steady-state hit rate (0..1) of an exact-match cache of `entries` over the mix, no churn. entries is used as given (caller rounds to a power of two). */
export function steadyHitRate(mix: readonly FlowMix[], entries: number, policy: CachePolicy = 'lru'): number {
  // Most designs size the cache above their flow count: answer those before any set-up work.
  let flows = 0;
  for (const m of mix) if (m.weight > 0) flows += Math.max(0, Math.round(m.flows));
  if (flows <= entries) return 1;
  return hitRateOf(sourcesOf(mix), entries, policy);
}

function hitRateOf(sources: readonly Source[], entries: number, policy: CachePolicy): number {
  if (totalFlows(sources) <= entries) return 1;
  if (!(entries > 0)) return 0;
  const T = Math.exp(characteristicLogTime(sources, entries, policy));
  return Math.min(1, sumOverFlows(sources, (p) => p * itemHit(p * T, policy)));
}

/** Power of two ≥ n, clamped to 4..524288 (NSX `set ens flow-table size`). */
export function roundFlowTableSize(n: number): number {
  let size = MIN_FLOW_TABLE;
  while (size < n && size < MAX_FLOW_TABLE) size *= 2;
  return size;
}

/** hit rate at entries 2^6..2^19 (steady state, no churn) — for the report's curve and advice. */
export function cacheCurve(mix: readonly FlowMix[], policy: CachePolicy = 'lru'): { entries: number; hitRate: number }[] {
  const sources = sourcesOf(mix);
  const curve: { entries: number; hitRate: number }[] = [];
  for (let entries = 2 ** 6; entries <= 2 ** 19; entries *= 2) curve.push({ entries, hitRate: hitRateOf(sources, entries, policy) });
  return curve;
}

/** Smallest power of two in 4..524288 whose steady hit rate × (1 − churnMissShare) reaches `target`, or undefined. */
export function entriesForHitRate(mix: readonly FlowMix[], target: number, churnMissShare: number, policy: CachePolicy = 'lru'): number | undefined {
  const sources = sourcesOf(mix);
  const reaches = (entries: number) => hitRateOf(sources, entries, policy) * (1 - churnMissShare) >= target;
  if (!reaches(MAX_FLOW_TABLE)) return undefined;
  // The hit rate grows with the cache size, so bisect over the exponents 2..19.
  let lo = Math.log2(MIN_FLOW_TABLE) - 1; // exponent known not to be needed (or below the range)
  let hi = Math.log2(MAX_FLOW_TABLE); // exponent known to reach the target
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (reaches(2 ** mid)) hi = mid; else lo = mid;
  }
  return 2 ** hi;
}
