// tlb/* findings: Thread Load Balancer outcomes — overloaded lcores, imbalance, uneven lcores.
import type { RawFinding } from '../../findings';
import type { ModelConstants } from '../constants';
import type { HostResult } from '../hostModel';
import type { LcoreModel } from '../types';
import { heaviestOn, type SwitchResult } from '../switchModel';
import { hostPath, lcoreGroupPath, switchPropertyPath } from './format';
import { fixed, pct, plural, rate } from '../../present';

/** Whether an lcore's utilization is above `threshold` (a loop: no closure made per switch). */
function anyAbove(lcores: readonly LcoreModel[], threshold: number): boolean {
  for (const l of lcores) if (l.utilization > threshold) return true;
  return false;
}

export function tlbFindings(hr: HostResult, c: ModelConstants): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of hr.switches) {
    if (!s.resolved.edp) continue;
    // Most switches have none of these: look before building anything.
    if (anyAbove(s.model.lcores, c['tlb.utilization'])) out.push(...overloaded(hr, s, c));
    out.push(...imbalance(hr, s, c));
    if (s.resolved.uplinks.length > 1) out.push(...unevenLcores(hr, s));
  }
  return out;
}

function overloaded(hr: HostResult, s: SwitchResult, c: ModelConstants): RawFinding[] {
  const h = hr.resolved.index;
  const threshold = c['tlb.utilization'];
  const ghz = hr.resolved.host.cpu.ghz;
  return s.model.lcores
    .filter((l) => l.utilization > threshold)
    .map((l): RawFinding => {
      // The first of its queues with the most packets (an overloaded lcore has at least one).
      const T = s.resolved.units;
      const u = heaviestOn(s.byLcore, l.index, T.pps)!;
      const heaviest = { load: T.load[u], pps: T.pps[u] };
      const advice =
        l.queues > 1
          ? `Add lcores on NUMA node ${l.numaNode} so the Thread Load Balancer can move queues off it, or spread the heaviest vNIC "${heaviest.load.vm}/${heaviest.load.vnic}" over more queues.`
          : `It serves one queue (${heaviest.load.vm}/${heaviest.load.vnic}); give that vNIC more queues so RSS spreads it over more lcores, or raise the flow-cache hit rate.`;
      return {
        rule: 'tlb/lcore-overloaded',
        path: lcoreGroupPath(h, s.resolved, l.index),
        about: { lcore: l.index },
        message:
          `lcore ${l.index} of switch "${s.model.name}" (NUMA node ${l.numaNode}) is predicted ${pct(l.utilization)} busy: ${rate(l.pps)} × ${Math.round(l.cyclesPerPacket)} cycles/packet on ${ghz} GHz, above the ${pct(threshold)} threshold. ${advice}`,
        related: [{ path: hostPath(h, 'vms', heaviest.load.vmIndex, 'vnics', heaviest.load.vnicIndex, 'traffic', 'pps'), message: `heaviest queue on lcore ${l.index}: ${rate(heaviest.pps)}` }],
      };
    });
}

function imbalance(hr: HostResult, s: SwitchResult, c: ModelConstants): RawFinding[] {
  const threshold = c['tlb.imbalance'];
  const m = s.model;
  if (m.lcores.length < 2 || !(m.imbalance > threshold) || !(m.maxUtilization > c['tlb.imbalanceMinUtilization'])) return [];
  const busiest = m.lcores.reduce((a, b) => (b.utilization > a.utilization ? b : a));
  const queues = m.lcores.reduce((n, l) => n + l.queues, 0);
  const advice =
    queues < m.lcores.length
      ? `It has ${m.lcores.length} lcores but only ${plural(queues, 'queue')} with traffic, so some lcores idle; give vNICs more queues or use fewer lcores.`
      : m.lcoreAssignment === 'vnic-count'
      ? 'vnic-count deals vNICs without regard to load; set "lcoreAssignment": "cpu-usage", or give heavy vNICs more queues.'
      : 'The heaviest queues cannot be split further by the Thread Load Balancer; give heavy vNICs more queues so RSS spreads them.';
  return [
    {
      rule: 'tlb/imbalance',
      path: switchPropertyPath(hr.resolved.index, s.resolved, 'lcoreAssignment'),
      message:
        `lcore load on switch "${m.name}" is uneven: the busiest lcore (${busiest.index}) is at ${pct(m.maxUtilization)}, ${fixed(m.imbalance, 2)}× the mean of ${pct(m.maxUtilization / m.imbalance)}, above the ${fixed(threshold, 2)}× threshold. ${advice}`,
    },
  ];
}

function unevenLcores(hr: HostResult, s: SwitchResult): RawFinding[] {
  const rs = s.resolved;
  const nodes = [...new Set(rs.uplinks.map((u) => u.nic.numaNode))];
  if (nodes.length < 2) return [];
  const counts = nodes.map((n) => rs.lcores.filter((l) => l.numaNode === n).length);
  if (counts.every((n) => n === counts[0])) return [];
  const detail = nodes.map((n, i) => `${counts[i]} on node ${n}`).join(', ');
  return [
    {
      rule: 'tlb/uneven-lcores',
      path: switchPropertyPath(hr.resolved.index, rs, 'lcores'),
      message:
        `Switch "${rs.sw.name}" has uplinks on NUMA nodes ${nodes.join(', ')} but different lcore counts there (${detail}). ` +
        `Assign the same number of lcores on each node its uplinks use (vCloud NFV reference architecture).`,
    },
  ];
}
