// mbuf/* findings: the hot buffer working set of a NUMA node against its share of the LLC.
import type { RawFinding } from '../../findings';
import type { ModelConstants } from '../constants';
import type { HostResult } from '../hostModel';
import { nicRxQueuesOf } from '../switchModel';
import { hostPath, switchPropertyPath } from './format';
import { bytes, count, pct } from '../../present';

export function mbufFindings(hr: HostResult, c: ModelConstants): RawFinding[] {
  const threshold = c['mbuf.llcShare'];
  const h = hr.resolved.index;
  const out: RawFinding[] = [];
  for (const node of hr.model.numaNodes) {
    const m = node.mbuf;
    if (!(m.edp.llcShare > threshold)) continue;
    // Point at the switch that puts the most packets in flight on this node: its rings are the lever.
    let top: { s: (typeof hr.switches)[number]; packets: number } | undefined;
    for (const s of hr.switches) {
      if (!s.resolved.edp) continue;
      const ring = s.resolved.sw.rxRingSize ?? c.rxRingSize;
      // Plain loops (no closures made per switch), summing in the same order as hostResult.
      let lcorePackets = 0;
      for (const l of s.model.lcores) if (l.numaNode === node.id) lcorePackets += ring * l.queues + c.burstSize;
      let nicPackets = 0;
      for (const u of s.resolved.uplinks) if (u.nic.numaNode === node.id) nicPackets += ring * nicRxQueuesOf(u.nic.queues, s.model.lcores.length);
      const packets = lcorePackets + nicPackets;
      if (packets > 0 && (!top || packets > top.packets)) top = { s, packets };
    }
    if (!top) continue;
    const rs = top.s.resolved;
    out.push({
      rule: 'mbuf/working-set-exceeds-llc',
      path: switchPropertyPath(h, rs, 'rxRingSize'),
      message:
        `The EDP working set in the LLC of NUMA node ${node.id} is ${bytes(m.edp.hotBytes + m.flowTableBytes)}: ${bytes(m.edp.hotBytes)} of hot buffers (${count(m.packetsInFlight)} packets in flight in vNIC and NIC rx rings and bursts) and ${bytes(m.flowTableBytes)} of flow tables, ` +
        `${pct(m.edp.llcShare)} of its ${bytes(m.llcBytes)} LLC share, above the ${pct(threshold)} threshold (the heritage stack's buffers would need ${pct(m.heritage.llcShare)}). ` +
        // No "smaller flow tables": an lcore occupies min(entries, flows) entries, so shrinking the
        // table saves LLC only by losing hits, the reverse of flowcache/low-hit-rate's advice.
        `Lower rxRingSize (switch "${rs.sw.name}" uses ${count(rs.sw.rxRingSize ?? c.rxRingSize)}) or serve fewer queues per lcore.`,
      related: [{ path: hostPath(h, 'cpu', 'llcMiB'), message: `LLC ${hr.resolved.host.cpu.llcMiB} MiB per socket` }],
    });
  }
  return out;
}
