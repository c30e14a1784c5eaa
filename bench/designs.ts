// Generated topology designs of any size, seeded and deterministic: the same text for the same
// options on every machine. The one generator of the project: the benchmarks (issue 14), the CLI
// pool and worker unit tests and the extension host's responsiveness e2e test use it. Two kinds:
// - realistic: per host 2 sockets, 1–2 EDP switches with lcores, ~20 VMs with 1–2 vNICs of 2–4
//   queues and 2k–40k Zipf flows per vNIC, so the flows do NOT fit the flow caches (every loaded
//   lcore needs a Che solve), plus a few deliberate mistakes (findings);
// - clean: hosts the model finds nothing wrong with (flows fit, lcores NUMA-aligned); with
//   `remoteVms`, each host's first VM sits on the other NUMA node than its switch's lcores;
// - crowded: the pathological kind of issue 11 (60 hosts ≈ 2 MB): 40 VMs × 2 vNICs of 16 queues
//   per host, 20k–200k flows each, on 3 lcores per switch, so every lcore serves ~100 queues of
//   ~50 different vNIC laws whose flows do not fit.
// Switches are named vds-edp-n0/-n1 (realistic: or vds-edp), so `"switch": "vds-edp` finds a vNIC.
// Usage as a script: node out/bench/designs.js realistic|clean|crowded HOSTS [SEED] > FILE
import { prng } from '../test/support/prng';

export interface DesignOptions {
  hosts: number;
  seed?: number;
  /** VMs per host (mean); realistic defaults to ~20, clean to 24. */
  vmsPerHost?: number;
  /** Hosts per vSphere cluster; all hosts in one cluster with `hosts`. */
  clusterSize?: number;
  /** Clean designs: each host's first VM on the far NUMA node from its switch's lcores (one numa/vm-remote per host). */
  remoteVms?: boolean;
}

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

interface Rng {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
}

function rngOf(seed: number): Rng {
  const next = prng(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

const VM_KINDS = ['fw', 'lb', 'upf', 'smf', 'dns', 'nat', 'ids', 'vpn'] as const;

function nic(n: number, node: number, version = '1.14.2.0'): object {
  return { name: `vmnic${n}`, model: 'Intel E810-CQDA2', driver: 'icen', driverVersion: version, firmware: '4.40', speedGbps: 100, numaNode: node, queues: 16 };
}

function cpuOf(cores: number, ghz: number): object {
  return { model: 'Intel Xeon Gold 6430', sockets: 2, coresPerSocket: cores, threadsPerCore: 2, ghz, llcMiB: 60 };
}

function numaNodesOf(cores: number): object[] {
  return [0, 1].map((id) => ({ id, socket: id, cores, memoryGiB: 512 }));
}

function realisticHost(i: number, r: Rng, o: Required<DesignOptions>): object {
  const name = `esx-${pad(i + 1)}`;
  const cores = r.pick([28, 32, 32]);
  // One layout per cluster (as vSphere clusters are built), so vMotion findings stay the exception.
  const cluster = Math.floor(i / o.clusterSize);
  const twoSwitches = cluster % 3 !== 2;
  // A few deliberate mistakes, so the analysis has findings to locate (as real drafts do).
  const oldDriver = r.chance(0.03);
  const lowMtu = r.chance(0.05);
  const lcoresPerNode = r.int(3, 6);
  const switches = twoSwitches
    ? [0, 1].map((node) => ({
        name: `vds-edp-n${node}`, mode: 'edp-standard', uplinks: [`vmnic${4 + node}`], mtu: lowMtu && node === 1 ? 1600 : 9000,
        lcores: [{ numaNode: node, count: lcoresPerNode }], lcoreAssignment: r.pick(['cpu-usage', 'cpu-usage', 'vnic-count']),
        flowCache: { entries: r.pick([4096, 8192, 16384]) }, rxRingSize: 1024,
      }))
    : [{
        name: 'vds-edp', mode: 'edp-standard', uplinks: ['vmnic4'], mtu: lowMtu ? 1600 : 9000,
        lcores: [{ numaNode: 0, count: 2 * lcoresPerNode }], lcoreAssignment: 'cpu-usage',
        flowCache: { entries: r.pick([4096, 8192, 16384]) }, rxRingSize: 1024,
      }];
  const vmCount = Math.max(1, o.vmsPerHost + r.int(-2, 2));
  const vms = Array.from({ length: vmCount }, (_, v) => {
    // With one switch, its uplink and lcores are on node 0 and so are the VMs.
    const node = twoSwitches ? v % 2 : 0;
    const kind = r.pick(VM_KINDS);
    const vnicCount = r.chance(0.4) ? 2 : 1;
    const wrongNode = r.chance(0.02);
    return {
      name: `${kind}-${pad(i + 1)}-${pad(v + 1, 2)}`,
      numaNode: wrongNode ? 1 - node : node,
      vcpus: r.pick([2, 4, 8, 8, 12, 16]),
      latencySensitivity: r.chance(0.98) ? 'high' : 'normal',
      vnics: Array.from({ length: vnicCount }, (_, n) => {
        const pps = r.int(20, 200) * 1000;
        return {
          name: `eth${n}`, switch: twoSwitches ? `vds-edp-n${node}` : 'vds-edp', adapter: 'vmxnet3', queues: r.int(2, 4),
          traffic: {
            pps, packetBytes: r.pick([128, 256, 512, 800, 1200, 1400]), flows: r.int(2, 40) * 1000,
            zipf: Math.round((0.6 + r.next() * 0.6) * 100) / 100, newFlowsPerSec: Math.round(pps * r.next() * 0.03),
          },
        };
      }),
    };
  });
  return {
    name, cluster: `cluster-${pad(Math.floor(i / o.clusterSize) + 1, 2)}`,
    cpu: cpuOf(cores, r.pick([2.1, 2.4, 2.8])), numaNodes: numaNodesOf(cores),
    nics: [
      { name: 'vmnic0', model: 'Intel X710', driver: 'i40en', driverVersion: '2.5.1.0', speedGbps: 10, numaNode: 0 },
      nic(4, 0, oldDriver ? '1.8.0.0' : '1.14.2.0'), nic(5, 1),
    ],
    switches: [{ name: 'vds-mgmt', mode: 'standard', uplinks: ['vmnic0'], mtu: 1500 }, ...switches],
    vms,
  };
}

function cleanHost(i: number, r: Rng, o: Required<DesignOptions>): object {
  const name = `esx-${pad(i + 1, 4)}`;
  const vms = Array.from({ length: o.vmsPerHost }, (_, v) => {
    const node = v % 2;
    return {
      name: `${r.pick(VM_KINDS)}-${pad(i + 1, 4)}-${pad(v + 1, 2)}`, numaNode: o.remoteVms && v === 0 ? 1 - node : node, vcpus: r.pick([2, 4, 8]), latencySensitivity: 'high',
      vnics: [{
        name: 'eth0', switch: `vds-edp-n${node}`, adapter: 'vmxnet3', queues: 2,
        // Few flows per queue and a large cache: every lcore's flows fit (hit rate ~1, no solve).
        traffic: { pps: r.int(20, 80) * 1000, packetBytes: r.pick([512, 800, 1200]), flows: r.int(1, 8) * 100, zipf: 1, newFlowsPerSec: 100 },
      }],
    };
  });
  return {
    name, cluster: `cluster-${pad(Math.floor(i / o.clusterSize) + 1, 3)}`,
    cpu: cpuOf(32, 2.4), numaNodes: numaNodesOf(32),
    nics: [nic(4, 0), nic(5, 1)],
    switches: [0, 1].map((node) => ({
      name: `vds-edp-n${node}`, mode: 'edp-standard', uplinks: [`vmnic${4 + node}`], mtu: 9000,
      lcores: [{ numaNode: node, count: 4 }], lcoreAssignment: 'cpu-usage', flowCache: { entries: 65536 }, rxRingSize: 1024,
    })),
    vms,
  };
}

function crowdedHost(i: number, r: Rng, o: Required<DesignOptions>): object {
  const name = `esx-${pad(i + 1)}`;
  const vms = Array.from({ length: o.vmsPerHost }, (_, v) => {
    const node = v % 2;
    return {
      name: `${r.pick(VM_KINDS)}-${pad(i + 1)}-${pad(v + 1, 2)}`, numaNode: node, vcpus: 8, latencySensitivity: 'high',
      vnics: [0, 1].map((n) => {
        const pps = r.int(20, 120) * 1000;
        return {
          name: `eth${n}`, switch: `vds-edp-n${node}`, adapter: 'vmxnet3', queues: 16,
          traffic: { pps, packetBytes: r.pick([256, 512, 1400]), flows: r.int(20, 200) * 1000, zipf: Math.round((0.6 + r.next() * 0.6) * 100) / 100, newFlowsPerSec: 100 },
        };
      }),
    };
  });
  return {
    name, cluster: `cluster-${pad(Math.floor(i / o.clusterSize) + 1, 2)}`,
    cpu: cpuOf(32, 2.4), numaNodes: numaNodesOf(32),
    nics: [nic(4, 0), nic(5, 1)],
    switches: [0, 1].map((node) => ({
      name: `vds-edp-n${node}`, mode: 'edp-standard', uplinks: [`vmnic${4 + node}`], mtu: 9000,
      lcores: [{ numaNode: node, count: 3 }], lcoreAssignment: 'cpu-usage', flowCache: { entries: 8192 }, rxRingSize: 1024,
    })),
    vms,
  };
}

function withDefaults(options: DesignOptions, vmsPerHost: number): Required<DesignOptions> {
  return { hosts: options.hosts, seed: options.seed ?? 14, vmsPerHost: options.vmsPerHost ?? vmsPerHost, clusterSize: options.clusterSize ?? 16, remoteVms: options.remoteVms ?? false };
}

function document(kind: string, hosts: object[], header: string): string {
  const doc = { version: 1, name: `${kind}-${hosts.length}`, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts };
  return `// Generated by bench/designs.ts (${header}): do not edit by hand.\n${compactJson(doc, '')}\n`;
}

/** JSON indented by 2 like a hand-written file, with small objects and lists on one line. */
function compactJson(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (typeof value !== 'object' || value === null || flat.length <= 120) return flat.replace(/([,:])(?=["{[\d-])/g, '$1 ');
  const inner = indent + '  ';
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** ~12 KB per host: 100 hosts ≈ 1.2 MB. */
export function realisticDesign(options: DesignOptions): string {
  const o = withDefaults(options, 20);
  const r = rngOf(o.seed);
  const hosts = Array.from({ length: o.hosts }, (_, i) => realisticHost(i, r, o));
  return document('realistic', hosts, `realistic, ${o.hosts} hosts, seed ${o.seed}`);
}

/** ~12 KB per host with the default 24 VMs: 1000 hosts ≈ 12 MB. No findings (but numa/vm-remote with `remoteVms`). */
export function cleanDesign(options: DesignOptions): string {
  const o = withDefaults(options, 24);
  const r = rngOf(o.seed);
  const hosts = Array.from({ length: o.hosts }, (_, i) => cleanHost(i, r, o));
  return document('clean', hosts, `clean, ${o.hosts} hosts, seed ${o.seed}`);
}

/** ~33 KB per host with the default 40 VMs: 60 hosts ≈ 2 MB, flows that do not fit on every lcore. */
export function crowdedDesign(options: DesignOptions): string {
  const o = withDefaults(options, 40);
  const r = rngOf(o.seed);
  const hosts = Array.from({ length: o.hosts }, (_, i) => crowdedHost(i, r, o));
  return document('crowded', hosts, `crowded, ${o.hosts} hosts, seed ${o.seed}`);
}

if (require.main === module) {
  const [kind, hosts, seed] = process.argv.slice(2);
  const make = kind === 'clean' ? cleanDesign : kind === 'realistic' ? realisticDesign : kind === 'crowded' ? crowdedDesign : undefined;
  if (!make || !(Number(hosts) > 0)) {
    process.stderr.write('usage: node out/bench/designs.js realistic|clean|crowded HOSTS [SEED] > FILE\n');
    process.exit(2);
  }
  process.stdout.write(make({ hosts: Number(hosts), seed: seed === undefined ? undefined : Number(seed) }));
}
