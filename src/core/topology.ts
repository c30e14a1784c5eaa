// The topology file, format version 1 (DESIGN §2), as the schema guarantees it after validation.
// schemas/topology.schema.json is the source of truth; these types mirror it for the core.

export type SwitchMode = 'standard' | 'edp-standard' | 'edp-performance' | 'edp-dedicated';
export type LcoreAssignment = 'cpu-usage' | 'vnic-count';
export type LatencySensitivity = 'low' | 'normal' | 'medium' | 'high';
export type VnicAdapter = 'vmxnet3' | 'e1000' | 'e1000e' | 'sriov';
export type SeveritySetting = 'off' | 'info' | 'warning' | 'error';

export interface Topology {
  version: 1;
  name?: string;
  description?: string;
  target: Target;
  hosts: Host[];
  rules?: Record<string, SeveritySetting>;
  model?: Record<string, number>;
}

export interface Target {
  release: string;
  mode: SwitchMode;
}

export interface Host {
  name: string;
  cluster?: string;
  cpu: Cpu;
  numaNodes?: NumaNode[];
  nics: Nic[];
  switches: Switch[];
  vms?: Vm[];
}

export interface Cpu {
  model?: string;
  sockets: number;
  coresPerSocket: number;
  threadsPerCore?: number;
  ghz: number;
  /** Last-level cache per socket, MiB. */
  llcMiB: number;
}

export interface NumaNode {
  id: number;
  socket: number;
  cores: number;
  memoryGiB?: number;
}

export interface Nic {
  name: string;
  model?: string;
  driver?: string;
  driverVersion?: string;
  firmware?: string;
  speedGbps: number;
  numaNode: number;
  queues?: number;
  pciVendorId?: string;
  pciDeviceId?: string;
}

export interface Switch {
  name: string;
  mode?: SwitchMode;
  uplinks: string[];
  mtu?: number;
  /** VLAN of the overlay (tunnel endpoint) traffic; 0 = untagged (NSX transport_vlan). */
  transportVlan?: number;
  lags?: Lag[];
  teaming?: Teaming;
  namedTeamings?: NamedTeaming[];
  lcores?: LcoreGroup[];
  lcoreAssignment?: LcoreAssignment;
  flowCache?: { entries?: number };
  rxRingSize?: number;
  /** Flow-cache figures measured on the running host (edp-check import of flow statistics). */
  measured?: SwitchMeasured;
}

export type LacpMode = 'active' | 'passive';
export type LagLoadBalancing = 'src-mac' | 'dest-mac' | 'src-dest-mac' | 'src-dest-ip-vlan' | 'src-dest-mac-ip-port';
export type TeamingPolicy = 'failover-order' | 'loadbalance-srcid' | 'loadbalance-src-mac';

/** A link aggregation group (LACP) of a switch's uplinks (NSX Lag). */
export interface Lag {
  name: string;
  /** NIC names, all in the switch's uplinks. */
  uplinks: string[];
  mode: LacpMode;
  loadBalancing: LagLoadBalancing;
  timeout?: 'slow' | 'fast';
}

/** A teaming policy; active and standby name uplinks in no LAG, or LAGs. */
export interface Teaming {
  policy: TeamingPolicy;
  active: string[];
  standby?: string[];
}

export interface NamedTeaming extends Teaming {
  name: string;
}

export interface SwitchMeasured {
  /** When the first sample was taken (ISO 8601). */
  at?: string;
  /** Seconds between the first and last sample; absent when the figures are cumulative counters. */
  seconds?: number;
  /** The command the counters came from. */
  source?: string;
  /** How hitRate was computed from the counters. */
  hitRateFrom?: string;
  lcores: MeasuredLcore[];
}

export interface MeasuredLcore {
  lcore: number;
  numaNode?: number;
  hitRate?: number;
  flows?: number;
  newFlowsPerSec?: number;
  /** Flow-cache lookups (hits + miss) per second over the measured interval. */
  pps?: number;
  /** The raw counters the figures came from (differences over the interval when there were two samples). */
  counters?: Record<string, number>;
}

export interface LcoreGroup {
  numaNode: number;
  count: number;
}

export interface Vm {
  name: string;
  numaNode?: number;
  vcpus?: number;
  latencySensitivity?: LatencySensitivity;
  vnics: Vnic[];
}

export interface Vnic {
  name: string;
  switch: string;
  adapter?: VnicAdapter;
  queues?: number;
  traffic?: Traffic;
}

export interface Traffic {
  pps: number;
  packetBytes: number;
  flows: number;
  zipf?: number;
  newFlowsPerSec?: number;
  /** Share of pps the VM receives; the model's rxShare when absent. */
  rxShare?: number;
}

/** `numaNodes` may be omitted: one node per socket with `coresPerSocket` cores. */
export function numaNodesOf(host: Host): NumaNode[] {
  if (host.numaNodes && host.numaNodes.length > 0) return host.numaNodes;
  return Array.from({ length: host.cpu.sockets }, (_, i) => ({ id: i, socket: i, cores: host.cpu.coresPerSocket }));
}

/** `edp-dedicated` is VCF 9's name for `edp-performance`; a switch without `mode` takes the target's. */
export function effectiveMode(sw: Switch, target: Target): Exclude<SwitchMode, 'edp-dedicated'> {
  const mode = sw.mode ?? target.mode;
  return mode === 'edp-dedicated' ? 'edp-performance' : mode;
}
