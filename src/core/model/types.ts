// The model's output: a public contract (CLI JSON `model`, report panel; DESIGN §5).
// Rates are packets per second, memory in bytes, shares and rates in 0..1.

export interface DatapathModel {
  /** The constants in effect (defaults with the file's and the settings' overrides). */
  constants: Record<string, number>;
  hosts: HostModel[];
}

export interface CoresUsed {
  /** EDP Performance (dedicated, polling): every lcore is a whole core. */
  edpPerformance: number;
  /** EDP Standard (interrupt, shared): Σ lcore utilization, only what the load needs. */
  edpStandard: number;
  /** Heritage standard stack: offered pps × heritage cycles per packet / clock. */
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
  /** Σ over the node's EDP lcores of (rxRingSize × queues + burstSize). */
  packetsInFlight: number;
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
  /** Σ uplink line rates at packetBytes; 0 when no uplink names a NIC (then it is no limit). */
  lineRatePps: number;
  /** Σ over lcores of clock / cyclesPerPacket. */
  capacityPps: number;
  dropRate: number;
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
  /** Served from another NUMA node than the queue's own: pays the cross-NUMA penalty. */
  remote: boolean;
}

export interface LcoreModel {
  /** 0-based over the switch's lcore groups expanded in file order. */
  index: number;
  numaNode: number;
  queues: number;
  assigned: AssignedQueue[];
  pps: number;
  hitRate: number;
  churnMissShare: number;
  cyclesPerPacket: number;
  utilization: number;
}
