// cluster/* rules: vMotion and DRS move a VM to any host of its cluster, so every host there
// must offer each switch the cluster's VMs use the same way (mode and MTU), and the VM's NUMA
// placement must exist on every host.
import type { RawFinding } from '../findings';
import { toPointer } from '../pointer';
import { DEFAULT_MTU } from '../readiness/check';
import { effectiveMode, type Host, type NumaNode, numaNodesOf, type Target, type Topology } from '../topology';

/** At most this many "the other hosts" locations per finding: a 48-host cluster is one fact, not 47. */
const MAX_RELATED = 5;

interface Member {
  host: Host;
  h: number;
}

export function checkClusters(topology: Topology): RawFinding[] {
  const clusters = new Map<string, Member[]>();
  topology.hosts.forEach((host, h) => {
    if (host.cluster === undefined) return;
    const members = clusters.get(host.cluster) ?? [];
    members.push({ host, h });
    clusters.set(host.cluster, members);
  });
  const out: RawFinding[] = [];
  for (const [name, members] of clusters) {
    if (members.length < 2) continue;
    switchFindings(name, members, topology.target, out);
    numaFindings(name, members, out);
  }
  return out;
}

/** "edp-standard, MTU 9000": what a moved VM's vNIC meets on a host's switch. */
function signatureOf(host: Host, switchName: string, target: Target): string | undefined {
  const sw = host.switches.find((s) => s.name === switchName);
  if (!sw) return undefined;
  return `${effectiveMode(sw, target)}, MTU ${sw.mtu ?? DEFAULT_MTU}`;
}

function switchFindings(cluster: string, members: Member[], target: Target, out: RawFinding[]): void {
  // The switches some VM of the cluster uses, with the VMs (for the message), in file order.
  const users = new Map<string, string[]>();
  for (const { host } of members) {
    for (const vm of host.vms ?? []) {
      for (const vnic of vm.vnics) {
        const list = users.get(vnic.switch) ?? [];
        if (!list.includes(vm.name)) list.push(vm.name);
        users.set(vnic.switch, list);
      }
    }
  }
  for (const [switchName, vms] of users) {
    const signatures = members.map((m) => signatureOf(m.host, switchName, target));
    const present = members.filter((_, i) => signatures[i] !== undefined);
    if (present.length === 0) continue; // ref/unknown-switch says so
    // The majority's switch is the reference; on a tie, the first host's in file order.
    const counts = new Map<string, number>();
    for (const s of signatures) if (s !== undefined) counts.set(s, (counts.get(s) ?? 0) + 1);
    const majority = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
    const reference = members.filter((_, i) => signatures[i] === majority);
    const switchAt = (m: Member) => toPointer(['hosts', m.h, 'switches', m.host.switches.findIndex((s) => s.name === switchName)]);
    const related = (except: Member) => reference.filter((m) => m !== except).slice(0, MAX_RELATED)
      .map((m) => ({ path: switchAt(m), message: `switch "${switchName}" on host "${m.host.name}": ${majority}` }));
    const vmText = vms.length === 1 ? `VM "${vms[0]}" uses` : `VMs ${vms.slice(0, 3).map((v) => `"${v}"`).join(', ')}${vms.length > 3 ? ` and ${vms.length - 3} more` : ''} use`;
    const them = vms.length === 1 ? 'it' : 'them';
    members.forEach((m, i) => {
      const mine = signatures[i];
      if (mine === majority) return;
      if (mine === undefined) {
        out.push({
          rule: 'cluster/vmotion-incompatible',
          path: toPointer(['hosts', m.h, 'name']),
          message: `Host "${m.host.name}" of cluster "${cluster}" has no switch "${switchName}", which ${vmText}, so vMotion/DRS cannot move ${them} to this host. Add switch "${switchName}" (${majority}) to this host, or move the host to another cluster.`,
          related: related(m),
        });
        return;
      }
      out.push({
        rule: 'cluster/vmotion-incompatible',
        path: switchAt(m),
        message: `Switch "${switchName}" on host "${m.host.name}" is ${mine}, but ${reference.length} other host${reference.length === 1 ? '' : 's'} of cluster "${cluster}" run it as ${majority}; ${vmText} it, so vMotion/DRS cannot move ${them} between these hosts unchanged. Make the switch's mode and mtu the same on every host of the cluster.`,
        related: related(m),
      });
    });
  }
}

function numaFindings(cluster: string, members: Member[], out: RawFinding[]): void {
  // Hosts grouped by NUMA layout: a cluster has few layouts, so each VM is checked against
  // those, not against every host (a 2000-host cluster stays linear).
  const layouts = new Map<string, { nodes: NumaNode[]; members: Member[] }>();
  for (const m of members) {
    const nodes = numaNodesOf(m.host);
    const key = nodes.map((n) => `${n.id}:${n.cores}`).join(',');
    const layout = layouts.get(key) ?? { nodes, members: [] };
    layout.members.push(m);
    layouts.set(key, layout);
  }
  if (layouts.size < 2) return;
  for (const m of members) {
    (m.host.vms ?? []).forEach((vm, v) => {
      if (vm.numaNode === undefined) return;
      const failing: { o: Member; why: string }[] = [];
      for (const layout of layouts.values()) {
        const node = layout.nodes.find((n) => n.id === vm.numaNode);
        const why = !node ? `has no NUMA node ${vm.numaNode}`
          : vm.vcpus !== undefined && vm.vcpus > node.cores ? `has ${node.cores} cores on NUMA node ${vm.numaNode}, fewer than its ${vm.vcpus} vCPUs`
          : undefined;
        if (why) failing.push(...layout.members.filter((o) => o !== m).map((o) => ({ o, why })));
      }
      if (failing.length === 0) return;
      const first = failing[0];
      const more = failing.length > 1 ? ` (and ${failing.length - 1} more host${failing.length > 2 ? 's' : ''} of the cluster)` : '';
      out.push({
        rule: 'cluster/numa-placement',
        path: toPointer(['hosts', m.h, 'vms', v, 'numaNode']),
        message: `VM "${vm.name}" is placed on NUMA node ${vm.numaNode}, but host "${first.o.host.name}" of cluster "${cluster}" ${first.why}${more}; after a vMotion/DRS move there its placement cannot be honoured and the datapath cannot align it. Give the hosts of the cluster the same NUMA layout, or pin the VM to a node every host has.`,
        related: failing.slice(0, MAX_RELATED).map(({ o, why }) => ({ path: toPointer(['hosts', o.h, 'name']), message: `host "${o.host.name}" ${why}` })),
      });
    });
  }
}
