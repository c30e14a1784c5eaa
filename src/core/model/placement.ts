// Thread Load Balancer placement (DESIGN §3): which lcore of its switch serves each vNIC queue.
import type { LcoreAssignment } from '../topology';
import type { ResolvedLcore, WorkUnit } from './resolve';

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
 * Returns the index into `lcores` of each unit's lcore, in the units' order; -1 for every unit if
 * the switch has no lcores. (Plain arrays and scans: this runs for every switch on every analysis.)
 */
export function placeQueues(units: readonly WorkUnit[], lcores: readonly ResolvedLcore[], assignment: LcoreAssignment): number[] {
  const out = new Array<number>(units.length).fill(-1);
  const n = lcores.length;
  if (n === 0) return out;
  const pps = new Array<number>(n).fill(0);
  const count = new Array<number>(n).fill(0);
  const load = assignment === 'vnic-count' ? count : pps;

  const order = assignment === 'vnic-count' ? undefined : heaviestFirst(units);

  for (let k = 0; k < units.length; k++) {
    const i = order ? order[k] : k;
    const unit = units[i];
    const home = unit.home;
    // The first candidate with the least load: among the home node's lcores, else among all.
    let best = -1;
    if (home !== undefined) {
      for (let l = 0; l < n; l++) if (lcores[l].numaNode === home && (best < 0 || load[l] < load[best])) best = l;
    }
    if (best < 0) {
      best = 0;
      for (let l = 1; l < n; l++) if (load[l] < load[best]) best = l;
    }
    pps[best] += unit.pps;
    count[best] += 1;
    out[i] = best;
  }
  return out;
}

/** Unit indices by pps, heaviest first, equal pps in file order (pps are finite: the schema bounds them). */
function heaviestFirst(units: readonly WorkUnit[]): number[] {
  const order = new Array<number>(units.length);
  for (let i = 0; i < units.length; i++) order[i] = i;
  if (units.length > 32) {
    // Array.prototype.sort is stable, so equal pps keep file order. The comparator returns small
    // integers: a difference of pps would be a boxed number per comparison.
    order.sort((a, b) => {
      const pa = units[a].pps;
      const pb = units[b].pps;
      return pb > pa ? 1 : pb < pa ? -1 : 0;
    });
    return order;
  }
  // A switch's few queues: an insertion sort (stable too) costs less than the comparator calls.
  for (let i = 1; i < order.length; i++) {
    const x = order[i];
    const pps = units[x].pps;
    let j = i - 1;
    while (j >= 0 && units[order[j]].pps < pps) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = x;
  }
  return order;
}
