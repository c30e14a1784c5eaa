// numa/* findings: lcores, uplinks and VMs that sit on different NUMA nodes (domain.md §1, §6).
import type { RawFinding } from '../../findings';
import type { ModelConstants } from '../constants';
import type { HostResult } from '../hostModel';
import type { ResolvedSwitch, ResolvedUplink } from '../resolve';
import { hostPath, switchPropertyPath } from './format';
import { count, pct, plural } from '../../present';

export function numaFindings(hr: HostResult, c: ModelConstants): RawFinding[] {
  return [...lcoreRemoteNic(hr, c), ...uplinksSplit(hr), ...vmRemote(hr, c), ...lcoreOvercommit(hr), ...vmSpansNodes(hr), ...lbsNotAligned(hr)];
}

function edpSwitches(hr: HostResult): ResolvedSwitch[] {
  return hr.resolved.switches.filter((rs) => rs.edp);
}

function lcoreNodes(rs: ResolvedSwitch): number[] {
  return [...new Set(rs.lcores.map((l) => l.numaNode))];
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
    const allRemote = rs.lcores.length > 0 && !rs.uplinks.some((u) => nodes.includes(u.nic.numaNode));
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

function vmRemote(hr: HostResult, c: ModelConstants): RawFinding[] {
  const h = hr.resolved.index;
  const nodeIds = new Set(hr.resolved.nodes.map((n) => n.id));
  const out: RawFinding[] = [];
  // Per EDP switch, once (not per VM): its uplink and lcore nodes and each VM's remote queues.
  const edp = new Map<string, { sr: (typeof hr.switches)[number]; uplinkNodes: number[]; lcoreNodesOf: number[]; remoteByVm: Map<number, number> }>();
  for (const sr of hr.switches) {
    if (!sr.resolved.edp || edp.has(sr.resolved.sw.name)) continue;
    const remoteByVm = new Map<number, number>();
    sr.model.lcores.forEach((l, i) => l.assigned.forEach((a, k) => {
      if (!a.remote) return;
      const vm = sr.unitsByLcore[i][k].vmIndex;
      remoteByVm.set(vm, (remoteByVm.get(vm) ?? 0) + 1);
    }));
    edp.set(sr.resolved.sw.name, { sr, uplinkNodes: [...new Set(sr.resolved.uplinks.map((u) => u.nic.numaNode))], lcoreNodesOf: lcoreNodes(sr.resolved), remoteByVm });
  }
  (hr.resolved.host.vms ?? []).forEach((vm, v) => {
    const vmNode = vm.numaNode;
    if (vmNode === undefined || !nodeIds.has(vmNode)) return;
    const switchNames = [...new Set(vm.vnics.map((n) => n.switch))];
    for (const name of switchNames) {
      // The first switch of that name, as hr.switches.find would give (an EDP one only).
      const first = hr.switches.find((s) => s.resolved.sw.name === name);
      const known = first?.resolved.edp ? edp.get(name) : undefined;
      if (!known) continue;
      const { sr, uplinkNodes, lcoreNodesOf, remoteByVm } = known;
      const rs = sr.resolved;
      const path = hostPath(h, 'vms', v, 'numaNode');
      if (uplinkNodes.length > 0 && !uplinkNodes.includes(vmNode)) {
        // Advise the uplink node where the switch also has lcores: there nothing crosses. The
        // quick fix reads the node from the related NIC.
        const up = rs.uplinks.find((u) => lcoreNodesOf.includes(u.nic.numaNode)) ?? rs.uplinks[0];
        const target = up.nic.numaNode;
        out.push({
          rule: 'numa/vm-remote',
          path,
          // The path names the VM; the switch whose uplinks it is away from is known only here.
          about: { switch: rs.index },
          message:
            `VM "${vm.name}" is on NUMA node ${vmNode}, but the uplinks of its switch "${rs.sw.name}" are on ${nodeList(uplinkNodes)}: whichever lcore serves it, its packets cross the interconnect at ${pct(c.crossNumaPenalty)} more cycles per packet. ` +
            `Move the VM to node ${target} (numaNode: ${target}) or give the switch an uplink on node ${vmNode}.`,
          related: [{ path: hostPath(h, 'nics', up.nicIndex, 'numaNode'), message: `Uplink "${up.nic.name}" is on NUMA node ${up.nic.numaNode}` }],
        });
        continue;
      }
      const remoteQueues = remoteByVm.get(v) ?? 0;
      if (remoteQueues === 0) continue;
      const nodes = lcoreNodesOf;
      // Moving the VM only helps onto a node with both lcores and an uplink; elsewhere the next
      // finding would send it back.
      const moveTo = uplinkNodes.length > 0 ? nodes.filter((n) => uplinkNodes.includes(n)) : nodes;
      out.push({
        rule: 'numa/vm-remote',
        path,
        about: { switch: rs.index },
        message:
          `VM "${vm.name}" is on NUMA node ${vmNode}, but switch "${rs.sw.name}" has no lcores there (lcores on ${nodeList(nodes)}), so its ${remoteQueues === 1 ? 'queue is' : `${count(remoteQueues)} queues are`} served across the interconnect at ${pct(c.crossNumaPenalty)} more cycles per packet. ` +
          `Add an lcore group { "numaNode": ${vmNode}, "count": … }${moveTo.length > 0 ? ` or move the VM to ${nodeList(moveTo)}` : ''}.`,
        related: lcoresRelated(h, rs),
      });
    }
  });
  return out;
}

function lcoreOvercommit(hr: HostResult): RawFinding[] {
  const h = hr.resolved.index;
  const host = hr.resolved.host;
  const out: RawFinding[] = [];
  hr.model.numaNodes.forEach((node) => {
    if (node.lcores <= node.cores) return;
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
  });
  return out;
}

function vmSpansNodes(hr: HostResult): RawFinding[] {
  const h = hr.resolved.index;
  const nodes = hr.resolved.nodes;
  const edpNames = new Set(edpSwitches(hr).map((rs) => rs.sw.name));
  const out: RawFinding[] = [];
  (hr.resolved.host.vms ?? []).forEach((vm, v) => {
    if (vm.vcpus === undefined || !vm.vnics.some((n) => edpNames.has(n.switch))) return;
    const own = nodes.find((n) => n.id === vm.numaNode);
    const cores = own ? own.cores : Math.max(0, ...nodes.map((n) => n.cores));
    if (vm.vcpus <= cores) return;
    const where = own ? `its NUMA node ${own.id} has` : 'the largest NUMA node has';
    out.push({
      rule: 'numa/vm-spans-nodes',
      path: hostPath(h, 'vms', v, 'vcpus'),
      message:
        `VM "${vm.name}" has ${vm.vcpus} vCPUs, but ${where} ${cores} cores, so it spans NUMA nodes and the datapath cannot align it. ` +
        `Give it at most ${cores} vCPUs or split the workload.`,
    });
  });
  return out;
}

function lbsNotAligned(hr: HostResult): RawFinding[] {
  const h = hr.resolved.index;
  const edpNames = new Set(edpSwitches(hr).map((rs) => rs.sw.name));
  const out: RawFinding[] = [];
  (hr.resolved.host.vms ?? []).forEach((vm, v) => {
    const busy = vm.vnics.map((n, i) => ({ n, i })).filter(({ n }) => edpNames.has(n.switch) && (n.traffic?.pps ?? 0) > 0);
    if (busy.length === 0) return;
    if (vm.latencySensitivity !== 'high') {
      out.push({
        rule: 'numa/lbs-not-aligned',
        path: hostPath(h, 'vms', v, vm.latencySensitivity === undefined ? 'name' : 'latencySensitivity'),
        message:
          `VM "${vm.name}" carries EDP traffic but its latency sensitivity is ${vm.latencySensitivity ?? 'not set (normal)'}, so NUMA-aware Load Balanced Source teaming does not align it. ` +
          `Set "latencySensitivity": "high".`,
      });
    }
    for (const { n, i } of busy) {
      if (n.adapter === undefined || n.adapter === 'vmxnet3') continue;
      out.push({
        rule: 'numa/lbs-not-aligned',
        path: hostPath(h, 'vms', v, 'vnics', i, 'adapter'),
        message: `vNIC "${n.name}" of VM "${vm.name}" uses ${n.adapter}, so NUMA-aware Load Balanced Source teaming does not apply. Use "adapter": "vmxnet3".`,
      });
    }
  });
  return out;
}
