// Per-host figures: its switches, its NUMA nodes (lcores, mbuf against the LLC), cores consumed.
import type { Host } from '../topology';
import type { ModelConstants } from './constants';
import { flowTableBytesOf, numaMbufOf } from './mbuf';
import { plainConstructor } from '../plain';
import type { ResolvedHost } from './resolve';
import { Cores, nicRxQueuesOf, type SwitchResult, switchResult } from './switchModel';
import type { CoresUsed, HostModel, NumaMbuf, NumaModel, SwitchModel } from './types';

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
    numaNodes[n] = new Numa(node.id, node.socket, node.cores, lcores, numaMbufOf(packets, flowTableBytes, llcBytes, c));
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
  const coresUsed = new Cores();
  coresUsed.edpPerformance = edpPerformance;
  coresUsed.edpStandard = edpStandard;
  coresUsed.heritage = heritage;
  return new HostParts(new HostFigures(rh.host.name, rh.host.cluster, numaNodes, models, coresUsed), rh, switches);
}

/** A class, not a literal (see plain.ts; internal: its prototype does not matter). */
class HostParts implements HostResult {
  constructor(
    readonly model: HostModel,
    readonly resolved: ResolvedHost,
    readonly switches: SwitchResult[],
  ) {}
}

/** A host's model (see plain.ts); `cluster` is left out when undefined, as JSON would leave it. */
const HostFigures = plainConstructor(function (this: HostModel, name: string, cluster: string | undefined, numaNodes: NumaModel[], switches: SwitchModel[], coresUsed: CoresUsed) {
  this.name = name;
  if (cluster !== undefined) this.cluster = cluster;
  this.numaNodes = numaNodes;
  this.switches = switches;
  this.coresUsed = coresUsed;
});

const Numa = plainConstructor(function (this: NumaModel, id: number, socket: number, cores: number, lcores: number, mbuf: NumaMbuf) {
  this.id = id;
  this.socket = socket;
  this.cores = cores;
  this.lcores = lcores;
  this.mbuf = mbuf;
});

/** The socket's LLC (llcMiB is per socket) split evenly over the NUMA nodes on that socket. */
function llcBytesOf(host: Host, nodes: readonly { socket: number }[], socket: number): number {
  let sharing = 0;
  for (const n of nodes) if (n.socket === socket) sharing++;
  return (host.cpu.llcMiB * MIB) / Math.max(1, sharing);
}
