// ref/* rules: names must be unique and every reference must name something that exists.
import type { RawFinding } from '../findings';
import { toPointer } from '../pointer';
import { orList } from '../present';
import { suggestionText } from '../suggest';
import { type Host, numaNodesOf, type Switch, type Teaming, type Topology } from '../topology';

export function checkReferences(topology: Topology): RawFinding[] {
  const out = duplicateHostNames(topology.hosts);
  topology.hosts.forEach((host, h) => checkHost(host, ['hosts', h], out));
  return out;
}

/** ref/duplicate-name among the hosts: the one reference rule that looks across hosts. */
export function duplicateHostNames(hosts: readonly { name: string }[]): RawFinding[] {
  const out: RawFinding[] = [];
  duplicates(hosts, ['hosts'], 'host', out);
  return out;
}

/** One host's reference findings: the incremental analyzer keeps them per host. */
export function hostReferenceFindings(host: Host, h: number): RawFinding[] {
  const out: RawFinding[] = [];
  checkHost(host, ['hosts', h], out);
  return out;
}

// Every host of every analysis passes here, nearly always without a finding: what a finding
// needs (its pointer, the words naming the object) is built only for one. Plain loops, no closure
// run per item: a closure made per call loses its optimized code when the collector finds it
// unused, and V8 compiled `known` thirteen times over the jobs bench's 200 files.
function checkHost(host: Host, at: (string | number)[], out: RawFinding[]): void {
  const where = `host "${host.name}"`;
  const vms = host.vms ?? [];
  if (hasDuplicateName(host.nics)) duplicates(host.nics, [...at, 'nics'], `NIC on ${where}`, out);
  if (hasDuplicateName(host.switches)) duplicates(host.switches, [...at, 'switches'], `switch on ${where}`, out);
  if (hasDuplicateName(vms)) duplicates(vms, [...at, 'vms'], `VM on ${where}`, out);
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    if (hasDuplicateName(vm.vnics)) duplicates(vm.vnics, [...at, 'vms', v, 'vnics'], `vNIC of VM "${vm.name}"`, out);
  }

  // Scans of the host's own lists, not arrays of their ids and names made here: Array.prototype.map
  // hands back arrays of another elements kind once TurboFan inlines it, so the code reading them,
  // compiled for the interpreter's kind, was thrown away at its first optimized run.
  const nodes = numaNodesOf(host);
  // Called for an unknown node only: the path and the words are built for a finding.
  const checkNode = (id: number | undefined, path: (string | number)[], what: string) => {
    out.push({
      rule: 'ref/unknown-numa-node',
      path: toPointer(path),
      message: `${what} is on NUMA node ${id}, but ${where} has NUMA nodes ${nodes.map(idOf).join(', ')}. Use one of those, or add node ${id} to numaNodes.`,
    });
  };
  if (host.numaNodes) {
    const seen = new Map<number, number>();
    for (let i = 0; i < host.numaNodes.length; i++) {
      const n = host.numaNodes[i];
      const first = seen.get(n.id);
      if (first === undefined) seen.set(n.id, i);
      else out.push({
        rule: 'ref/duplicate-name',
        path: toPointer([...at, 'numaNodes', i, 'id']),
        message: `NUMA node id ${n.id} appears twice on ${where}. Give each node its own id.`,
        related: [{ path: toPointer([...at, 'numaNodes', first, 'id']), message: `NUMA node ${n.id} is first defined here` }],
      });
    }
  }

  for (let i = 0; i < host.nics.length; i++) {
    const nic = host.nics[i];
    if (!knownNode(nodes, nic.numaNode)) checkNode(nic.numaNode, [...at, 'nics', i, 'numaNode'], `NIC "${nic.name}"`);
  }
  for (let s = 0; s < host.switches.length; s++) {
    const sw = host.switches[s];
    for (let u = 0; u < sw.uplinks.length; u++) {
      const uplink = sw.uplinks[u];
      if (hasNicNamed(host, uplink)) continue;
      out.push({
        rule: 'ref/unknown-nic',
        path: toPointer([...at, 'switches', s, 'uplinks', u]),
        message: `Switch "${sw.name}" uses uplink "${uplink}", which is not a NIC of ${where}.${suggestionText(uplink, host.nics.map(nameOf))}`,
      });
    }
    const groups = sw.lcores ?? [];
    for (let l = 0; l < groups.length; l++) {
      const g = groups[l];
      if (!knownNode(nodes, g.numaNode)) checkNode(g.numaNode, [...at, 'switches', s, 'lcores', l, 'numaNode'], `An lcore group of switch "${sw.name}"`);
    }
    // Without LAGs and teamings there is nothing to check there.
    if (sw.lags?.length || sw.teaming || sw.namedTeamings?.length) uplinkGroups(sw, [...at, 'switches', s], out);
  }
  sharedUplinks(host, at, out);
  switchesWithoutUplinks(host, at, out);
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    if (!knownNode(nodes, vm.numaNode)) checkNode(vm.numaNode, [...at, 'vms', v, 'numaNode'], `VM "${vm.name}"`);
    for (let n = 0; n < vm.vnics.length; n++) {
      const vnic = vm.vnics[n];
      if (hasSwitchNamed(host, vnic.switch)) continue;
      out.push({
        rule: 'ref/unknown-switch',
        path: toPointer([...at, 'vms', v, 'vnics', n, 'switch']),
        message: `vNIC "${vnic.name}" of VM "${vm.name}" connects to switch "${vnic.switch}", which is not a switch of ${where}.${suggestionText(vnic.switch, host.switches.map(nameOf))}`,
      });
    }
  }
}

function idOf(node: { id: number }): number {
  return node.id;
}

function nameOf(item: { name: string }): string {
  return item.name;
}

/** A node id is known when the host has that node; no id (the schema allows none) is no reference. */
function knownNode(nodes: readonly { id: number }[], id: number | undefined): boolean {
  if (id === undefined) return true;
  for (const n of nodes) if (n.id === id) return true;
  return false;
}

function hasSwitchNamed(host: Host, name: string): boolean {
  for (const sw of host.switches) if (sw.name === name) return true;
  return false;
}

/**
 * Whether two items share a name (the common answer, no: without a Set for up to 64 items, as
 * a host's VMs are: its allocation and hashing cost more than the comparisons).
 */
function hasDuplicateName(items: readonly { name: string }[]): boolean {
  if (items.length < 2) return false;
  if (items.length > 64) {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.name)) return true;
      seen.add(item.name);
    }
    return false;
  }
  for (let i = 1; i < items.length; i++) for (let j = 0; j < i; j++) if (items[i].name === items[j].name) return true;
  return false;
}

/**
 * A physical NIC is an uplink of one host switch only (in NSX a pNIC belongs to one host switch):
 * the second switch naming it is the error; its line rate would otherwise be counted twice.
 */
function sharedUplinks(host: Host, at: (string | number)[], out: RawFinding[]): void {
  const owner = new Map<string, { s: number; u: number }>();
  for (let s = 0; s < host.switches.length; s++) {
    const sw = host.switches[s];
    for (let u = 0; u < sw.uplinks.length; u++) {
      const uplink = sw.uplinks[u];
      // Each name once per switch, at its first place (a LAG may name a NIC twice).
      if (sw.uplinks.indexOf(uplink) !== u || !hasNicNamed(host, uplink)) continue;
      const first = owner.get(uplink);
      if (!first) {
        owner.set(uplink, { s, u });
        continue;
      }
      const other = host.switches[first.s].name;
      out.push({
        rule: 'ref/shared-uplink',
        path: toPointer([...at, 'switches', s, 'uplinks', sw.uplinks.indexOf(uplink)]),
        message: `NIC "${uplink}" is an uplink of switch "${sw.name}" and of switch "${other}", but a physical NIC belongs to one host switch only. Give each switch its own NICs.`,
        related: [{ path: toPointer([...at, 'switches', first.s, 'uplinks', first.u]), message: `"${uplink}" is first an uplink of switch "${other}"` }],
      });
    }
  }
}

function hasNicNamed(host: Host, name: string): boolean {
  for (const n of host.nics) if (n.name === name) return true;
  return false;
}

function hasUplinks(sw: Host['switches'][number]): boolean {
  return sw.uplinks.length > 0;
}

/** Free NICs named in a ref/no-uplink message, at most. */
const MAX_FREE_NICS = 5;

/**
 * ref/no-uplink: the schema requires `uplinks` but accepts an empty list, which a hand-written
 * switch may keep by mistake. Such a switch carries nothing off the host, and the model has no
 * line rate or uplink NUMA node to check for it, so say so, naming the NICs it could take.
 */
function switchesWithoutUplinks(host: Host, at: (string | number)[], out: RawFinding[]): void {
  // Nearly every switch has uplinks: the hint is built only for a finding.
  if (host.switches.every(hasUplinks)) return;
  const taken = new Set(host.switches.flatMap((sw) => sw.uplinks));
  const free = host.nics.map((n) => n.name).filter((name) => !taken.has(name));
  const hint = free.length === 0
    ? `; every NIC of host "${host.name}" is another switch's uplink: add one to "nics".`
    : `: ${orList(free.slice(0, MAX_FREE_NICS))}${free.length > MAX_FREE_NICS ? ' (among others)' : ''} ${free.length === 1 ? 'is' : 'are'} free.`;
  host.switches.forEach((sw, s) => {
    if (sw.uplinks.length > 0) return;
    out.push({
      rule: 'ref/no-uplink',
      path: toPointer([...at, 'switches', s, 'uplinks']),
      message: `Switch "${sw.name}" has no uplinks: its VMs' traffic cannot leave host "${host.name}", and no line rate or uplink NUMA node is checked for it. Name the NICs it uses in "uplinks"${hint}`,
    });
  });
}

/** NSX's limit on a LAG name: "the max length of the name is 47-byte in UTF-8 encoding" (NSX REST API, Lag). */
const LAG_NAME_MAX_BYTES = 47;
const utf8 = new TextEncoder();

/**
 * LAGs and teamings name the switch's own uplinks: a LAG takes NICs from `uplinks` (each in one
 * LAG at most), a teaming names uplinks in no LAG or LAGs, each once. NSX rejects anything else,
 * and the export would write it.
 */
function uplinkGroups(sw: Switch, at: (string | number)[], out: RawFinding[]): void {
  const lags = sw.lags ?? [];
  duplicates(lags, [...at, 'lags'], `LAG of switch "${sw.name}"`, out);
  duplicates(sw.namedTeamings ?? [], [...at, 'namedTeamings'], `named teaming of switch "${sw.name}"`, out);
  const report = (path: (string | number)[], message: string) => out.push({ rule: 'ref/unknown-uplink', path: toPointer(path), message });
  const lagOf = new Map<string, string>();
  lags.forEach((lag, l) => {
    // The schema's maxLength counts characters; NSX counts the name's UTF-8 bytes (é is 2, 中 is 3).
    const bytes = utf8.encode(lag.name).length;
    if (bytes > LAG_NAME_MAX_BYTES) out.push({ rule: 'schema/invalid', path: toPointer([...at, 'lags', l, 'name']), message: `LAG name "${lag.name}" of switch "${sw.name}" is ${bytes} bytes in UTF-8; NSX allows at most ${LAG_NAME_MAX_BYTES} bytes. Shorten it.` });
    if (sw.uplinks.includes(lag.name)) report([...at, 'lags', l, 'name'], `LAG "${lag.name}" of switch "${sw.name}" has the name of one of its uplinks; teamings could not tell them apart. Rename the LAG.`);
    lag.uplinks.forEach((nic, n) => {
      const where = [...at, 'lags', l, 'uplinks', n];
      const other = lagOf.get(nic);
      if (!sw.uplinks.includes(nic)) report(where, `LAG "${lag.name}" takes "${nic}", which is not an uplink of switch "${sw.name}". Add it to the switch's uplinks, or name one of them.${suggestionText(nic, sw.uplinks)}`);
      else if (other !== undefined) report(where, `"${nic}" is in LAG "${other}" and in LAG "${lag.name}" of switch "${sw.name}", but a NIC belongs to one LAG only.`);
      else lagOf.set(nic, lag.name);
    });
  });
  const lagNames = lags.map((l) => l.name);
  const names = [...sw.uplinks.filter((u) => !lagOf.has(u)), ...lagNames];
  const checkTeaming = (t: Teaming, path: (string | number)[], what: string) => {
    const seen = new Set<string>();
    for (const list of ['active', 'standby'] as const) {
      (t[list] ?? []).forEach((name, i) => {
        const where = [...path, list, i];
        if (seen.has(name)) report(where, `${what} names "${name}" twice (active and standby); name each uplink once.`);
        else if (lagOf.has(name)) report(where, `${what} names "${name}", which is in LAG "${lagOf.get(name)}": a teaming uses the LAG, not its NICs. Name "${lagOf.get(name)}" instead.`);
        else if (!names.includes(name)) report(where, `${what} names "${name}", which is no uplink or LAG of switch "${sw.name}".${suggestionText(name, names)}`);
        seen.add(name);
      });
    }
  };
  if (sw.teaming) checkTeaming(sw.teaming, [...at, 'teaming'], `The teaming of switch "${sw.name}"`);
  (sw.namedTeamings ?? []).forEach((t, i) => checkTeaming(t, [...at, 'namedTeamings', i], `Teaming "${t.name}" of switch "${sw.name}"`));
}

function duplicates(items: readonly { name: string }[], at: (string | number)[], what: string, out: RawFinding[]): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const j = first.get(item.name);
    if (j === undefined) {
      first.set(item.name, i);
      return;
    }
    out.push({
      rule: 'ref/duplicate-name',
      path: toPointer([...at, i, 'name']),
      message: `The name "${item.name}" is used by another ${what}. Names must be unique: rename one of them.`,
      related: [{ path: toPointer([...at, j, 'name']), message: `"${item.name}" is first defined here` }],
    });
  });
}
