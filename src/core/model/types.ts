// The model's output: a public contract (CLI JSON `model`, report panel; DESIGN §5).
// Rates are packets per second, memory in bytes, shares and rates in 0..1.
import type { ModelConstants } from './constants';

export interface DatapathModel {
  /** The constants in effect (defaults with the file's and the settings' overrides), every key present. */
  constants: ModelConstants;
  hosts: HostModel[];
}

export interface CoresUsed {
  /** EDP Performance (dedicated, polling): every lcore is a whole core, however idle. */
  edpPerformance: number;
  /** EDP Standard (interrupt, shared): Σ min(1, lcore utilization): what the load needs, at most one core per lcore. */
  edpStandard: number;
  /** Heritage standard stack: offered pps × heritage cycles per packet / clock, on as many threads as it takes. */
  heritage: number;
}

export interface HostModel {
  name: string;
  cluster?: string;
  numaNodes: NumaModel[];
  switches: SwitchModel[];
  /** Sums over the host's switches. */
  coresUsed: CoresUsed;
}

export interface MbufFootprint {
  /** Buffer pool memory for the packets in flight: descriptor + headroom + data room each. */
  poolBytes: number;
  /** Hot working set: descriptor + touched packet bytes of each packet in flight. */
  hotBytes: number;
}

export interface MbufFootprintVsLlc extends MbufFootprint {
  /** hotBytes / llcBytes. */
  llcShare: number;
}

export interface NumaMbuf {
  /**
   * Σ over the node's EDP lcores of (rxRingSize × vNIC queues + burstSize), plus the receive
   * rings of the EDP switches' uplink NICs on this node (rxRingSize × NIC queues).
   */
  packetsInFlight: number;
  /** Occupied flow-cache entries of the node's EDP lcores × flowEntryBytes. */
  flowTableBytes: number;
  /** EDP: llcShare = (hotBytes + flowTableBytes) / llcBytes; heritage (no flow cache): hotBytes / llcBytes. */
  edp: MbufFootprintVsLlc;
  heritage: MbufFootprintVsLlc;
  /** This node's share of its socket's LLC (llcMiB split evenly over the socket's nodes). */
  llcBytes: number;
}

export interface NumaModel {
  id: number;
  socket: number;
  cores: number;
  /** lcores of the host's EDP switches on this node. */
  lcores: number;
  mbuf: NumaMbuf;
}

export interface SwitchMbuf {
  packetsInFlight: number;
  /** Occupied flow-cache entries of the switch's lcores × flowEntryBytes. */
  flowTableBytes: number;
  edp: MbufFootprint;
  heritage: MbufFootprint;
}

export interface SwitchModel {
  name: string;
  mode: 'standard' | 'edp-standard' | 'edp-performance';
  lcoreAssignment: 'cpu-usage' | 'vnic-count';
  offeredPps: number;
  /** pps-weighted mean packet size of the switch's traffic (64 B when it has none). */
  packetBytes: number;
  /** Packets the VMs receive (wire → VM): Σ vNIC pps × rxShare. */
  rxPps: number;
  /** Packets the VMs send (VM → wire): offeredPps − rxPps. */
  txPps: number;
  /**
   * Σ uplink line rates at packetBytes, in each direction (full duplex); 0 when no uplink names
   * a NIC (then it is no limit).
   */
  lineRatePps: number;
  /**
   * Σ over lcores of clock / cyclesPerPacket: what the lcores could serve if the load matched
   * them. Each lcore serves only its own queues, so drops can come before offered reaches this.
   */
  capacityPps: number;
  /** Σ over lcores of dropPps (0 in standard mode: the heritage stack takes the cores it needs). */
  lcoreDropPps: number;
  /** What the lcores pass beyond the line rate, per direction, summed. */
  lineDropPps: number;
  /** lcoreDropPps + lineDropPps. */
  dropPps: number;
  /** dropPps / offeredPps (0 without traffic). */
  dropRate: number;
  /**
   * Below this hit rate a packet costs EDP more cycles than the heritage stack (a miss runs the
   * heritage pipeline plus the cache lookup and insertion); 0 when no hit rate does.
   */
  heritageBreakEvenHitRate: number;
  /** pps-weighted mean of the lcores' hit rates (1 with no traffic). */
  hitRate: number;
  /** pps-weighted share of packets that are the first of a new flow. */
  churnMissShare: number;
  /** Flow-cache entries per lcore (rounded up to a power of two). */
  entries: number;
  /** max / mean lcore utilization (1 when the mean is 0). */
  imbalance: number;
  maxUtilization: number;
  coresUsed: CoresUsed;
  /** Hit rate against entries for the lcore with the lowest hit rate, churn included. */
  cacheCurve: { entries: number; hitRate: number }[];
  lcores: LcoreModel[];
  mbuf: SwitchMbuf;
}

export interface AssignedQueue {
  vm: string;
  vnic: string;
  queue: number;
  pps: number;
  flows: number;
  /**
   * Its lcore is on another NUMA node than its VM (or, for a VM without one, its uplinks), or than
   * every uplink of the switch: its packets pay the cross-NUMA penalty.
   */
  remote: boolean;
}

export interface LcoreModel {
  /** 0-based over the switch's lcore groups expanded in file order. */
  index: number;
  numaNode: number;
  queues: number;
  assigned: AssignedQueue[];
  /** Offered: Σ of its queues' pps. */
  pps: number;
  hitRate: number;
  churnMissShare: number;
  cyclesPerPacket: number;
  /** Cycles its queues need / cycles it has: above 1 it is overloaded and drops. */
  utilization: number;
  /** clock / cyclesPerPacket: the most it can serve at its hit rate and NUMA mix. */
  capacityPps: number;
  /** min(pps, capacityPps). */
  servedPps: number;
  /** pps − servedPps: what its queues offer beyond its capacity. */
  dropPps: number;
}
