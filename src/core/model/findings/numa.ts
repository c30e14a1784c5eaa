// numa/* findings: lcores, uplinks and VMs that sit on different NUMA nodes (domain.md §1, §6).
import type { RawFinding } from '../../findings';
import type { ModelConstants } from '../constants';
import type { HostResult } from '../hostModel';
import type { ResolvedSwitch, ResolvedUplink } from '../resolve';
import { isRemote } from '../switchModel';
import { hostPath, switchPropertyPath } from './format';
import { count, pct, plural } from '../../present';

export function numaFindings(hr: HostResult, c: ModelConstants): RawFinding[] {
  // Pushed onto an array literal's (not a spread's, which is of small integers while empty): the
  // pushes below then meet one elements kind, which their optimized code expects.
  const out = lcoreRemoteNic(hr, c);
  out.push(...uplinksSplit(hr));
  vmRemote(hr, c, out);
  out.push(...lcoreOvercommit(hr));
  // The per-VM rules run on every host of every analysis: plain loops, no array per VM, and a
  // pointer only for a finding.
  vmSpansNodes(hr, out);
  lbsNotAligned(hr, out);
  return out;
}

// These run for every host of every analysis: plain loops, no closure made per call (such a
// closure loses its optimized code when the collector finds it unused, and V8 compiles it again).

function edpSwitches(hr: HostResult): ResolvedSwitch[] {
  const out: ResolvedSwitch[] = [];
  for (const rs of hr.resolved.switches) if (rs.edp) out.push(rs);
  return out;
}

/** The distinct NUMA nodes of the switch's lcores, in order of first appearance. */
function lcoreNodes(rs: ResolvedSwitch): number[] {
  const nodes: number[] = [];
  for (const l of rs.lcores) if (!nodes.includes(l.numaNode)) nodes.push(l.numaNode);
  return nodes;
}

/** The distinct NUMA nodes of the switch's uplinks, in order of first appearance. */
function uplinkNodesOf(rs: ResolvedSwitch): number[] {
  const nodes: number[] = [];
  for (const u of rs.uplinks) if (!nodes.includes(u.nic.numaNode)) nodes.push(u.nic.numaNode);
  return nodes;
}

function nodeList(nodes: readonly number[]): string {
  return nodes.length === 0 ? 'none' : `node${nodes.length > 1 ? 's' : ''} ${nodes.join(', ')}`;
}

function lcoresRelated(h: number, rs: ResolvedSwitch): RawFinding['related'] {
  return [{ path: switchPropertyPath(h, rs, 'lcores'), message: `lcores of switch "${rs.sw.name}"` }];
}

function lcoreRemoteNic(hr: HostResult, c: ModelConstants): RawFinding[] {
  const h = hr.resolved.index;
  const out: RawFinding[] = [];
  for (const rs of edpSwitches(hr)) {
    const nodes = lcoreNodes(rs);
    // The model charges the NIC side only when no lcore sits by any uplink (switchModel isRemote):
    // with a local uplink, NUMA-aware teaming keeps the traffic there.
    let allRemote = rs.lcores.length > 0;
    for (const u of rs.uplinks) if (nodes.includes(u.nic.numaNode)) allRemote = false;
    for (const up of rs.uplinks) {
      const node = up.nic.numaNode;
      if (nodes.includes(node)) continue;
      const cost = allRemote
        ? `Every packet of the switch crosses the interconnect between the NIC and the lcores and costs ${pct(c.crossNumaPenalty)} more cycles (crossNumaPenalty).`
        : `Traffic the team sends through it crosses the interconnect to the lcores (the model assumes NUMA-aware teaming keeps traffic on the uplinks by the lcores and charges nothing for it).`;
      out.push({
        rule: 'numa/lcore-remote-nic',
        path: hostPath(h, 'switches', rs.index, 'uplinks', up.index),
        about: { nic: up.nicIndex },
        message:
          `Uplink "${up.nic.name}" of switch "${rs.sw.name}" is on NUMA node ${node}, but the switch has no lcores there (lcores on ${nodeList(nodes)}). ` +
          `${cost} Add an lcore group { "numaNode": ${node}, "count": … }.`,
        related: [{ path: hostPath(h, 'nics', up.nicIndex, 'numaNode'), message: `NIC "${up.nic.name}" is on NUMA node ${node}` }, ...lcoresRelated(h, rs)!],
      });
    }
  }
  return out;
}

/**
 * A LAG across NUMA nodes defeats NUMA-aware teaming (domain.md §6). A switch that declares
 * `lags` says which uplinks aggregate: each LAG is checked on its own NICs, and uplinks in
 * different LAGs (or in none) may sit on different nodes, one per node being the NUMA-aware
 * design. A switch without `lags` teams all its uplinks as one group: they are checked together.
 */
function uplinksSplit(hr: HostResult): RawFinding[] {
  const h = hr.resolved.index;
  const out: RawFinding[] = [];
  const related = (members: ResolvedUplink[]) => members.map((u) => ({ path: hostPath(h, 'nics', u.nicIndex, 'numaNode'), message: `NIC "${u.nic.name}" is on NUMA node ${u.nic.numaNode}` }));
  const split = (members: ResolvedUplink[]) => {
    const first = members[0];
    const other = first && members.find((u) => u.nic.numaNode !== first.nic.numaNode);
    return other ? { first, other, nodes: [...new Set(members.map((u) => u.nic.numaNode))] } : undefined;
  };
  for (const rs of edpSwitches(hr)) {
    const lags = rs.sw.lags ?? [];
    if (lags.length === 0) {
      const s = split(rs.uplinks);
      if (!s) continue;
      out.push({
        rule: 'numa/uplinks-split',
        path: hostPath(h, 'switches', rs.index, 'uplinks', s.other.index),
        about: { nic: s.other.nicIndex },
        message:
          `The uplinks of switch "${rs.sw.name}" sit on NUMA ${nodeList(s.nodes)}: "${s.first.nic.name}" on node ${s.first.nic.numaNode}, "${s.other.nic.name}" on node ${s.other.nic.numaNode}. ` +
          `A LAG across NUMA nodes disables NUMA-aware Load Balanced Source teaming. Use uplinks of one node (or one switch per node).`,
        related: related([s.first, s.other]),
      });
      continue;
    }
    const byName = new Map(rs.uplinks.map((u) => [u.nic.name, u] as const));
    lags.forEach((lag, l) => {
      // A member that is no uplink of the switch is ref/unknown-uplink's; its node proves nothing here.
      const members = (Array.isArray(lag.uplinks) ? lag.uplinks : []).flatMap((name, m) => {
        const u = byName.get(name);
        return u ? [{ u, m }] : [];
      });
      const s = split(members.map((x) => x.u));
      if (!s) return;
      const at = members.find((x) => x.u === s.other)!.m;
      out.push({
        rule: 'numa/uplinks-split',
        path: hostPath(h, 'switches', rs.index, 'lags', l, 'uplinks', at),
        about: { nic: s.other.nicIndex },
        message:
          `LAG "${lag.name}" of switch "${rs.sw.name}" takes NICs on NUMA ${nodeList(s.nodes)}: "${s.first.nic.name}" on node ${s.first.nic.numaNode}, "${s.other.nic.name}" on node ${s.other.nic.numaNode}. ` +
          `A LAG across NUMA nodes disables NUMA-aware Load Balanced Source teaming. Use NICs of one node in the LAG (or one LAG per node).`,
        related: related([s.first, s.other]),
      });
    });
  }
  return out;
}

interface EdpSwitchInfo {
  uplinkNodes: number[];
  lcoreNodes: number[];
  /** Remote queues by VM index, when the switch has any. */
  remoteByVm: Map<number, number> | undefined;
}

function edpSwitchInfo(sr: HostResult['switches'][number]): EdpSwitchInfo {
  let remoteByVm: Map<number, number> | undefined;
  const lcores = sr.model.lcores;
  // From the work units, not the lcores' `assigned` (built only when the output reads it).
  const { start, units } = sr.byLcore;
  const T = sr.resolved.units;
  for (let i = 0; i < lcores.length; i++) {
    for (let k = start[i]; k < start[i + 1]; k++) {
      if (!isRemote(T.home[units[k]], lcores[i].numaNode, sr.offUplinks[i])) continue;
      const vm = T.load[units[k]].vmIndex;
      remoteByVm ??= new Map();
      remoteByVm.set(vm, (remoteByVm.get(vm) ?? 0) + 1);
    }
  }
  return { uplinkNodes: uplinkNodesOf(sr.resolved), lcoreNodes: lcoreNodes(sr.resolved), remoteByVm };
}

function vmRemote(hr: HostResult, c: ModelConstants, out: RawFinding[]): void {
  const h = hr.resolved.index;
  const hostNodes = hr.resolved.nodes;
  const vms = hr.resolved.host.vms ?? [];
  // Per EDP switch, once (not per VM): its uplink and lcore nodes and each VM's remote queues.
  const info: (EdpSwitchInfo | undefined)[] = [];
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    const vmNode = vm.numaNode;
    if (vmNode === undefined || !hasNode(hostNodes, vmNode)) continue;
    for (let n = 0; n < vm.vnics.length; n++) {
      const name = vm.vnics[n].switch;
      // Each switch the VM uses once, in the order its vNICs first name them.
      if (namedBefore(vm.vnics, n, name)) continue;
      // The first switch of that name (an EDP one only).
      let si = 0;
      while (si < hr.switches.length && hr.switches[si].resolved.sw.name !== name) si++;
      if (si === hr.switches.length) si = -1;
      const sr = si >= 0 ? hr.switches[si] : undefined;
      if (!sr?.resolved.edp) continue;
      const { uplinkNodes, lcoreNodes: nodes, remoteByVm } = (info[si] ??= edpSwitchInfo(sr));
      const rs = sr.resolved;
      if (uplinkNodes.length > 0 && !uplinkNodes.includes(vmNode)) {
        // Advise the uplink node where the switch also has lcores: there nothing crosses. The
        // quick fix reads the node from the related NIC.
        const up = rs.uplinks.find((u) => nodes.includes(u.nic.numaNode)) ?? rs.uplinks[0];
        const target = up.nic.numaNode;
        out.push({
          rule: 'numa/vm-remote',
          path: hostPath(h, 'vms', v, 'numaNode'),
          // The path names the VM; the switch whose uplinks it is away from is known only here.
          about: { switch: rs.index },
          message:
            `VM "${vm.name}" is on NUMA node ${vmNode}, but the uplinks of its switch "${rs.sw.name}" are on ${nodeList(uplinkNodes)}: whichever lcore serves it, its packets cross the interconnect at ${pct(c.crossNumaPenalty)} more cycles per packet. ` +
            `Move the VM to node ${target} (numaNode: ${target}) or give the switch an uplink on node ${vmNode}.`,
          related: [{ path: hostPath(h, 'nics', up.nicIndex, 'numaNode'), message: `Uplink "${up.nic.name}" is on NUMA node ${up.nic.numaNode}` }],
        });
        continue;
      }
      const remoteQueues = remoteByVm?.get(v) ?? 0;
      if (remoteQueues === 0) continue;
      // Moving the VM only helps onto a node with both lcores and an uplink; elsewhere the next
      // finding would send it back.
      const moveTo = uplinkNodes.length > 0 ? nodes.filter((n) => uplinkNodes.includes(n)) : nodes;
      out.push({
        rule: 'numa/vm-remote',
        path: hostPath(h, 'vms', v, 'numaNode'),
        about: { switch: rs.index },
        message:
          `VM "${vm.name}" is on NUMA node ${vmNode}, but switch "${rs.sw.name}" has no lcores there (lcores on ${nodeList(nodes)}), so its ${remoteQueues === 1 ? 'queue is' : `${count(remoteQueues)} queues are`} served across the interconnect at ${pct(c.crossNumaPenalty)} more cycles per packet. ` +
          `Add an lcore group { "numaNode": ${vmNode}, "count": … }${moveTo.length > 0 ? ` or move the VM to ${nodeList(moveTo)}` : ''}.`,
        related: lcoresRelated(h, rs),
      });
    }
  }
}

function namedBefore(vnics: readonly { switch: string }[], n: number, name: string): boolean {
  for (let k = 0; k < n; k++) if (vnics[k].switch === name) return true;
  return false;
}

// Loops, not some/find with arrow functions: those allocated a closure per VM per rule.
function hasNode(nodes: readonly { id: number }[], id: number): boolean {
  for (const n of nodes) if (n.id === id) return true;
  return false;
}

function nodeWithId<N extends { id: number }>(nodes: readonly N[], id: number): N | undefined {
  for (const n of nodes) if (n.id === id) return n;
  return undefined;
}

function usesEdp(hr: HostResult, vnics: readonly { switch: string }[]): boolean {
  for (const n of vnics) if (isEdpName(hr, n.switch)) return true;
  return false;
}

function busyOnEdpAny(hr: HostResult, vnics: readonly { switch: string; traffic?: { pps: number } }[]): boolean {
  for (const n of vnics) if (busyOnEdp(hr, n)) return true;
  return false;
}

/** A vNIC with traffic on an EDP switch. */
function busyOnEdp(hr: HostResult, vnic: { switch: string; traffic?: { pps: number } }): boolean {
  return (vnic.traffic?.pps ?? 0) > 0 && isEdpName(hr, vnic.switch);
}

/** Whether `name` is the name of an EDP switch of the host. */
function isEdpName(hr: HostResult, name: string): boolean {
  for (const rs of hr.resolved.switches) if (rs.edp && rs.sw.name === name) return true;
  return false;
}

function lcoreOvercommit(hr: HostResult): RawFinding[] {
  const h = hr.resolved.index;
  const host = hr.resolved.host;
  const out: RawFinding[] = [];
  for (const node of hr.model.numaNodes) {
    if (node.lcores <= node.cores) continue;
    const declared = host.numaNodes?.findIndex((n) => n.id === node.id) ?? -1;
    const path = declared >= 0 && host.numaNodes?.length ? hostPath(h, 'numaNodes', declared, 'cores') : hostPath(h, 'cpu', 'coresPerSocket');
    const parts: string[] = [];
    const related: NonNullable<RawFinding['related']> = [];
    for (const rs of edpSwitches(hr)) {
      const n = rs.lcores.filter((l) => l.numaNode === node.id).length;
      if (n === 0) continue;
      parts.push(`"${rs.sw.name}" ${n}`);
      (rs.sw.lcores ?? []).forEach((g, i) => {
        if (g.numaNode === node.id) related.push({ path: hostPath(h, 'switches', rs.index, 'lcores', i, 'count'), message: `${plural(g.count, 'lcore')} of switch "${rs.sw.name}" on NUMA node ${node.id}` });
      });
    }
    out.push({
      rule: 'numa/lcore-overcommit',
      path,
      message:
        `NUMA node ${node.id} of host "${host.name}" has ${node.cores} cores, but its EDP switches place ${node.lcores} lcores on it (${parts.join(', ')}). ` +
        `Lower lcores[].count or move lcore groups to another node.`,
      related,
    });
  }
  return out;
}

function vmSpansNodes(hr: HostResult, out: RawFinding[]): void {
  const h = hr.resolved.index;
  const nodes = hr.resolved.nodes;
  const vms = hr.resolved.host.vms ?? [];
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    if (vm.vcpus === undefined || !usesEdp(hr, vm.vnics)) continue;
    const own = vm.numaNode === undefined ? undefined : nodeWithId(nodes, vm.numaNode);
    let cores = own ? own.cores : 0;
    if (!own) for (const n of nodes) cores = Math.max(cores, n.cores);
    if (vm.vcpus <= cores) continue;
    const where = own ? `its NUMA node ${own.id} has` : 'the largest NUMA node has';
    out.push({
      rule: 'numa/vm-spans-nodes',
      path: hostPath(h, 'vms', v, 'vcpus'),
      message:
        `VM "${vm.name}" has ${vm.vcpus} vCPUs, but ${where} ${cores} cores, so it spans NUMA nodes and the datapath cannot align it. ` +
        `Give it at most ${cores} vCPUs or split the workload.`,
    });
  }
}

function lbsNotAligned(hr: HostResult, out: RawFinding[]): void {
  const h = hr.resolved.index;
  const vms = hr.resolved.host.vms ?? [];
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    if (!busyOnEdpAny(hr, vm.vnics)) continue;
    if (vm.latencySensitivity !== 'high') {
      out.push({
        rule: 'numa/lbs-not-aligned',
        path: hostPath(h, 'vms', v, vm.latencySensitivity === undefined ? 'name' : 'latencySensitivity'),
        message:
          `VM "${vm.name}" carries EDP traffic but its latency sensitivity is ${vm.latencySensitivity ?? 'not set (normal)'}, so NUMA-aware Load Balanced Source teaming does not align it. ` +
          `Set "latencySensitivity": "high".`,
      });
    }
    for (let i = 0; i < vm.vnics.length; i++) {
      const n = vm.vnics[i];
      if (n.adapter === undefined || n.adapter === 'vmxnet3' || !busyOnEdp(hr, n)) continue;
      out.push({
        rule: 'numa/lbs-not-aligned',
        path: hostPath(h, 'vms', v, 'vnics', i, 'adapter'),
        message: `vNIC "${n.name}" of VM "${vm.name}" uses ${n.adapter}, so NUMA-aware Load Balanced Source teaming does not apply. Use "adapter": "vmxnet3".`,
      });
    }
  }
}
