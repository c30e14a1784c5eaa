// Thread Load Balancer placement (DESIGN §3): which lcore of its switch serves each vNIC queue.
import type { LcoreAssignment } from '../topology';
import type { ResolvedLcore, WorkUnit } from './resolve';

interface Placement {
  /** Index into the switch's lcores. */
  lcore: number;
  /** No lcore of the switch is on the queue's home node: served across the interconnect. */
  remote: boolean;
}

/**
 * NUMA-local lcores first: those on the queue's home node; when the switch has none there, every
 * lcore is a candidate and the queue is remote. A queue with no known home (no VM node, no
 * uplink) may go anywhere and is not counted as remote.
 *
 * cpu-usage: heaviest queue first (file order on ties), each onto the candidate with the least
 * pps so far (lowest index on ties) — the LPT rule.
 * vnic-count: queues in file order, each onto the candidate holding the fewest queues so far
 * (lowest index on ties), whatever the load: round-robin over the candidates, so counts stay equal.
 *
 * Returns one placement per unit, in the units' order; [] placements if the switch has no lcores.
 */
export function placeQueues(units: readonly WorkUnit[], lcores: readonly ResolvedLcore[], assignment: LcoreAssignment): (Placement | undefined)[] {
  const out: (Placement | undefined)[] = units.map(() => undefined);
  if (lcores.length === 0) return out;
  const all = lcores.map((l) => l.index);
  const byNode = new Map<number, number[]>();
  for (const l of lcores) byNode.set(l.numaNode, [...(byNode.get(l.numaNode) ?? []), l.index]);
  const pps = new Array<number>(lcores.length).fill(0);
  const count = new Array<number>(lcores.length).fill(0);
  const load = assignment === 'vnic-count' ? count : pps;

  const order = units.map((_, i) => i);
  // Array.prototype.sort is stable, so equal pps keep file order.
  if (assignment !== 'vnic-count') order.sort((a, b) => units[b].pps - units[a].pps);

  for (const i of order) {
    const unit = units[i];
    const local = unit.home === undefined ? all : byNode.get(unit.home);
    const candidates = local ?? all;
    let best = candidates[0];
    for (const c of candidates) if (load[c] < load[best]) best = c;
    pps[best] += unit.pps;
    count[best] += 1;
    out[i] = { lcore: best, remote: local === undefined };
  }
  return out;
}
