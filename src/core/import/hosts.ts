// `edp-check import` and "EDP: Import Hosts…": any mix of host descriptions in, one topology out.
// Each input's kind is found by its content; inputs about the same host merge field by field (by
// host name, else with the host named before them); what no input says stays absent and is named
// in a note (the schema then flags it in the result), never filled with a guess.
import { detectKind, type InputKind, jsonDocument } from './detect';
import { readEsxiOutput, resolveEsxi } from './esxi';
import type { HostFacts } from './facts';
import { defined, emptyHost } from './facts';
import { importHwloc, type ImportedHost, type ImportedTopology, type NicCatalogLookup } from './hwloc';
import { HwlocXmlError } from './hwloc-xml';
import { mergeHostFacts, sameHost } from './merge';
import { NsxJsonError, type NsxSwitchFragment, readNsxJson } from './nsx';
import { nsxSwitchFor, type NsxProfiles, placeProfiles, profileSwitchFor } from './profiles';
import { readHostSystem, readVirtualMachine, type VmFacts, vsphereObjects } from './vsphere';

export interface ImportInput {
  /** How the input is named in notes: its path as the user gave it. */
  name: string;
  text: string;
}

export interface HostsImportOptions {
  catalog?: NicCatalogLookup;
  /**
   * Leave NSX transport node profiles for the design the import goes into (`--into`): they are
   * returned in `nsxProfiles` for mergeIntoDesign, instead of filling the hosts imported with them.
   */
  deferProfiles?: boolean;
}

export interface HostsImport {
  topology: ImportedTopology;
  /** What the user must check or fill in, one sentence each. */
  notes: string[];
  /** Each input and the kind it was read as; `undefined` for inputs of no known kind. */
  kinds: { name: string; kind: InputKind | undefined }[];
  /** With `deferProfiles`: the NSX transport node profiles (and what attaches them) for mergeIntoDesign. */
  nsxProfiles?: NsxProfiles;
}

/** Said when NSX transport node profiles are imported without a host for them to apply to. */
export const NSX_PROFILE_WITHOUT_HOSTS = 'a transport node profile applies to the hosts of its cluster, and no host is imported with it: import it together with the hosts (ESXi output, vSphere or hwloc), or merge it into a design (edp-check import --into DESIGN, or "EDP: Import Hosts…" with the design open)';

export function importHosts(inputs: readonly ImportInput[], options: HostsImportOptions = {}): HostsImport {
  const notes: string[] = [];
  const kinds: HostsImport['kinds'] = [];
  const hosts: HostFacts[] = [];
  const vms: VmFacts[] = [];
  const nsxInputs: { input: ImportInput; at: number }[] = [];
  let nsxProfiles: NsxProfiles | undefined;
  let last: HostFacts | undefined;

  const take = (piece: HostFacts, source: string) => {
    let target = piece.name ? hosts.find((h) => h.name && sameHost(h.name, piece.name!)) : undefined;
    // A nameless input goes with the host named before it; a named one adopts a nameless host started before it.
    if (!target && !piece.name && last) target = last;
    if (!target && piece.name && last && !last.name) target = last;
    if (!target) {
      hosts.push(piece);
      last = piece;
      return;
    }
    mergeHostFacts(target, piece, source, notes);
    last = target;
  };

  for (const input of inputs) {
    const kind = detectKind(input.text);
    kinds.push({ name: input.name, kind });
    if (kind === 'hwloc') {
      try {
        const r = importHwloc(input.text, { catalog: options.catalog });
        const { cpu, numaNodes, nics } = r.host;
        // A Linux boot often records "localhost…", which names no host: such an input merges by order.
        const name = /^localhost(\.|$)/i.test(r.host.name) || r.host.name === 'host-1' ? undefined : r.host.name;
        take(defined({ name, cpu: { ...cpu }, numaNodes, nics: nics.map((n) => ({ ...n })), switches: [], vms: [] }), input.name);
        notes.push(...r.notes.map((n) => `${input.name}: ${n}`));
      } catch (e) {
        if (!(e instanceof HwlocXmlError)) throw e;
        kinds[kinds.length - 1].kind = undefined;
        notes.push(`${input.name}: ${e.message}`);
      }
    } else if (kind === 'vsphere') {
      const found = vsphereObjects(jsonDocument(input.text));
      for (const h of found.hosts) take(readHostSystem(h, notes), input.name);
      for (const v of found.vms) {
        const vm = readVirtualMachine(v);
        if (vm) vms.push(vm);
      }
    } else if (kind === 'esxi') {
      const r = readEsxiOutput(input.text);
      take(r.host, input.name);
      notes.push(...r.notes.map((n) => `${input.name}: ${n}`));
    } else if (kind === 'nsx') {
      nsxInputs.push({ input, at: kinds.length - 1 });
    }
  }
  // All NSX inputs are read together: a profile names its uplink profile, whose JSON (MTU,
  // teaming) may be another input. Nodes join their host by name; profiles apply to every host.
  if (nsxInputs.length > 0) {
    try {
      const nsx = readNsxJson(nsxInputs.map((n) => n.input.text));
      notes.push(...nsx.notes.map((n) => `NSX: ${n}`));
      for (const node of nsx.transportNodes.filter((t) => t.kind === 'node')) {
        // A node joins the host that carries its id (nsxTransportNodeId), else the host that has the
        // address NSX names it by (its VMkernel interface), else the host of its name.
        const byId = hosts.find((h) => h.name && h.nsxNodeId && node.nodeIds?.includes(h.nsxNodeId));
        const byAddress = byId ? undefined : hosts.find((h) => h.name && !sameHost(h.name, node.name) && node.addresses?.some((a) => h.addresses?.includes(a)));
        if (byId) {
          if (!sameHost(byId.name!, node.name)) notes.push(`NSX: transport node "${node.name}" is host ${byId.name} (the host carries its id, ${byId.nsxNodeId}).`);
        } else if (byAddress) {
          notes.push(`NSX: transport node "${node.name}" is host ${byAddress.name} (the host has that address).`);
        } else if (node.addresses?.includes(node.name) && !hosts.some((h) => h.name && sameHost(h.name, node.name))) {
          // Named by an address no imported host has (a design has no addresses, so --into cannot find it either).
          notes.push(`NSX: transport node "${node.name}" is named by an address no imported host has: it is imported as a host of that name. Import its host's \`esxcli network ip interface ipv4 get\` or \`vim-cmd hostsvc/net/info\` output (or its HostSystem JSON) with it, and it joins that host.`);
        }
        take({ ...emptyHost(), name: (byId ?? byAddress)?.name ?? node.name, switches: node.switches.map(withoutEmptyUplinks) }, `NSX transport node ${node.name}`);
      }
      // A compute collection names the vCenter cluster the hosts' vSphere JSON gives only by id.
      for (const h of hosts) {
        const cc = h.clusterRef ? nsx.computeCollections.find((c) => c.localId === h.clusterRef || c.id.endsWith(`:${h.clusterRef}`)) : undefined;
        if (cc?.name) h.cluster ??= cc.name;
      }
      const profiles = nsx.transportNodes.filter((t) => t.kind === 'profile');
      if (profiles.length > 0 && options.deferProfiles) {
        const clusterRefs = hosts.flatMap((h) => (h.name && h.clusterRef ? [{ host: h.name, clusterRef: h.clusterRef }] : []));
        nsxProfiles = { transportNodes: nsx.transportNodes, collections: nsx.collections, computeCollections: nsx.computeCollections, ...(clusterRefs.length ? { clusterRefs } : {}) };
      } else if (profiles.length > 0 && hosts.length === 0) {
        notes.push(`NSX: ${NSX_PROFILE_WITHOUT_HOSTS}.`);
      } else if (profiles.length > 0) {
        // Hosts imported from ESXi, vSphere or hwloc name no cluster: a profile applies to all of them, unless attached elsewhere.
        const named = hosts.map((h, i) => defined({ name: h.name ?? `host-${i + 1}`, cluster: h.cluster, clusterRef: h.clusterRef }));
        const said: string[] = [];
        const placed = placeProfiles(nsx, named, said);
        notes.push(...said.map((n) => `NSX: ${n}`));
        for (const p of placed) {
          for (const name of p.hosts) {
            const h = hosts[named.findIndex((n) => n.name === name)];
            const nics = new Set(h.nics.map((n) => n.name));
            mergeHostFacts(h, { ...emptyHost(), name: h.name, switches: p.profile.switches.map((sw) => defined(profileSwitchFor(sw, nics))) }, `NSX transport node profile ${p.profile.name}`, notes);
          }
        }
      }
    } catch (e) {
      if (!(e instanceof NsxJsonError)) throw e;
      const bad = nsxInputs[e.index];
      if (bad) kinds[bad.at].kind = undefined;
      notes.push(`${bad?.input.name ?? 'NSX JSON'}: ${e.message}`);
    }
  }

  for (const h of hosts) resolveEsxi(h, notes);
  attachVms(hosts, vms, notes);
  const built = hosts.map((h, i) => toHost(h, i, options.catalog, notes));
  return { topology: { version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts: built }, notes, kinds, ...(nsxProfiles ? { nsxProfiles } : {}) };
}

/**
 * A transport node's switch as host facts. Its uplinks only when they are vmnics: a VDS names NSX
 * uplinks (uplink-1), which vCenter maps to vmnics (the reader's note says so), and NSX states
 * none for a preconfigured switch; either would disagree with the host's own output.
 */
function withoutEmptyUplinks(sw: NsxSwitchFragment) {
  return defined(nsxSwitchFor(sw, (u) => /^vmnic\w+$/.test(u)));
}

function attachVms(hosts: HostFacts[], vms: VmFacts[], notes: string[]): void {
  for (const vm of vms) {
    // Without runtime.host (or hosts without ids, as from esxcli) a single host is the one; never a host with another id.
    const known = hosts.some((h) => h.ids?.length);
    const host = hosts.find((h) => vm.hostId && h.ids?.includes(vm.hostId)) ?? (hosts.length === 1 && (!vm.hostId || !known) ? hosts[0] : undefined);
    if (!host) {
      notes.push(`VM ${vm.name}: its host (${vm.hostId ?? 'runtime.host missing'}) is not among the imported hosts: left out. Import the host's HostSystem JSON too.`);
      continue;
    }
    const vnics = [];
    for (const n of vm.vnics) {
      const sw = host.switches.find((s) => n.switchUuid && s.uuid === n.switchUuid);
      if (!sw) {
        notes.push(`VM ${vm.name}: ${n.name} is on ${n.portgroup ? `port group "${n.portgroup}" of a standard vSwitch` : 'a switch not among the imported ones'}: left out.`);
        continue;
      }
      if (!n.adapter) notes.push(`VM ${vm.name}: the input does not say ${n.name}'s adapter type: adapter is left out (the format then takes vmxnet3); check it.`);
      vnics.push(defined({ name: n.name, switch: sw.name, adapter: n.adapter }));
    }
    if (host.vms.some((v) => v.name === vm.name)) continue;
    host.vms.push(defined({ name: vm.name, numaNode: vm.numaNode, vcpus: vm.vcpus, latencySensitivity: vm.latencySensitivity, vnics }));
  }
}

/** Where a missing fact can come from: said with the note that it is missing. */
const WHERE: Record<string, string> = {
  'cpu.sockets': '`esxcli hardware cpu global get`',
  'cpu.coresPerSocket': '`esxcli hardware cpu global get`',
  'cpu.ghz': '`esxcli hardware cpu list` (Core Speed) or the HostSystem JSON',
  'cpu.llcMiB': '`esxcli hardware cpu list` (L3 Cache Size)',
  speedGbps: '`esxcli network nic list` or the HostSystem JSON (a link that is down has no speed)',
  numaNode: '`vsish -e get /net/pNics/<vmnic>/properties` (Device NUMA Node), the pnic affinity listing (`Dev  Affinity`, EDP uplinks only), `vim-cmd hostsvc/hosthardware` or the HostSystem JSON (numaInfo, ESXi 7.0+)',
  uplinks: '`vim-cmd hostsvc/net/info` or `esxcli network vswitch dvs vmware list`',
};

function toHost(h: HostFacts, index: number, catalog: NicCatalogLookup | undefined, notes: string[]): ImportedHost {
  const name = h.name ?? `host-${index + 1}`;
  if (!h.name) notes.push(`${name}: no input names this host (\`esxcli system hostname get\` or the HostSystem name would): it is called ${name}.`);
  const missing = (['sockets', 'coresPerSocket', 'ghz', 'llcMiB'] as const).filter((k) => h.cpu[k] === undefined).map((k) => `cpu.${k}`);
  for (const m of missing) notes.push(`${name}: ${m} is in none of the inputs (${WHERE[m]}): left out for you to fill in.`);
  const nics = byVmnicNumber(
    h.nics.map(({ pciAddress: _pci, ...n }) => {
      const known = n.pciVendorId && n.pciDeviceId ? catalog?.(n.pciVendorId, n.pciDeviceId) : undefined;
      return defined({ ...n, model: n.model ?? known?.model, driver: n.driver ?? known?.driver });
    }),
  );
  for (const field of ['speedGbps', 'numaNode'] as const) {
    const without = nics.filter((n) => n[field] === undefined).map((n) => n.name);
    if (without.length) notes.push(`${name}: ${field} of ${without.join(', ')} is in none of the inputs (${WHERE[field]}): left out for you to fill in.`);
  }
  const switches = h.switches.map(({ portset: _p, uuid: _u, ...s }) => {
    if (!s.uplinks?.length) notes.push(`${name}: switch ${s.name} has no uplinks in the inputs (${WHERE.uplinks}): left out for you to fill in.`);
    if (s.mode === undefined) notes.push(`${name}: the inputs do not say switch ${s.name}'s mode (ensEnabled / ensInterruptEnabled in \`vim-cmd hostsvc/net/info\`): it takes target.mode.`);
    // Uplinks no input states are left out (not an empty list), so the schema flags them as required.
    return defined({ ...s, uplinks: s.uplinks?.length ? s.uplinks : undefined }) as ImportedHost['switches'][number];
  });
  const cpu = ordered(h.cpu, CPU_ORDER) as ImportedHost['cpu'];
  return defined({
    name,
    cluster: h.cluster,
    cpu,
    numaNodes: h.numaNodes?.map((n) => ordered(n, NODE_ORDER)),
    nics: nics.map((n) => ordered(n, NIC_ORDER)),
    switches: switches.map((s) => ordered(s, SWITCH_ORDER)),
    vms: h.vms,
  });
}

/**
 * ESXi's NICs in vmnic order (vmnic2 before vmnic10), whichever input named them first: a listing
 * that names only some of them (the pnic affinity table) may come before the full NIC list.
 * NICs named otherwise (hwloc: the Linux names) keep the order of their input.
 */
function byVmnicNumber<T extends { name: string }>(nics: T[]): T[] {
  const number = (n: T) => Number(/^vmnic(\d+)$/.exec(n.name)?.[1]);
  return nics.every((n) => Number.isInteger(number(n))) ? [...nics].sort((a, b) => number(a) - number(b)) : nics;
}

// The schema's order, so an imported file reads like a hand-written one.
const CPU_ORDER = ['model', 'sockets', 'coresPerSocket', 'threadsPerCore', 'ghz', 'llcMiB'];
const NODE_ORDER = ['id', 'socket', 'cores', 'memoryGiB'];
const NIC_ORDER = ['name', 'model', 'driver', 'driverVersion', 'firmware', 'speedGbps', 'numaNode', 'queues', 'pciVendorId', 'pciDeviceId'];
const SWITCH_ORDER = ['name', 'mode', 'uplinks', 'mtu', 'transportVlan', 'lags', 'teaming', 'namedTeamings', 'lcores', 'lcoreAssignment', 'flowCache', 'rxRingSize', 'measured'];

function ordered<T extends object>(o: T, order: string[]): T {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => rank(a) - rank(b))) as T;
}

