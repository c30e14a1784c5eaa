// Thread Load Balancer placement (DESIGN §3): which lcore of its switch serves each vNIC queue.
import type { LcoreAssignment } from '../topology';
import { NO_HOME, type ResolvedLcore, type UnitTable } from './resolve';

/**
 * NUMA-local lcores first: those on the queue's home node; when the switch has none there, every
 * lcore is a candidate (the queue is served across the interconnect). A queue with no known home
 * (no VM node, no uplink) may go anywhere.
 *
 * cpu-usage: heaviest queue first (file order on ties), each onto the candidate with the least
 * pps so far (lowest index on ties) — the LPT rule.
 * vnic-count: queues in file order, each onto the candidate holding the fewest queues so far
 * (lowest index on ties), whatever the load: round-robin over the candidates, so counts stay equal.
 *
 * Places the units `first` up to `end` of `units` (a switch's run). Returns the index into `lcores`
 * of each one's lcore, in the units' order (the unit `first + k` at k); -1 for every unit if the
 * switch has no lcores. (Plain arrays and scans: this runs for every switch on every analysis.)
 */
export function placeQueues(units: UnitTable, first: number, end: number, lcores: readonly ResolvedLcore[], assignment: LcoreAssignment): number[] {
  const m = end - first;
  const out = new Array<number>(m).fill(-1);
  const n = lcores.length;
  if (n === 0) return out;
  // Each lcore's load so far: its queues' pps (cpu-usage) or their count (vnic-count). One array
  // (not one of each, the other unused): V8 kept moving the counts between integer and double
  // storage, which threw away placeQueues' optimized code.
  const byCount = assignment === 'vnic-count';
  const load = new Array<number>(n).fill(0);

  const order = byCount ? undefined : heaviestFirst(units.pps, first, m);

  for (let k = 0; k < m; k++) {
    const i = order ? order[k] : k;
    const home = units.home[first + i];
    // The first candidate with the least load: among the home node's lcores, else among all.
    let best = -1;
    if (home !== NO_HOME) {
      for (let l = 0; l < n; l++) if (lcores[l].numaNode === home && (best < 0 || load[l] < load[best])) best = l;
    }
    if (best < 0) {
      best = 0;
      for (let l = 1; l < n; l++) if (load[l] < load[best]) best = l;
    }
    load[best] += byCount ? 1 : units.pps[first + i];
    out[i] = best;
  }
  return out;
}

/**
 * Indices 0…n−1 of the units `first`… by pps, heaviest first, equal pps in file order (pps are
 * finite: the schema bounds them).
 */
function heaviestFirst(all: readonly number[], first: number, n: number): number[] {
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n > 32) {
    // A stable merge sort over the pps (no comparator call per comparison: Array.prototype.sort's
    // callbacks were most of this function's cost).
    return mergeHeaviestFirst(order, all, first);
  }
  // A switch's few queues: an insertion sort (stable too) costs less than the comparator calls.
  for (let i = 1; i < order.length; i++) {
    const x = order[i];
    const pps = all[first + x];
    let j = i - 1;
    while (j >= 0 && all[first + order[j]] < pps) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = x;
  }
  return order;
}

/** `order` sorted by descending `pps[first + i]`, ties in their order (bottom-up merge sort). */
function mergeHeaviestFirst(order: number[], pps: readonly number[], first: number): number[] {
  const n = order.length;
  let from = order;
  let to = new Array<number>(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let k = lo;
      // Take from the left run unless the right one is strictly heavier: equal pps keep their order.
      while (a < mid && b < hi) to[k++] = pps[first + from[b]] > pps[first + from[a]] ? from[b++] : from[a++];
      while (a < mid) to[k++] = from[a++];
      while (b < hi) to[k++] = from[b++];
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}
