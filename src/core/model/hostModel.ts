// Per-host figures: its switches, its NUMA nodes (lcores, mbuf against the LLC), cores consumed.
import type { Host } from '../topology';
import type { ModelConstants } from './constants';
import { flowTableBytesOf, numaMbufOf } from './mbuf';
import type { ResolvedHost } from './resolve';
import { nicRxQueuesOf, type SwitchResult, switchResult } from './switchModel';
import type { HostModel, NumaModel, SwitchModel } from './types';

const MIB = 1024 * 1024;

export interface HostResult {
  model: HostModel;
  resolved: ResolvedHost;
  switches: SwitchResult[];
}

export function hostResult(rh: ResolvedHost, c: ModelConstants): HostResult {
  const switches: SwitchResult[] = new Array<SwitchResult>(rh.switches.length);
  for (let i = 0; i < switches.length; i++) switches[i] = switchResult(rh.switches[i], rh, c);
  const numaNodes: NumaModel[] = new Array<NumaModel>(rh.nodes.length);
  for (let n = 0; n < numaNodes.length; n++) {
    const node = rh.nodes[n];
    let lcores = 0;
    let packets = 0;
    let flowTableBytes = 0;
    for (const s of switches) {
      if (!s.resolved.edp) continue;
      const ring = s.resolved.sw.rxRingSize ?? c.rxRingSize;
      for (const l of s.model.lcores) {
        if (l.numaNode !== node.id) continue;
        lcores += 1;
        packets += ring * l.queues + c.burstSize;
        if (l.queues > 0) flowTableBytes += flowTableBytesOf(s.model.entries, s.flowsByLcore[l.index], c);
      }
      // The uplinks' receive rings fill buffers on the NIC's node.
      for (const u of s.resolved.uplinks) if (u.nic.numaNode === node.id) packets += ring * nicRxQueuesOf(u.nic.queues, s.model.lcores.length);
    }
    const llcBytes = llcBytesOf(rh.host, rh.nodes, node.socket);
    numaNodes[n] = { id: node.id, socket: node.socket, cores: node.cores, lcores, mbuf: numaMbufOf(packets, flowTableBytes, llcBytes, c) };
  }
  const models: SwitchModel[] = new Array<SwitchModel>(switches.length);
  let edpPerformance = 0;
  let edpStandard = 0;
  let heritage = 0;
  for (let i = 0; i < switches.length; i++) {
    const m = switches[i].model;
    models[i] = m;
    edpPerformance += m.coresUsed.edpPerformance;
    edpStandard += m.coresUsed.edpStandard;
    heritage += m.coresUsed.heritage;
  }
  const coresUsed = { edpPerformance, edpStandard, heritage };
  const name = rh.host.name;
  const cluster = rh.host.cluster;
  const model: HostModel = cluster !== undefined ? { name, cluster, numaNodes, switches: models, coresUsed } : { name, numaNodes, switches: models, coresUsed };
  return { model, resolved: rh, switches };
}

/** The socket's LLC (llcMiB is per socket) split evenly over the NUMA nodes on that socket. */
function llcBytesOf(host: Host, nodes: readonly { socket: number }[], socket: number): number {
  let sharing = 0;
  for (const n of nodes) if (n.socket === socket) sharing++;
  return (host.cpu.llcMiB * MIB) / Math.max(1, sharing);
}
