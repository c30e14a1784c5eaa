// What one input tells about a host: every field optional, because no single source knows
// everything (hwloc has no link speed, vSphere no cache size, esxcli no VMs). Inputs about the
// same host are merged field by field (merge.ts); what is still missing stays absent, for the
// schema to flag and the notes to name, never filled with a guess.
import type { LcoreAssignment, LcoreGroup, NumaNode, SwitchMeasured, SwitchMode, Vm } from '../topology';

export interface NicFacts {
  name: string;
  model?: string;
  driver?: string;
  driverVersion?: string;
  firmware?: string;
  speedGbps?: number;
  numaNode?: number;
  queues?: number;
  pciVendorId?: string;
  pciDeviceId?: string;
  /** PCI address (0000:18:00.0): joins NIC facts from different commands; not written to the topology. */
  pciAddress?: string;
}

export interface SwitchFacts {
  name: string;
  mode?: SwitchMode;
  uplinks?: string[];
  mtu?: number;
  lcores?: LcoreGroup[];
  lcoreAssignment?: LcoreAssignment;
  rxRingSize?: number;
  measured?: SwitchMeasured;
  /** The portset (DvsPortset-N) ESXi shows for the switch in lcore and flow listings. */
  portset?: string;
  /** The VDS UUID: VM network backings name the switch by it. */
  uuid?: string;
}

export interface HostFacts {
  name?: string;
  cpu: {
    model?: string;
    sockets?: number;
    coresPerSocket?: number;
    threadsPerCore?: number;
    ghz?: number;
    llcMiB?: number;
  };
  numaNodes?: NumaNode[];
  nics: NicFacts[];
  switches: SwitchFacts[];
  vms: Vm[];
  /** Identifiers other inputs use for this host (vSphere managed object id `host-12`), to attach VMs. */
  ids?: string[];
  /** The host's VMkernel IPv4 addresses (vmk0 …): NSX may name the host by one of them. */
  addresses?: string[];
  /** The NSX transport node id the host carries (vSphere HostNetworkInfo.nsxTransportNodeId): its transport node's id. */
  nsxNodeId?: string;
  /** The vCenter cluster's managed object id (`domain-c8`, the HostSystem's parent): NSX names the cluster by it. */
  clusterRef?: string;
  /** The cluster's name, when an input gives it (an NSX compute collection of that clusterRef). */
  cluster?: string;
  /** ESXi facts that join others only once every input about the host is in (esxi/index.ts resolveEsxi). */
  esxi?: EsxiPending;
}

export interface EsxiPending {
  lcores: { lcore: number; portset: string; numaNode: number }[];
  assignment?: LcoreAssignment;
  samples: FlowSampleFacts[];
  /** vmnics ESXi says run in EDP (ENS Driven), with interrupts when the INTR Enabled column is there. */
  ensDriven: [string, { interrupt?: boolean }][];
  rxRing: [string, number][];
  /** vsish pNic properties that name no vmnic, by PCI address: joined to the NIC of that address from another input. */
  pciProps?: PciProps[];
}

export interface PciProps {
  pciAddress: string;
  numaNode?: number;
  /** From a NUMA node's PCI device list (hardware dump), which names every device on the node, not only NICs. */
  fromNumaInfo?: true;
  driver?: string;
  driverVersion?: string;
  firmware?: string;
}

interface FlowSampleFacts {
  lcore: number;
  line: number;
  at?: number;
  waited?: number;
  counters: Record<string, number>;
  form: 'json' | 'key-value' | 'table';
}

export function emptyHost(): HostFacts {
  return { cpu: {}, nics: [], switches: [], vms: [] };
}

/** The NIC of that name, added when missing. */
export function nicNamed(host: HostFacts, name: string): NicFacts {
  let nic = host.nics.find((n) => n.name === name);
  if (!nic) {
    nic = { name };
    host.nics.push(nic);
  }
  return nic;
}

export function switchNamed(host: HostFacts, name: string): SwitchFacts {
  let sw = host.switches.find((s) => s.name === name);
  if (!sw) {
    sw = { name };
    host.switches.push(sw);
  }
  return sw;
}

/** Drops undefined fields, so merging and printing never meet them. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A PCI address normalized to domain:bus:slot.fn in lower case, 0000:18:00.0. */
export function pciAddress(text: string | undefined): string | undefined {
  // ESXi 5.5's nic list prints the bus with three digits (0000:001:00.0), its esxcfg-nics the function with two (0000:01:00.00).
  const m = /^(?:([0-9a-f]{1,8}):)?(0?[0-9a-f]{1,2}):([0-9a-f]{1,2})\.0?([0-7])$/i.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const hex = (s: string, n: number) => s.toLowerCase().padStart(n, '0').slice(-n);
  return `${hex(m[1] ?? '0', 4)}:${hex(m[2], 2)}:${hex(m[3], 2)}.${m[4]}`;
}
