// Per-host figures: its switches, its NUMA nodes (lcores, mbuf against the LLC), cores consumed.
import type { Host } from '../topology';
import type { ModelConstants } from './constants';
import { flowTableBytesOf, footprintOf } from './mbuf';
import type { ResolvedHost } from './resolve';
import { nicRxQueuesOf, sum, type SwitchResult, switchResult } from './switchModel';
import type { HostModel, NumaModel } from './types';

const MIB = 1024 * 1024;

export interface HostResult {
  model: HostModel;
  resolved: ResolvedHost;
  switches: SwitchResult[];
}

export function hostResult(rh: ResolvedHost, c: ModelConstants): HostResult {
  const switches = rh.switches.map((rs) => switchResult(rs, rh.host, c));
  const edp = switches.filter((s) => s.resolved.edp);
  const numaNodes = rh.nodes.map((node): NumaModel => {
    let lcores = 0;
    let packets = 0;
    let flowTableBytes = 0;
    for (const s of edp) {
      const ring = s.resolved.sw.rxRingSize ?? c.rxRingSize;
      for (const l of s.model.lcores) {
        if (l.numaNode !== node.id) continue;
        lcores += 1;
        packets += ring * l.queues + c.burstSize;
        if (l.queues > 0) flowTableBytes += flowTableBytesOf(s.model.entries, sum(s.unitsByLcore[l.index].map((u) => u.flows)), c);
      }
      // The uplinks' receive rings fill buffers on the NIC's node.
      for (const u of s.resolved.uplinks) if (u.nic.numaNode === node.id) packets += ring * nicRxQueuesOf(u.nic.queues, s.model.lcores.length);
    }
    const llcBytes = llcBytesOf(rh.host, rh.nodes, node.socket);
    const f = footprintOf(packets, c);
    const share = (bytes: number) => (llcBytes > 0 ? bytes / llcBytes : 0);
    return {
      id: node.id,
      socket: node.socket,
      cores: node.cores,
      lcores,
      mbuf: {
        packetsInFlight: packets,
        flowTableBytes,
        edp: { ...f.edp, llcShare: share(f.edp.hotBytes + flowTableBytes) },
        heritage: { ...f.heritage, llcShare: share(f.heritage.hotBytes) },
        llcBytes,
      },
    };
  });
  const model: HostModel = {
    name: rh.host.name,
    ...(rh.host.cluster !== undefined ? { cluster: rh.host.cluster } : {}),
    numaNodes,
    switches: switches.map((s) => s.model),
    coresUsed: {
      edpPerformance: sum(switches.map((s) => s.model.coresUsed.edpPerformance)),
      edpStandard: sum(switches.map((s) => s.model.coresUsed.edpStandard)),
      heritage: sum(switches.map((s) => s.model.coresUsed.heritage)),
    },
  };
  return { model, resolved: rh, switches };
}

/** The socket's LLC (llcMiB is per socket) split evenly over the NUMA nodes on that socket. */
function llcBytesOf(host: Host, nodes: readonly { socket: number }[], socket: number): number {
  const sharing = nodes.filter((n) => n.socket === socket).length;
  return (host.cpu.llcMiB * MIB) / Math.max(1, sharing);
}
