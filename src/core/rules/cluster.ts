// cluster/* rules: vMotion and DRS move a VM to any host of its cluster, so every host there
// must offer each switch the cluster's VMs use the same way (mode and MTU), and the VM's NUMA
// placement must exist on every host. The rules read a small summary per host (what a moved VM
// meets there), so the incremental analyzer keeps summaries of unchanged hosts, and each pass is
// linear in the cluster's size.
import type { RawFinding } from '../findings';
import { toPointer } from '../pointer';
import { plural } from '../present';
import { DEFAULT_MTU } from '../readiness/check';
import { effectiveMode, type Host, numaNodesOf, type Target, type Topology, type Vm } from '../topology';

/** At most this many "the other hosts" locations per finding: a 48-host cluster is one fact, not 47. */
const MAX_RELATED = 5;

/** What the cluster rules need of one host. */
export interface ClusterSummary {
  name: string;
  cluster: string | undefined;
  /** The first switch of each name: its index and "edp-standard, MTU 9000" (what a moved VM's vNIC meets). */
  switches: Map<string, { index: number; signature: string }>;
  /** The switches the host's VMs use, in order of first use, each with its VMs' names (once each). */
  users: Map<string, string[]>;
  /** The NUMA layout ("0:32,1:32") and its nodes. */
  layout: string;
  nodes: { id: number; cores: number }[];
  /** The indexes in `vms` of the VMs pinned to a NUMA node (a number each, not an object: every host has a summary). */
  pinned: number[];
  vms: readonly Vm[];
}

// Plain loops here and in the rules below, no closure run per host or member: a closure made per
// call loses its optimized code when the collector finds it unused, and V8 compiled them again
// and again (ten times over the jobs bench's 200 files).
export function clusterSummary(host: Host, target: Target): ClusterSummary {
  const switches = new Map<string, { index: number; signature: string }>();
  for (let index = 0; index < host.switches.length; index++) {
    const sw = host.switches[index];
    if (!switches.has(sw.name)) switches.set(sw.name, new SwitchSignature(index, `${effectiveMode(sw, target)}, MTU ${sw.mtu ?? DEFAULT_MTU}`));
  }
  // Each switch's VM names once each, in order of first use: a Set only beside a long list.
  const users = new Map<string, { names: string[]; seen?: Set<string> }>();
  // Array.of, not literals, for the arrays the summary keeps: no allocation site (see above).
  const pinned: number[] = Array.of();
  const vms = host.vms ?? [];
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    for (const vnic of vm.vnics) {
      const entry = users.get(vnic.switch);
      if (!entry) users.set(vnic.switch, { names: Array.of(vm.name) });
      else if (entry.seen ? !entry.seen.has(vm.name) : !entry.names.includes(vm.name)) {
        entry.names.push(vm.name);
        entry.seen?.add(vm.name);
        if (!entry.seen && entry.names.length > 32) entry.seen = new Set(entry.names);
      }
    }
    if (vm.numaNode !== undefined) pinned.push(v);
  }
  const numaNodes = numaNodesOf(host);
  const nodes = new Array<{ id: number; cores: number }>(numaNodes.length);
  let layout = '';
  for (let i = 0; i < nodes.length; i++) {
    nodes[i] = new NodeCores(numaNodes[i].id, numaNodes[i].cores);
    layout += `${i > 0 ? ',' : ''}${nodes[i].id}:${nodes[i].cores}`;
  }
  const used = new Map<string, string[]>();
  for (const [name, entry] of users) used.set(name, entry.names);
  return new Summary(host.name, host.cluster, switches, used, layout, nodes, pinned, vms);
}

/**
 * A ClusterSummary made by `new`, not as a literal (see model/switchModel.ts AssignedSource): it
 * lives through the analysis, and a literal one, allocated old by V8, kept the host's VMs of a
 * dropped analysis alive through the next analysis' scavenges.
 */
class Summary implements ClusterSummary {
  constructor(
    readonly name: string,
    readonly cluster: string | undefined,
    readonly switches: Map<string, { index: number; signature: string }>,
    readonly users: Map<string, string[]>,
    readonly layout: string,
    readonly nodes: { id: number; cores: number }[],
    readonly pinned: number[],
    readonly vms: readonly Vm[],
  ) {}
}

// Classes too, for the same reason and one more: V8 threw away clusterSummary's optimized code
// when the young generation first reached its largest size, because most objects of its literals
// (the arrays' too) had outlived a scavenge (see plain.ts). Objects made by `new`, and arrays
// made by a builtin such as Array.of, have no allocation site to count them.
class SwitchSignature {
  constructor(
    readonly index: number,
    readonly signature: string,
  ) {}
}

class NodeCores {
  constructor(
    readonly id: number,
    readonly cores: number,
  ) {}
}

export function checkClusters(topology: Topology): RawFinding[] {
  return clusterFindings(topology.hosts.map((host) => (host.cluster === undefined ? undefined : clusterSummary(host, topology.target))));
}

export interface Member {
  s: ClusterSummary;
  h: number;
}

/**
 * Each cluster's findings by its name, with the members they were computed from: a cluster
 * whose members (the same summaries at the same indices) did not change keeps its findings.
 */
export type ClusterMemo = Map<string, { members: Member[]; findings: RawFinding[] }>;

/** The findings of every cluster, from the summaries of the hosts in file order (undefined: a host in no cluster). */
export function clusterFindings(summaries: readonly (ClusterSummary | undefined)[], memo?: ClusterMemo): RawFinding[] {
  const clusters = new Map<string, Member[]>();
  for (let h = 0; h < summaries.length; h++) {
    const s = summaries[h];
    if (s?.cluster === undefined) continue;
    const members = clusters.get(s.cluster);
    if (members) members.push({ s, h });
    else clusters.set(s.cluster, [{ s, h }]);
  }
  const out: RawFinding[] = [];
  const used: ClusterMemo = new Map();
  for (const [name, members] of clusters) {
    if (members.length < 2) continue;
    const known = memo?.get(name);
    if (known && sameMembers(known.members, members)) {
      out.push(...known.findings);
      used.set(name, known);
      continue;
    }
    const findings: RawFinding[] = [];
    switchFindings(name, members, findings);
    numaFindings(name, members, findings);
    out.push(...findings);
    used.set(name, { members, findings });
  }
  if (memo) {
    memo.clear();
    for (const [name, known] of used) memo.set(name, known);
  }
  return out;
}

function sameMembers(a: readonly Member[], b: readonly Member[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].s !== b[i].s || a[i].h !== b[i].h) return false;
  return true;
}

function switchFindings(cluster: string, members: Member[], out: RawFinding[]): void {
  // The switches some VM of the cluster uses, in file order (their VMs are listed only for a finding).
  const used = new Set<string>();
  for (const { s } of members) for (const switchName of s.users.keys()) used.add(switchName);
  for (const switchName of used) {
    const signatures = new Array<string | undefined>(members.length);
    for (let i = 0; i < members.length; i++) signatures[i] = members[i].s.switches.get(switchName)?.signature;
    // The majority's switch is the reference; on a tie, the first host's in file order.
    const counts = new Map<string, number>();
    for (const s of signatures) if (s !== undefined) counts.set(s, (counts.get(s) ?? 0) + 1);
    if (counts.size === 0) continue; // ref/unknown-switch says so
    if (counts.size === 1 && !signatures.includes(undefined)) continue; // every host the same: nothing to say
    let majority = '';
    let most = 0;
    for (const [s, n] of counts) {
      if (n > most) {
        majority = s;
        most = n;
      }
    }
    const references: Member[] = [];
    for (let i = 0; i < members.length && references.length <= MAX_RELATED; i++) if (signatures[i] === majority) references.push(members[i]);
    const vms = usersOf(members, switchName);
    const vmText = usersText(vms);
    const them = vms.length === 1 ? 'it' : 'them';
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const mine = signatures[i];
      if (mine === majority) continue;
      if (mine === undefined) {
        out.push({
          rule: 'cluster/vmotion-incompatible',
          path: toPointer(['hosts', m.h, 'name']),
          message: `Host "${m.s.name}" of cluster "${cluster}" has no switch "${switchName}", which ${vmText}, so vMotion/DRS cannot move ${them} to this host. Add switch "${switchName}" (${majority}) to this host, or move the host to another cluster.`,
          related: referencesBut(m, references, switchName, majority),
        });
        continue;
      }
      out.push({
        rule: 'cluster/vmotion-incompatible',
        path: switchAt(m, switchName),
        message: `Switch "${switchName}" on host "${m.s.name}" is ${mine}, but ${plural(most, 'other host')} of cluster "${cluster}" run it as ${majority}; ${vmText} it, so vMotion/DRS cannot move ${them} between these hosts unchanged. Make the switch's mode and mtu the same on every host of the cluster.`,
        related: referencesBut(m, references, switchName, majority),
      });
    }
  }
}

/** `VM "a" uses`, `VMs "a", "b", "c" and 2 more use`. */
function usersText(vms: readonly string[]): string {
  if (vms.length === 1) return `VM "${vms[0]}" uses`;
  let names = '';
  for (let i = 0; i < vms.length && i < 3; i++) names += `${i > 0 ? ', ' : ''}"${vms[i]}"`;
  return `VMs ${names}${vms.length > 3 ? ` and ${vms.length - 3} more` : ''} use`;
}

function switchAt(m: Member, switchName: string): string {
  return toPointer(['hosts', m.h, 'switches', m.s.switches.get(switchName)?.index ?? -1]);
}

/** The majority's switches, but `except`'s, at most MAX_RELATED. */
function referencesBut(except: Member, references: readonly Member[], switchName: string, majority: string): NonNullable<RawFinding['related']> {
  const related: NonNullable<RawFinding['related']> = [];
  for (const m of references) {
    if (related.length === MAX_RELATED) break;
    if (m !== except) related.push({ path: switchAt(m, switchName), message: `switch "${switchName}" on host "${m.s.name}": ${majority}` });
  }
  return related;
}

/** The VMs of the cluster that use the switch, each name once, in file order. */
function usersOf(members: readonly Member[], switchName: string): string[] {
  const vms: string[] = [];
  const seen = new Set<string>();
  for (const { s } of members) {
    for (const vm of s.users.get(switchName) ?? []) {
      if (seen.has(vm)) continue;
      seen.add(vm);
      vms.push(vm);
    }
  }
  return vms;
}

function numaFindings(cluster: string, members: Member[], out: RawFinding[]): void {
  // Hosts grouped by NUMA layout: a cluster has few layouts, so each VM is checked against
  // those, not against every host.
  const layouts = new Map<string, { nodes: ClusterSummary['nodes']; members: Member[] }>();
  for (const m of members) {
    const layout = layouts.get(m.s.layout);
    if (layout) layout.members.push(m);
    else layouts.set(m.s.layout, { nodes: m.s.nodes, members: [m] });
  }
  if (layouts.size < 2) return;
  // An array, not the Map's iterator: this loop runs for every pinned VM of the cluster.
  const keys = [...layouts.keys()];
  const groups = [...layouts.values()];
  for (const m of members) {
    for (const v of m.s.pinned) {
      const vm = m.s.vms[v] as Vm & { numaNode: number };
      // The hosts where the VM's placement fails, counted; the first few kept for the message
      // (nothing is allocated for the VMs that fit everywhere, nearly all of them).
      let failing = 0;
      let shown: { o: Member; why: string }[] | undefined;
      for (let g = 0; g < groups.length; g++) {
        const layout = groups[g];
        const node = nodeWithId(layout.nodes, vm.numaNode);
        const why = !node ? `has no NUMA node ${vm.numaNode}`
          : vm.vcpus !== undefined && vm.vcpus > node.cores ? `has ${node.cores} cores on NUMA node ${vm.numaNode}, fewer than its ${vm.vcpus} vCPUs`
          : undefined;
        if (!why) continue;
        failing += layout.members.length - (m.s.layout === keys[g] ? 1 : 0);
        shown ??= [];
        for (let k = 0; k < layout.members.length && shown.length < MAX_RELATED; k++) {
          if (layout.members[k] !== m) shown.push({ o: layout.members[k], why });
        }
      }
      if (failing === 0 || !shown) continue;
      const first = shown[0];
      const more = failing > 1 ? ` (and ${plural(failing - 1, 'more host')} of the cluster)` : '';
      out.push({
        rule: 'cluster/numa-placement',
        path: toPointer(['hosts', m.h, 'vms', v, 'numaNode']),
        message: `VM "${vm.name}" is placed on NUMA node ${vm.numaNode}, but host "${first.o.s.name}" of cluster "${cluster}" ${first.why}${more}; after a vMotion/DRS move there its placement cannot be honoured and the datapath cannot align it. Give the hosts of the cluster the same NUMA layout, or pin the VM to a node every host has.`,
        related: shown.map(({ o, why }) => ({ path: toPointer(['hosts', o.h, 'name']), message: `host "${o.s.name}" ${why}` })),
      });
    }
  }
}

function nodeWithId(nodes: ClusterSummary['nodes'], id: number): ClusterSummary['nodes'][number] | undefined {
  for (const n of nodes) if (n.id === id) return n;
  return undefined;
}
