// flowcache/* findings: predicted hit rate below the threshold, and churn.
import type { RawFinding } from '../../findings';
import type { ModelConstants } from '../constants';
import { entriesForHitRate, MAX_FLOW_TABLE, steadyHitRate } from '../flowcache';
import type { HostResult } from '../hostModel';
import { heaviestOn, lowestHitLcore, type SwitchResult } from '../switchModel';
import { flowTableBytesOf } from '../mbuf';
import { hostPath, switchPropertyPath } from './format';
import { bytes, count, pct } from '../../present';

export function cacheFindings(hr: HostResult, c: ModelConstants): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of hr.switches) if (s.resolved.edp) lowHitRate(hr, s, c, out);
  for (const s of hr.switches) if (s.resolved.edp) churn(hr, s, c, out);
  return out;
}

function lowHitRate(hr: HostResult, s: SwitchResult, c: ModelConstants, out: RawFinding[]): void {
  const threshold = c['flowcache.hitRate'];
  const m = s.model;
  // Loops, no closures made per switch (such a closure loses its optimized code when the
  // collector finds it unused, and V8 compiles it again); the solver is asked in the same order.
  // One size serves every lcore: the largest any low lcore needs, or none if churn caps one.
  let low = 0;
  let capped = false;
  let largest = -Infinity;
  for (const l of m.lcores) {
    if (!(l.pps > 0 && l.hitRate < threshold)) continue;
    low++;
    const n = entriesForHitRate(s.mixes.of(l.index), threshold, l.churnMissShare);
    if (n === undefined) capped = true;
    else largest = Math.max(largest, n);
  }
  if (low === 0) return;
  // The loaded lcore with the lowest hit rate: one of the low ones, as there is one.
  const worst = lowestHitLcore(m.lcores)!;
  // Σ of its queues' flows, as the model summed them.
  const flows = s.flowsByLcore[worst.index];
  const figure =
    `Predicted flow-cache hit rate of switch "${m.name}" is ${pct(worst.hitRate)} on lcore ${worst.index}` +
    (m.lcores.length > 1 ? ` (switch mean ${pct(m.hitRate)})` : '') +
    `, below the ${pct(threshold)} threshold: ${count(m.entries)} entries per lcore for ${count(flows)} flows.`;
  let advice: string;
  if (!capped) {
    const entries = largest;
    const reached = steadyHitRate(s.mixes.of(worst.index), entries) * (1 - worst.churnMissShare);
    // The table is not free: its occupied entries join the mbuf hot set in the LLC (docs/MODEL.md §7).
    const llcCost = flowTableBytesOf(entries, flows, c) - flowTableBytesOf(m.entries, flows, c);
    advice = ` Raise flowCache.entries to ${count(entries)} for a ${pct(reached)} hit rate on lcore ${worst.index}; its table then takes ${bytes(flowTableBytesOf(entries, flows, c))} of LLC (+${bytes(llcCost)}, ${count(c.flowEntryBytes)} B per entry).`;
  } else {
    const best = steadyHitRate(s.mixes.of(worst.index), MAX_FLOW_TABLE) * (1 - worst.churnMissShare);
    advice =
      worst.churnMissShare > 1 - threshold
        ? ` No table size reaches it: new flows alone make ${pct(worst.churnMissShare)} of the packets miss. Reduce newFlowsPerSec (longer-lived flows) or accept the slow-path cost.`
        : ` No table size reaches it (${pct(best)} at ${count(MAX_FLOW_TABLE)} entries): there are too many flows per lcore. Spread the flows over more lcores or queues, or reduce churn.`;
  }
  out.push({ rule: 'flowcache/low-hit-rate', path: switchPropertyPath(hr.resolved.index, s.resolved, 'flowCache'), message: figure + advice, related: heaviestRelated(hr, s, worst.index) });
}

function heaviestRelated(hr: HostResult, s: SwitchResult, lcore: number): RawFinding['related'] {
  const T = s.resolved.units;
  const u = heaviestOn(s.byLcore, lcore, T.flows);
  if (u === undefined) return undefined;
  const load = T.load[u];
  return [{ path: hostPath(hr.resolved.index, 'vms', load.vmIndex, 'vnics', load.vnicIndex, 'traffic', 'flows'), message: `most flows on lcore ${lcore}: vNIC "${load.vm}/${load.vnic}"` }];
}

function churn(hr: HostResult, s: SwitchResult, c: ModelConstants, out: RawFinding[]): void {
  const threshold = c['flowcache.churn'];
  const h = hr.resolved.index;
  const rs = s.resolved;
  const T = rs.units;
  for (let u = rs.firstUnit; u < rs.endUnit; u++) {
    // Once per vNIC, on its queue 0 (a vNIC's units are its queues 0…q−1; new flows follow the
    // packets, so the queue's ratio is the vNIC's).
    if (T.queue[u] !== 0) continue;
    const share = Math.min(1, T.newFlowsPerSec[u] / T.pps[u]);
    if (!(share > threshold)) continue;
    const load = T.load[u];
    out.push({
      rule: 'flowcache/churn',
      path: hostPath(h, 'vms', load.vmIndex, 'vnics', load.vnicIndex, 'traffic', 'newFlowsPerSec'),
      message:
        `New flows of vNIC "${load.vm}/${load.vnic}" make ${pct(share)} of its packets miss the flow cache (first packet of each flow takes the slow path), above the ${pct(threshold)} threshold; ` +
        `no cache size helps. Expect the slow-path cost on those packets, or reduce churn (longer-lived connections).`,
    });
  }
}
