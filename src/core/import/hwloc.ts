// A host of the topology format from an hwloc XML export (`lstopo --of xml`), counted with
// cpusets as hwloc itself counts, not by tree position: NUMA nodes may sit under groups, span
// packages or share a package with others. What hwloc cannot know (clock, Ethernet link speed)
// is left out, so the schema's `required` points the user at it, and said in a note.
import type { Cpu, Host, Nic, NumaNode, Topology } from '../topology';
import { clipText, listText } from '../present';
import { type Bitmap, bitsOf, hasBit, includes, intersects, lowestBit } from './bitmap';
import { descendants, type HwlocObject, isIoObject, readHwlocXml } from './hwloc-xml';
import { fitToSchema, MAX_NUMA_ID } from './hwloc-fit';

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
  const byType = new Map<string, HwlocObject[]>();
  for (const o of all) {
    const list = byType.get(o.type);
    if (list) list.push(o);
    else byType.set(o.type, [o]);
  }
  const objects = (type: string) => byType.get(type) ?? [];

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
  if (pus.length === 0) notes.push('hwloc reports no processing units (PU objects): the export is incomplete, so the CPU counts it gives are not trustworthy. Export it again with lstopo --of xml on the host.');
  const index = new CpuIndex(packages, cores);

  const cpu = cpuOf(all, packages, cores, pus, index, notes);
  const numaNodes = numaNodesOf(objects('NUMANode'), packages, index, notes);
  // NICs are placed on the NUMA nodes that were kept: those with CPUs and a usable id.
  const kept = new Set(numaNodes?.map((n) => n.id));
  const nics = nicsOf(all, objects('NUMANode').filter((n) => n.cpuset !== 0n && kept.has(osIndex(n))), options.catalog, notes);

  const name = options.name ?? tree.infos.HostName ?? 'host-1';
  const host: ImportedHost = { name, cpu, ...(numaNodes ? { numaNodes } : {}), nics, switches: [], vms: [] };
  return { host: fitToSchema(host, notes), notes };
}

export function hwlocTopologyDocument(xml: string, options: HwlocImportOptions = {}): { topology: ImportedTopology; notes: string[] } {
  const { host, notes } = importHwloc(xml, options);
  return { topology: { version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts: [host] }, notes };
}

function cpusetOf(obj: HwlocObject): Bitmap {
  return obj.cpuset;
}

/**
 * Which package and which core each CPU (bit of a cpuset) belongs to, built once: counting by
 * lookup instead of comparing every core with every PU keeps the import linear in the file.
 */
class CpuIndex {
  private readonly packageOfCpu = new Map<number, number>();
  private readonly coreOfCpu = new Map<number, number>();

  constructor(packages: readonly HwlocObject[], private readonly cores: readonly HwlocObject[]) {
    packages.forEach((p, i) => bitsOf(p.cpuset).forEach((b) => this.packageOfCpu.has(b) || this.packageOfCpu.set(b, i)));
    cores.forEach((c, i) => bitsOf(c.cpuset).forEach((b) => this.coreOfCpu.has(b) || this.coreOfCpu.set(b, i)));
  }

  /** Indexes of the packages an object's CPUs belong to. */
  packagesOf(obj: HwlocObject): Set<number> {
    return this.lookup(this.packageOfCpu, obj.cpuset);
  }

  /** Indexes of the cores with a CPU in the set. */
  coresIn(set: Bitmap): Set<number> {
    return this.lookup(this.coreOfCpu, set);
  }

  /** The core that holds all of a PU's CPUs, if any. */
  coreOfPu(pu: HwlocObject): number | undefined {
    const first = lowestBit(pu.cpuset);
    const core = first === undefined ? undefined : this.coreOfCpu.get(first);
    return core !== undefined && includes(this.cores[core].cpuset, pu.cpuset) ? core : undefined;
  }

  private lookup(map: Map<number, number>, set: Bitmap): Set<number> {
    const out = new Set<number>();
    for (const b of bitsOf(set)) {
      const i = map.get(b);
      if (i !== undefined) out.add(i);
    }
    return out;
  }
}

function cpuOf(all: HwlocObject[], packages: HwlocObject[], cores: HwlocObject[], pus: HwlocObject[], index: CpuIndex, notes: string[]): ImportedHost['cpu'] {
  const coresPer = packages.map(() => 0);
  for (const c of cores) for (const p of index.packagesOf(c)) coresPer[p]++;
  const coresPerSocket = Math.max(0, ...coresPer);
  if (new Set(coresPer).size > 1) {
    notes.push(`Sockets have different core counts (${listText(coresPer)}): coresPerSocket is the largest, ${coresPerSocket}.`);
  }

  const puCount = cores.map(() => 0);
  for (const pu of pus) {
    const core = index.coreOfPu(pu);
    if (core !== undefined) puCount[core]++;
  }
  const threadsPer = puCount.map((n) => n || 1);
  const threadsPerCore = Math.max(1, ...threadsPer);
  if (new Set(threadsPer).size > 1) {
    notes.push(`Cores have different thread counts (${[...new Set(threadsPer)].sort().join(' and ')}, as hybrid CPUs do): threadsPerCore is the largest, ${threadsPerCore}.`);
  }

  const llcPer = lastLevelCacheBytes(all, packages, index);
  const llcMiB = round2(Math.max(0, ...llcPer) / MiB) || undefined;
  if (llcMiB === undefined) notes.push('hwloc reports no CPU caches: cpu.llcMiB (last-level cache per socket, MiB) is left out for you to fill in.');
  else if (new Set(llcPer).size > 1) notes.push(`Sockets have different last-level caches: llcMiB is the largest, ${llcMiB}.`);

  const models = [...new Set(packages.map((p) => p.infos.CPUModel).filter((m): m is string => !!m))];
  if (models.length > 1) notes.push(`Sockets report different CPU models (${listText(models)}): the first is used.`);
  const model = models[0];

  // Intel brand strings carry the base clock ("… @ 2.00GHz"); that is hwloc's data, not a guess.
  const nominal = model ? /@\s*(\d{1,3}(?:\.\d{1,6})?)\s*GHz/i.exec(model) : null;
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

/** Bytes of the highest cache level per package: a socket with several L3s (one per CCX) has their sum. */
function lastLevelCacheBytes(all: HwlocObject[], packages: HwlocObject[], index: CpuIndex): number[] {
  const caches = all.flatMap((o) => {
    const m = /^L(\d+)(?:d|u)?Cache$/.exec(o.type);
    return m ? [{ o, level: Number(m[1]) }] : [];
  });
  const level = Math.max(0, ...caches.map((c) => c.level));
  const bytes = packages.map(() => 0);
  for (const c of caches) {
    if (c.level !== level) continue;
    const size = Number(c.o.attrs.cache_size ?? 0);
    for (const p of index.packagesOf(c.o)) bytes[p] += Number.isFinite(size) && size > 0 ? size : 0;
  }
  return bytes;
}

/**
 * NUMA nodes with CPUs, by os_index (ESXi numbers them the same way). Memory-only nodes (CXL, HBM
 * without cores) are left out: the format's NUMA nodes are where datapath threads run.
 */
function numaNodesOf(nodes: HwlocObject[], packages: HwlocObject[], index: CpuIndex, notes: string[]): NumaNode[] | undefined {
  const sorted = [...nodes].sort((a, b) => osIndex(a) - osIndex(b));
  // Which packages own each node id: by their nodesets (CPU-less nodes too) or, lacking one, by shared CPUs.
  const ownersById = new Map<number, number[]>();
  packages.forEach((p, i) => {
    if (p.nodeset === undefined) return;
    for (const id of bitsOf(p.nodeset)) ownersById.set(id, [...(ownersById.get(id) ?? []), i]);
  });
  const out: NumaNode[] = [];
  const firstWithCpuset = new Map<Bitmap, number>();
  for (const node of sorted) {
    const id = osIndex(node);
    const cpuset = cpusetOf(node);
    const coreCount = index.coresIn(cpuset).size;
    if (coreCount === 0) {
      notes.push(`NUMA node ${id}${node.attrs.subtype ? ` (${clipText(node.attrs.subtype)})` : ''} has memory but no CPUs: left out, as no datapath thread can run on it.`);
      continue;
    }
    if (!(id >= 0 && id <= MAX_NUMA_ID)) {
      notes.push(`NUMA node os_index ${node.osIndex ?? '(none)'} is outside 0..${MAX_NUMA_ID}: left out, with the NICs on it; add the node by hand if the host really has it.`);
      continue;
    }
    // A package with a nodeset owns the nodes it names; one without, the nodes it shares CPUs with.
    const sharing = index.packagesOf(node);
    const owners = [...new Set([...(ownersById.get(id) ?? []), ...sharing])]
      .filter((i) => (packages[i].nodeset !== undefined ? ownersById.get(id)?.includes(i) : sharing.has(i)))
      .sort((a, b) => a - b);
    if (owners.length > 1) {
      notes.push(`NUMA node ${id} spans sockets ${owners.join(', ')}: its socket is given as ${owners[0]}.`);
    }
    const result: NumaNode = { id, socket: owners[0] ?? 0, cores: coreCount };
    const bytes = Number(node.attrs.local_memory);
    if (bytes > 0) result.memoryGiB = round2(bytes / GiB);
    out.push(result);
    const twin = firstWithCpuset.get(cpuset);
    if (twin !== undefined && twin < id) {
      const kind = node.attrs.subtype ? ` (${clipText(node.attrs.subtype)} memory)` : '';
      notes.push(`NUMA node ${id}${kind} has the same CPUs as node ${twin}: their cores are counted in both.`);
    }
    if (twin === undefined) firstWithCpuset.set(cpuset, id);
  }
  if (out.length === 0) {
    notes.push('hwloc reports no NUMA node with CPUs: numaNodes is left out, so each socket counts as one node.');
    return undefined;
  }
  return out;
}

function nicsOf(all: HwlocObject[], nodes: HwlocObject[], catalog: NicCatalogLookup | undefined, notes: string[]): ImportedNic[] {
  const nics: ImportedNic[] = [];
  const virtualFunctions: string[] = [];
  const unplaced: string[] = [];
  const local = localNodeFinder(nodes);
  for (const osdev of all.filter((o) => o.type === 'OSDev:network')) {
    const name = osdev.attrs.name ?? '';
    const shown = clipText(name);
    const pci = ancestor(osdev, (o) => o.type === 'PCIDev');
    const pciType = pci ? parsePciType(pci.attrs.pci_type) : undefined;
    if (!pci || !pciType) {
      notes.push(`Network interface "${shown}" is not on a PCI device hwloc describes: skipped.`);
      continue;
    }
    if (!pciType.classId.startsWith('02')) {
      notes.push(`Network interface "${shown}" is on PCI device ${clipText(pci.attrs.pci_busid ?? '')} of class 0x${pciType.classId}, not a network controller (0x02xx): skipped; add it by hand if it is an Ethernet uplink.`);
      continue;
    }
    const pciDevice = pci.infos.PCIDevice ?? '';
    if (/virtual function/i.test(pciDevice)) {
      virtualFunctions.push(shown);
      continue;
    }
    const nic: ImportedNic = { name };
    const known = catalog?.(pciType.vendorId, pciType.deviceId);
    const model = known?.model ?? [pci.infos.PCIVendor, pciDevice].filter(Boolean).join(' ');
    if (model) nic.model = model;
    if (known?.driver) nic.driver = known.driver;
    if (known?.speedGbps) nic.speedGbps = known.speedGbps;
    const near = local(osdev);
    if (near.length === 1) nic.numaNode = near[0];
    else unplaced.push(`"${shown}" (${near.length === 0 ? 'no NUMA node' : `NUMA nodes ${listText(near)}`})`);
    nic.pciVendorId = pciType.vendorId;
    nic.pciDeviceId = pciType.deviceId;
    if (pciType.classId !== '0200') {
      notes.push(`NIC "${shown}" is a PCI class 0x${pciType.classId} controller (0x0207 is InfiniBand), not Ethernet: remove it unless it runs as Ethernet.`);
    }
    nics.push(nic);
  }
  if (virtualFunctions.length > 0) notes.push(`SR-IOV virtual functions skipped: ${listText(virtualFunctions)}.`);
  if (unplaced.length > 0) {
    notes.push(`hwloc places ${listText(unplaced)} on more or fewer than one NUMA node: numaNode is left out for you to fill in.`);
  }
  const withoutSpeed = nics.filter((n) => n.speedGbps === undefined).map((n) => clipText(n.name));
  if (withoutSpeed.length > 0) {
    notes.push(`hwloc does not report Ethernet link speeds (its PCI link speed is the PCIe bus): speedGbps is left out for ${listText(withoutSpeed)}.`);
  }
  return nics;
}

/**
 * NUMA nodes local to an I/O object: those sharing CPUs with its first non-I/O ancestor, as
 * `hwloc-calc os=NAME --intersect NUMAnode` answers. Remembered per ancestor: many NICs share one.
 */
function localNodeFinder(nodes: HwlocObject[]): (io: HwlocObject) => number[] {
  const byAnchor = new Map<HwlocObject, number[]>();
  return (io) => {
    const anchor = ancestor(io, (o) => !isIoObject(o));
    if (!anchor) return [];
    let found = byAnchor.get(anchor);
    if (!found) {
      const cpuset = cpusetOf(anchor);
      const nodeset = anchor.nodeset ?? 0n;
      found = nodes
        .filter((n) => (cpuset !== 0n ? intersects(cpusetOf(n), cpuset) : hasBit(nodeset, osIndex(n))))
        .map(osIndex)
        .sort((a, b) => a - b);
      byAnchor.set(anchor, found);
    }
    return found;
  };
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
  return obj.osIndex ?? 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
