// CPU, NUMA and host name from ESXi command output:
//   esxcli hardware cpu global get   CPU Packages / CPU Cores / CPU Threads / Hyperthreading Active
//   esxcli hardware cpu list         one `CPU:N` block per thread: Package Id, Node, Brand, Core Speed, L3 Cache Size …
//   esxcli hardware memory get       Physical Memory / NUMA Node Count
//   sched-stats -t ncpus             `80 PCPUs`, `40 cores`, `2 LLCs`, `2 packages`, `2 NUMA nodes`
//   vsish -e get /hardware/cpu/cpuInfo   `CPU global information { Number of packages:2, Number of cores:56, Number of CPUs (threads):112 … }`
//   vsish (hardware information)     `Number of NUMA nodes:2`
//   vsish -e get /hardware/cpuTopology/package/nodes/N   `cpu topology relation { pcpus:0-55 }` (also read under /numa/nodes/N)
//   vim-cmd hostsvc/net/info         the host name in dnsConfig (vimcmd.ts)
//   vim-cmd hostsvc/hosthardware     cpuPkg (model string, clock, threads) and numaInfo (nodes, their PCI devices) (vimcmd.ts)
// Real `esxcli hardware cpu list` output (ESXi 5.5 to 9.0) prints the CPUID vendor as Brand
// (GenuineIntel, AuthenticAMD), not the model, and an `L3 Cache CPU Count` that is not the number
// of CPUs sharing the L3 (2 on a 10-core E7-2870 and on a 4-core i7-6700): neither is used as such.
// The vsish layouts are those of real ens_diagnostics collections (valenciakarlos/parseesxilogs
// info.txt, ESXi 7.0.3 and 8.0); the cpuTopology path is the one vbondzio/sowasvonunsupported's
// amperf.sh reads `pcpus:` from.
//   a CPU model string               `Intel(R) Xeon(R) Gold 6430 CPU @ 2.10GHz`
//   esxcli system hostname get       Host Name / Fully Qualified Domain Name
import type { HostFacts } from '../facts';
import { round } from '../facts';
import { int, keyValues, valueOf } from './lines';
import { type DumpHardware, readDumpHardware, readDumpHostName } from './vimcmd';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
/** CPUID vendor strings: what real `esxcli hardware cpu list` prints as Brand. */
const VENDOR = /^(GenuineIntel|AuthenticAMD|HygonGenuine|CentaurHauls|GenuineIotel)$/i;

export function readCpu(lines: readonly string[], host: HostFacts, notes: string[], hardware: DumpHardware = readDumpHardware(lines.join('\n'))): boolean {
  let found = false;
  const packages = int(valueOf(lines, 'CPU Packages')?.value) ?? int(valueOf(lines, 'Number of packages')?.value) ?? hardware.cpuInfo?.packages;
  const cores = int(valueOf(lines, 'CPU Cores')?.value) ?? int(valueOf(lines, 'Number of cores')?.value) ?? hardware.cpuInfo?.cores;
  const threads = int(valueOf(lines, 'CPU Threads')?.value) ?? int(valueOf(lines, 'Number of CPUs (threads)')?.value) ?? hardware.cpuInfo?.threads;
  const ht = valueOf(lines, 'Hyperthreading Active')?.value;
  const summary = schedStats(lines);

  const list = cpuList(lines);
  const topology = relations(lines, notes);
  const sockets = packages ?? summary.packages ?? (list.length ? new Set(list.map((c) => c.package)).size : undefined) ?? (hardware.packages.length || undefined) ?? (topology.package.length || undefined);
  const coreCount = cores ?? summary.cores;
  const threadCount = threads ?? summary.pcpus ?? (list.length || undefined);
  if (sockets !== undefined) {
    host.cpu.sockets = sockets;
    found = true;
  }
  if (sockets && coreCount) host.cpu.coresPerSocket = Math.round(coreCount / sockets);
  if (coreCount && threadCount) host.cpu.threadsPerCore = Math.max(1, Math.round(threadCount / coreCount));
  else if (ht !== undefined && /^false$/i.test(ht)) host.cpu.threadsPerCore = 1;

  // Brand is the CPUID vendor in real output; a model string stands elsewhere (the hardware dump, a heading's line).
  const model = hardware.packages.find((p) => p.description)?.description ?? list.find((c) => c.brand && !VENDOR.test(c.brand))?.brand ?? modelString(lines);
  if (model) {
    host.cpu.model = model;
    found = true;
  }
  const hz = list.find((c) => c.hz)?.hz ?? hardware.cpuInfo?.hz ?? hardware.packages.find((p) => p.hz)?.hz;
  if (hz) host.cpu.ghz = round(hz / 1e9);
  else if (model) {
    const nominal = /@\s*(\d+(?:\.\d+)?)\s*GHz/i.exec(model);
    if (nominal) {
      host.cpu.ghz = Number(nominal[1]);
      notes.push(`cpu.ghz ${host.cpu.ghz} is the base clock in the CPU model string; change it if the host runs at another sustained clock.`);
    }
  }
  const llc = llcPerSocket(list, sockets, summary.llcs, notes);
  if (llc) host.cpu.llcMiB = round(llc / MiB);

  const nodes = numaNodes(list, host.cpu.threadsPerCore) ?? dumpNodes(hardware, host.cpu.threadsPerCore) ?? topologyNodes(topology, host.cpu.threadsPerCore, notes);
  if (nodes) {
    host.numaNodes = nodes;
    found = true;
  }
  const nodeCount = int(valueOf(lines, 'NUMA Node Count')?.value) ?? int(valueOf(lines, 'Number of NUMA nodes')?.value) ?? summary.nodes;
  if (nodeCount !== undefined) {
    found = true;
    if (!host.numaNodes && sockets && nodeCount === sockets) {
      // One node per socket is the format's default layout: the host needs no numaNodes list.
    } else if (!host.numaNodes) {
      notes.push(`The host has ${nodeCount} NUMA node${nodeCount === 1 ? '' : 's'} but the inputs do not say which cores each has: add \`esxcli hardware cpu list\` output, or fill numaNodes in by hand.`);
    }
  }
  const name = valueOf(lines, 'Fully Qualified Domain Name')?.value || valueOf(lines, 'Host Name')?.value || readDumpHostName(lines.join('\n'));
  if (name) host.name = name;
  return found || !!name;
}

interface CpuEntry {
  id: number;
  package?: number;
  node?: number;
  core?: number;
  brand?: string;
  hz?: number;
  l3Bytes?: number;
}

function cpuList(lines: readonly string[]): CpuEntry[] {
  const out: CpuEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^\s*CPU\s*:\s*(\d+)\s*$/.exec(lines[i]);
    if (!head) continue;
    const { values, end } = keyValues(lines, i + 1);
    const get = (k: string) => values.get(k);
    out.push({
      id: Number(head[1]),
      package: int(get('Package Id')),
      node: int(get('Node')),
      core: int(get('Core Id')),
      brand: get('Brand') || undefined,
      hz: int(get('Core Speed')),
      l3Bytes: int(get('L3 Cache Size')),
    });
    i = end - 1;
  }
  return out;
}

/** sched-stats -t ncpus: one `N what` line each. */
function schedStats(lines: readonly string[]): { pcpus?: number; cores?: number; llcs?: number; packages?: number; nodes?: number } {
  const out: Record<string, number> = {};
  const names: Record<string, string> = { pcpus: 'pcpus', cores: 'cores', llcs: 'llcs', packages: 'packages', 'numa nodes': 'nodes' };
  for (const line of lines) {
    const m = /^\s*(\d+)\s+(PCPUs|cores|LLCs|packages|NUMA nodes)\s*$/i.exec(line);
    if (m && out[names[m[2].toLowerCase()]] === undefined) out[names[m[2].toLowerCase()]] = Number(m[1]);
  }
  return out;
}

function modelString(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const m = /((?:Intel|AMD|Hygon)\S*(?:\s+\S+)*?\s+(?:CPU\s+)?@\s*\d+(?:\.\d+)?\s*GHz|AMD\s+EPYC\s+\S+(?:\s+\d+-Core Processor)?)/.exec(line);
    if (m) return m[1].trim();
  }
  return undefined;
}

/**
 * L3 bytes per socket: one L3's size times how many L3s a package has, from sched-stats' LLC count
 * (one per CCX on AMD). `L3 Cache CPU Count` is not that count in real output, so without
 * sched-stats it is one L3's size, with a note for AMD (several L3s per socket).
 */
function llcPerSocket(list: CpuEntry[], sockets: number | undefined, llcs: number | undefined, notes: string[]): number | undefined {
  const withL3 = list.find((c) => c.l3Bytes);
  if (!withL3?.l3Bytes) return undefined;
  if (llcs && sockets) return withL3.l3Bytes * Math.max(1, Math.round(llcs / sockets));
  if (/AuthenticAMD|HygonGenuine/i.test(withL3.brand ?? '')) {
    notes.push('cpu.llcMiB is the size of one L3 (`esxcli hardware cpu list`); an AMD socket has one L3 per CCX: multiply by the L3s per socket, or add `sched-stats -t ncpus` output (its LLC count).');
  }
  return withL3.l3Bytes;
}

/** NUMA nodes from the `Node` of each thread in `esxcli hardware cpu list`; cores = threads / threads per core. */
function numaNodes(list: CpuEntry[], threadsPerCore: number | undefined): HostFacts['numaNodes'] {
  if (list.length === 0 || list.some((c) => c.node === undefined)) return undefined;
  // Without core ids or a thread count per core, threads cannot be turned into cores: no guess.
  if (threadsPerCore === undefined && list.some((c) => c.core === undefined)) return undefined;
  const ids = [...new Set(list.map((c) => c.node!))].sort((a, b) => a - b);
  return ids.map((id) => {
    const cpus = list.filter((c) => c.node === id);
    const coreIds = cpus.every((c) => c.core !== undefined) ? new Set(cpus.map((c) => `${c.package}:${c.core}`)).size : undefined;
    const cores = coreIds ?? Math.max(1, Math.round(cpus.length / (threadsPerCore ?? 1)));
    const socket = cpus.find((c) => c.package !== undefined)?.package ?? 0;
    return { id, socket, cores };
  });
}

interface Relations {
  /** pcpu ids per package / NUMA node, by index. */
  package: number[][];
  numa: number[][];
}

/**
 * `cpu topology relation { pcpus:0-55 }` blocks. A block does not say what it relates, so the
 * command line or heading above it must: `…/cpuTopology/package/nodes/0` or "CPU package topology
 * relation" (what ens_diagnostics writes) is a package, `…/cpuTopology/numa/nodes/0` a NUMA node.
 * Only the package form is seen in real output; the NUMA form is read the same way (the node's
 * entry under the same tree). Unlabelled blocks are not used (a note says so).
 */
function relations(lines: readonly string[], notes: string[]): Relations {
  const out: Relations = { package: [], numa: [] };
  let unlabelled = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*cpu topology relation\s*\{?\s*$/i.test(lines[i])) continue;
    let pcpus: number[] | undefined;
    let j = i + 1;
    for (; j < lines.length && !/^\s*\}/.test(lines[j]); j++) {
      const m = /^\s*pcpus\s*:\s*([\d,\s-]+)$/i.exec(lines[j]);
      if (m) pcpus = idList(m[1]);
    }
    // The label: the nearest line above that is not part of a relation block.
    let label = '';
    for (let k = i - 1; k >= Math.max(0, i - 40); k--) {
      const l = lines[k].trim();
      if (l === '' || l === '}' || /^pcpus\s*:/i.test(l) || /^cpu topology relation/i.test(l)) continue;
      label = l;
      break;
    }
    const kind = /numa/i.test(label) ? 'numa' : /package/i.test(label) ? 'package' : undefined;
    if (pcpus?.length && kind) {
      const index = int(/\/nodes\/(\d+)\b/.exec(label)?.[1]) ?? out[kind].length;
      out[kind][index] = pcpus;
    } else if (pcpus?.length) unlabelled++;
    i = j;
  }
  if (unlabelled) notes.push(`${unlabelled} \`cpu topology relation\` block${unlabelled === 1 ? '' : 's'} with no command line or heading above naming a package or NUMA node (\`vsish -e get /hardware/cpuTopology/package/nodes/N\`): not used.`);
  return { package: out.package.filter(Boolean), numa: out.numa };
}

/** `0-55`, `0-27,56-83`. */
function idList(text: string): number[] {
  const ids: number[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) return [];
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 65536) return [];
    for (let x = a; x <= b; x++) ids.push(x);
  }
  return ids;
}

/** NUMA nodes from cpuTopology NUMA relations: cores = pcpus ÷ threads per core, socket = the package holding them. */
function topologyNodes(topology: Relations, threadsPerCore: number | undefined, notes: string[]): HostFacts['numaNodes'] {
  const ids = topology.numa.map((_, i) => i).filter((i) => topology.numa[i] !== undefined);
  if (ids.length === 0) return undefined;
  if (threadsPerCore === undefined) {
    notes.push('cpuTopology NUMA relations list each node\'s PCPUs, but no output says how many threads a core has (`esxcli hardware cpu global get`, or vsish /hardware/cpu/cpuInfo): numaNodes not set.');
    return undefined;
  }
  return ids.map((id) => {
    const pcpus = topology.numa[id];
    const socket = topology.package.findIndex((p) => p.includes(pcpus[0]));
    return { id, socket: socket >= 0 ? socket : 0, cores: Math.max(1, Math.round(pcpus.length / threadsPerCore)) };
  });
}

/** NUMA nodes of the hardware dump: cores = thread ids ÷ threads per core, socket = the package holding most of them. */
function dumpNodes(hardware: DumpHardware, threadsPerCore: number | undefined): HostFacts['numaNodes'] {
  // Threads become cores only with a thread count per core: no guess.
  if (hardware.nodes.length === 0 || hardware.nodes.some((n) => n.cpus.length === 0) || threadsPerCore === undefined) return undefined;
  const pkgOf = new Map<number, number>();
  for (const p of hardware.packages) for (const t of p.threads) pkgOf.set(t, p.index);
  return hardware.nodes.map((n) => {
    const sockets = n.cpus.map((c) => pkgOf.get(c)).filter((s): s is number => s !== undefined);
    const socket = sockets.length ? [...new Set(sockets)].sort((a, b) => sockets.filter((s) => s === b).length - sockets.filter((s) => s === a).length || a - b)[0] : 0;
    return { id: n.id, socket, cores: Math.max(1, Math.round(n.cpus.length / threadsPerCore)), ...(n.bytes ? { memoryGiB: round(n.bytes / GiB, 1) } : {}) };
  });
}
