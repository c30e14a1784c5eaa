// A host of the topology format from an hwloc XML export (`lstopo --of xml`), counted with
// cpusets as hwloc itself counts, not by tree position: NUMA nodes may sit under groups, span
// packages or share a package with others. What hwloc cannot know (clock, Ethernet link speed)
// is left out, so the schema's `required` points the user at it, and said in a note.
import type { Cpu, Host, Nic, NumaNode, Topology } from '../topology';
import { type Bitmap, hasBit, includes, intersects, parseBitmap } from './bitmap';
import { descendants, type HwlocObject, type HwlocTree, isIoObject, readHwlocXml } from './hwloc-xml';

export { HwlocXmlError } from './hwloc-xml';

/** Model, driver or speed a NIC catalog knows for a PCI vendor/device id (lower-case hex, no 0x). */
export type NicCatalogLookup = (pciVendorId: string, pciDeviceId: string) => Partial<Pick<Nic, 'model' | 'driver' | 'speedGbps'>> | undefined;

export interface HwlocImportOptions {
  /** Host name; defaults to the HostName hwloc recorded. */
  name?: string;
  catalog?: NicCatalogLookup;
}

/** A NIC as imported: `speedGbps` and `numaNode` are absent where hwloc cannot tell them. */
export type ImportedNic = Omit<Nic, 'speedGbps' | 'numaNode'> & { speedGbps?: number; numaNode?: number };

/** A host as imported: the fields hwloc cannot know are absent, for the user (and the schema) to fill. */
export type ImportedHost = Omit<Host, 'cpu' | 'nics'> & { cpu: Omit<Cpu, 'ghz' | 'llcMiB'> & { ghz?: number; llcMiB?: number }; nics: ImportedNic[] };

export type ImportedTopology = Omit<Topology, 'hosts'> & { hosts: ImportedHost[] };

export interface HwlocImport {
  host: ImportedHost;
  /** What the user must check or fill in, one sentence each. */
  notes: string[];
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

export function importHwloc(xml: string, options: HwlocImportOptions = {}): HwlocImport {
  const tree = readHwlocXml(xml);
  const notes: string[] = [];
  const all = descendants(tree.root);
  const objects = (type: string) => all.filter((o) => o.type === type);

  let packages = objects('Package');
  if (packages.length === 0) {
    notes.push('hwloc reports no Package (socket) objects: the whole machine is taken as one socket. Correct cpu.sockets and numaNodes[].socket if the host has more.');
    packages = [tree.root];
  }
  let cores = objects('Core');
  if (cores.length === 0) {
    notes.push('hwloc reports no Core objects: each processing unit (PU) is counted as a core.');
    cores = objects('PU');
  }
  const pus = objects('PU');

  const cpu = cpuOf(tree, packages, cores, pus, notes);
  const numaNodes = numaNodesOf(objects('NUMANode'), packages, cores, notes);
  // NICs are placed on the NUMA nodes that were kept: those with CPUs.
  const nics = nicsOf(all, objects('NUMANode').filter((n) => cpusetOf(n) !== 0n), options.catalog, notes);

  const name = options.name ?? tree.infos.HostName ?? 'host-1';
  const host: ImportedHost = { name, cpu, ...(numaNodes ? { numaNodes } : {}), nics, switches: [], vms: [] };
  return { host, notes };
}

export function hwlocTopologyDocument(xml: string, options: HwlocImportOptions = {}): { topology: ImportedTopology; notes: string[] } {
  const { host, notes } = importHwloc(xml, options);
  return { topology: { version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts: [host] }, notes };
}

function cpusetOf(obj: HwlocObject): Bitmap {
  return parseBitmap(obj.attrs.cpuset);
}

function cpuOf(tree: HwlocTree, packages: HwlocObject[], cores: HwlocObject[], pus: HwlocObject[], notes: string[]): ImportedHost['cpu'] {
  const coresPer = packages.map((p) => cores.filter((c) => intersects(cpusetOf(c), cpusetOf(p))).length);
  const coresPerSocket = Math.max(...coresPer);
  if (new Set(coresPer).size > 1) {
    notes.push(`Sockets have different core counts (${coresPer.join(', ')}): coresPerSocket is the largest, ${coresPerSocket}.`);
  }

  const threadsPer = cores.map((c) => pus.filter((pu) => includes(cpusetOf(c), cpusetOf(pu))).length || 1);
  const threadsPerCore = Math.max(1, ...threadsPer);
  if (new Set(threadsPer).size > 1) {
    notes.push(`Cores have different thread counts (${[...new Set(threadsPer)].sort().join(' and ')}, as hybrid CPUs do): threadsPerCore is the largest, ${threadsPerCore}.`);
  }

  const llcPer = packages.map((p) => lastLevelCacheBytes(p, tree.root));
  const llcMiB = round2(Math.max(...llcPer) / MiB) || undefined;
  if (llcMiB === undefined) notes.push('hwloc reports no CPU caches: cpu.llcMiB (last-level cache per socket, MiB) is left out for you to fill in.');
  else if (new Set(llcPer).size > 1) notes.push(`Sockets have different last-level caches: llcMiB is the largest, ${llcMiB}.`);

  const models = [...new Set(packages.map((p) => p.infos.CPUModel).filter((m): m is string => !!m))];
  if (models.length > 1) notes.push(`Sockets report different CPU models (${models.join('; ')}): the first is used.`);
  const model = models[0];

  // Intel brand strings carry the base clock ("… @ 2.00GHz"); that is hwloc's data, not a guess.
  const nominal = model ? /@\s*(\d+(?:\.\d+)?)\s*GHz/i.exec(model) : null;
  const ghz = nominal ? Number(nominal[1]) : undefined;
  if (ghz !== undefined) {
    notes.push(`cpu.ghz ${ghz} is the base clock in the CPU model string; change it if the host runs at another sustained clock.`);
  } else {
    notes.push('hwloc does not report the CPU clock: cpu.ghz is left out for you to fill in (the schema flags it until you do).');
  }
  const cpu: ImportedHost['cpu'] = {
    ...(model ? { model } : {}),
    sockets: packages.length,
    coresPerSocket,
    threadsPerCore,
    ...(ghz !== undefined ? { ghz } : {}),
    ...(llcMiB !== undefined ? { llcMiB } : {}),
  };
  return cpu;
}

/** Bytes of the highest cache level within a package: a socket with several L3s (one per CCX) has their sum. */
function lastLevelCacheBytes(pkg: HwlocObject, root: HwlocObject): number {
  const caches = descendants(root).flatMap((o) => {
    const m = /^L(\d+)(?:d|u)?Cache$/.exec(o.type);
    return m ? [{ o, level: Number(m[1]) }] : [];
  });
  const level = Math.max(0, ...caches.map((c) => c.level));
  return caches
    .filter((c) => c.level === level && intersects(cpusetOf(c.o), cpusetOf(pkg)))
    .reduce((sum, c) => sum + Number(c.o.attrs.cache_size ?? 0), 0);
}

/**
 * NUMA nodes with CPUs, by os_index (ESXi numbers them the same way). Memory-only nodes (CXL, HBM
 * without cores) are left out: the format's NUMA nodes are where datapath threads run.
 */
function numaNodesOf(nodes: HwlocObject[], packages: HwlocObject[], cores: HwlocObject[], notes: string[]): NumaNode[] | undefined {
  const sorted = [...nodes].sort((a, b) => osIndex(a) - osIndex(b));
  const out: NumaNode[] = [];
  for (const node of sorted) {
    const id = osIndex(node);
    const cpuset = cpusetOf(node);
    const coreCount = cores.filter((c) => intersects(cpusetOf(c), cpuset)).length;
    if (coreCount === 0) {
      notes.push(`NUMA node ${id}${node.attrs.subtype ? ` (${node.attrs.subtype})` : ''} has memory but no CPUs: left out, as no datapath thread can run on it.`);
      continue;
    }
    const owners = packages.map((p, i) => ({ p, i })).filter(({ p }) => ownsNode(p, node, id));
    if (owners.length > 1) {
      notes.push(`NUMA node ${id} spans sockets ${owners.map((o) => o.i).join(', ')}: its socket is given as ${owners[0].i}.`);
    }
    const result: NumaNode = { id, socket: owners[0]?.i ?? 0, cores: coreCount };
    const bytes = Number(node.attrs.local_memory);
    if (bytes > 0) result.memoryGiB = round2(bytes / GiB);
    out.push(result);
    const twin = sorted.find((m) => m !== node && cpusetOf(m) === cpuset);
    if (twin && osIndex(twin) < id) {
      const kind = node.attrs.subtype ? ` (${node.attrs.subtype} memory)` : '';
      notes.push(`NUMA node ${id}${kind} has the same CPUs as node ${osIndex(twin)}: their cores are counted in both.`);
    }
  }
  if (out.length === 0) {
    notes.push('hwloc reports no NUMA node with CPUs: numaNodes is left out, so each socket counts as one node.');
    return undefined;
  }
  return out;
}

/** A package holds a NUMA node when its nodeset names it (CPU-less nodes too) or, lacking nodesets, shares CPUs with it. */
function ownsNode(pkg: HwlocObject, node: HwlocObject, id: number): boolean {
  if (pkg.attrs.nodeset !== undefined) return hasBit(parseBitmap(pkg.attrs.nodeset), id);
  return intersects(cpusetOf(pkg), cpusetOf(node));
}

function nicsOf(all: HwlocObject[], nodes: HwlocObject[], catalog: NicCatalogLookup | undefined, notes: string[]): ImportedNic[] {
  const nics: ImportedNic[] = [];
  const virtualFunctions: string[] = [];
  const unplaced: string[] = [];
  for (const osdev of all.filter((o) => o.type === 'OSDev:network')) {
    const name = osdev.attrs.name ?? '';
    const pci = ancestor(osdev, (o) => o.type === 'PCIDev');
    const pciType = pci ? parsePciType(pci.attrs.pci_type) : undefined;
    if (!pci || !pciType) {
      notes.push(`Network interface "${name}" is not on a PCI device hwloc describes: skipped.`);
      continue;
    }
    if (!pciType.classId.startsWith('02')) {
      notes.push(`Network interface "${name}" is on PCI device ${pci.attrs.pci_busid ?? ''} of class 0x${pciType.classId}, not a network controller (0x02xx): skipped; add it by hand if it is an Ethernet uplink.`);
      continue;
    }
    const pciDevice = pci.infos.PCIDevice ?? '';
    if (/virtual function/i.test(pciDevice)) {
      virtualFunctions.push(name);
      continue;
    }
    const nic: ImportedNic = { name };
    const known = catalog?.(pciType.vendorId, pciType.deviceId);
    const model = known?.model ?? [pci.infos.PCIVendor, pciDevice].filter(Boolean).join(' ');
    if (model) nic.model = model;
    if (known?.driver) nic.driver = known.driver;
    if (known?.speedGbps) nic.speedGbps = known.speedGbps;
    const local = localNodes(osdev, nodes);
    if (local.length === 1) nic.numaNode = local[0];
    else unplaced.push(`"${name}" (${local.length === 0 ? 'no NUMA node' : `NUMA nodes ${local.join(', ')}`})`);
    nic.pciVendorId = pciType.vendorId;
    nic.pciDeviceId = pciType.deviceId;
    if (pciType.classId !== '0200') {
      notes.push(`NIC "${name}" is a PCI class 0x${pciType.classId} controller (0x0207 is InfiniBand), not Ethernet: remove it unless it runs as Ethernet.`);
    }
    nics.push(nic);
  }
  if (virtualFunctions.length > 0) notes.push(`SR-IOV virtual functions skipped: ${virtualFunctions.join(', ')}.`);
  if (unplaced.length > 0) {
    notes.push(`hwloc places ${unplaced.join(', ')} on more or fewer than one NUMA node: numaNode is left out for you to fill in.`);
  }
  const withoutSpeed = nics.filter((n) => n.speedGbps === undefined).map((n) => n.name);
  if (withoutSpeed.length > 0) {
    notes.push(`hwloc does not report Ethernet link speeds (its PCI link speed is the PCIe bus): speedGbps is left out for ${withoutSpeed.join(', ')}.`);
  }
  return nics;
}

/** NUMA nodes local to an I/O object: those sharing CPUs with its first non-I/O ancestor, as `hwloc-calc os=NAME --intersect NUMAnode` answers. */
function localNodes(io: HwlocObject, nodes: HwlocObject[]): number[] {
  const anchor = ancestor(io, (o) => !isIoObject(o));
  if (!anchor) return [];
  const cpuset = cpusetOf(anchor);
  const nodeset = parseBitmap(anchor.attrs.nodeset);
  return nodes
    .filter((n) => (cpuset !== 0n ? intersects(cpusetOf(n), cpuset) : hasBit(nodeset, osIndex(n))))
    .map(osIndex)
    .sort((a, b) => a - b);
}

function ancestor(obj: HwlocObject, test: (o: HwlocObject) => boolean): HwlocObject | undefined {
  for (let o = obj.parent; o; o = o.parent) if (test(o)) return o;
  return undefined;
}

/** `pci_type="0200 [8086:10d3] [8086:0000] 00"`: class, [vendor:device], [subvendor:subdevice], revision (hwloc 3 adds prog-if). */
function parsePciType(text: string | undefined): { classId: string; vendorId: string; deviceId: string } | undefined {
  const m = text ? /^([0-9a-f]{4}) \[([0-9a-f]{4}):([0-9a-f]{4})\]/i.exec(text) : null;
  return m ? { classId: m[1].toLowerCase(), vendorId: m[2].toLowerCase(), deviceId: m[3].toLowerCase() } : undefined;
}

function osIndex(obj: HwlocObject): number {
  return Number(obj.attrs.os_index ?? 0);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
