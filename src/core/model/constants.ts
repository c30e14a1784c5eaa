// Every number the datapath model uses, in one table: each with its unit and its
// source — a citation (publication and section), or the word "assumption" with the reasoning.
// docs/MODEL.md documents the same table (a unit test keeps the two in step) and the topology
// file's `model` section overrides any key (calibration from measured values).

export type ConstantKey =
  | 'fastPathCyclesPerPacket'
  | 'slowPathCyclesPerPacket'
  | 'heritageCyclesPerPacket'
  | 'crossNumaPenalty'
  | 'mbufDescriptorBytes'
  | 'mbufHeadroomBytes'
  | 'mbufDataRoomBytes'
  | 'mempoolObjectHeaderBytes'
  | 'flowEntryBytes'
  | 'rxShare'
  | 'heritageFootprintFactor'
  | 'burstSize'
  | 'rxRingSize'
  | 'flowCacheEntries'
  | 'touchedBytesPerPacket'
  | 'frameOverheadBytes'
  | 'flowcache.hitRate'
  | 'flowcache.churn'
  | 'mbuf.llcShare'
  | 'tlb.utilization'
  | 'tlb.imbalance'
  | 'tlb.imbalanceMinUtilization'
  | 'measured.hitRateGap';

export interface ModelConstant {
  key: ConstantKey;
  value: number;
  unit: string;
  /** A citation, or 'assumption' followed by the reasoning. */
  source: string;
  note: string;
  /** Bounds an override must respect (the schema enforces them). */
  minimum: number;
  maximum: number;
}

export const MODEL_CONSTANTS: readonly ModelConstant[] = [
  {
    key: 'fastPathCyclesPerPacket',
    value: 900,
    unit: 'CPU cycles per packet',
    source:
      'OVS-DPDK PMD threads serving vhost-user VM traffic with 100 % EMC hits: 814 and 895 processing cycles per packet (Red Hat OpenStack Platform 10 "OVS-DPDK End to End Troubleshooting Guide", ch. 6), rounded up.',
    note: 'Cost of a packet that hits the flow cache (EDP fast path). Calibrate from `get ens flow-stats` or pmd-stats-show.',
    minimum: 1,
    maximum: 1e6,
  },
  {
    key: 'slowPathCyclesPerPacket',
    value: 4500,
    unit: 'CPU cycles per packet',
    source:
      'assumption: a miss runs the heritage pipeline (the first packet of a flow "via the traditional IOChain", VCF 9 blog) plus the failed lookup and the insertion into the flow cache, taken as one fast-path packet: 3600 + 900.',
    note: 'Cost of a packet that misses the flow cache (slow path). Above heritageCyclesPerPacket on purpose: below the break-even hit rate EDP costs more per packet than the heritage stack, and the report says so.',
    minimum: 1,
    maximum: 1e7,
  },
  {
    key: 'heritageCyclesPerPacket',
    value: 3600,
    unit: 'CPU cycles per packet',
    source:
      'N-VDS Enhanced "provides three to five times faster performance compared to the vSphere Distributed Switch" (vCloud NFV OSE 3.1 RA); assumption: the middle, 4× the EDP fast path.',
    note: 'Cost of a packet on the heritage (standard) stack, for the cores-consumed comparison.',
    minimum: 1,
    maximum: 1e7,
  },
  {
    key: 'crossNumaPenalty',
    value: 0.25,
    unit: 'fraction of extra cycles',
    source:
      'The sources quote throughput losses L: "generally starting at a 10% performance hit or higher" (RHOSP 14 NFV Product Guide ch. 5) to "more than 40-50%" (microsoft/lisa PR 68). A loss L at a fixed clock is a cycle multiplier 1 / (1 − L), so penalty = L / (1 − L): 0.11 for 10 %, 0.67–1.0 for 40–50 %. assumption: 0.25 (multiplier 1.25, a 20 % throughput loss), between the conservative and the worst case.',
    note: 'Packets of a queue whose lcore is on another NUMA node than its VM or than its switch\'s uplinks cost (1 + penalty) × the cycles (charged once per packet).',
    minimum: 0,
    maximum: 10,
  },
  {
    key: 'mbufDescriptorBytes',
    value: 128,
    unit: 'bytes per packet',
    source: 'struct rte_mbuf "uses just two 64-byte cache lines" (DPDK lib/mbuf/rte_mbuf_core.h).',
    note: 'Buffer descriptor (metadata) of a packet.',
    minimum: 0,
    maximum: 65536,
  },
  {
    key: 'mbufHeadroomBytes',
    value: 128,
    unit: 'bytes per packet',
    source: 'RTE_PKTMBUF_HEADROOM, meson pkt_mbuf_headroom default 128 (DPDK meson_options.txt).',
    note: 'Headroom in front of the packet data.',
    minimum: 0,
    maximum: 65536,
  },
  {
    key: 'mbufDataRoomBytes',
    value: 2048,
    unit: 'bytes per packet',
    source: 'RTE_MBUF_DEFAULT_DATAROOM 2048 (DPDK rte_mbuf_core.h).',
    note: 'Data room of a buffer; larger frames chain buffers.',
    minimum: 64,
    maximum: 65536,
  },
  {
    key: 'mempoolObjectHeaderBytes',
    value: 64,
    unit: 'bytes per packet',
    source: 'rte_mempool_objhdr (24 B) cache-aligned to 64 B in front of each object (DPDK lib/mempool/rte_mempool.c rte_mempool_calc_obj_size): with the defaults a buffer takes 64 + 128 + 128 + 2048 = 2368 B.',
    note: 'Mempool object header in front of each buffer; counts in the pool memory.',
    minimum: 0,
    maximum: 4096,
  },
  {
    key: 'flowEntryBytes',
    value: 128,
    unit: 'bytes per flow-cache entry',
    source:
      'assumption: the ENS exact-match key (dstMAC srcMAC VLAN srcPort srcIP dstIP proto VNI L4src L4dst, get ens flow-table dump) is about 40 B for IPv4 and 64 B for IPv6; with the actions and bookkeeping two 64-byte cache lines per entry.',
    note: 'LLC footprint of one occupied flow-cache entry; the occupied entries of each lcore (at most its flows) count in the NUMA node\'s LLC working set beside the mbuf hot set.',
    minimum: 0,
    maximum: 65536,
  },
  {
    key: 'rxShare',
    value: 0.5,
    unit: 'share of a vNIC\'s pps',
    source: 'assumption: traffic.pps counts both directions and request/response traffic is symmetric, so half of it is received by the VM (wire → VM) and half sent; a vNIC\'s traffic.rxShare overrides it.',
    note: 'Share of a vNIC\'s packets received by the VM when its traffic omits rxShare; the uplinks\' line rate is checked per direction.',
    minimum: 0,
    maximum: 1,
  },
  {
    key: 'heritageFootprintFactor',
    value: 2,
    unit: 'ratio',
    source: 'The EDP Mbuf framework "shrinks the packet footprint by 50%" (VCF 9 technical-paper preview): heritage = 2 × EDP.',
    note: 'Per-packet footprint of the heritage stack relative to the EDP mbuf (pool and hot working set).',
    minimum: 1,
    maximum: 100,
  },
  {
    key: 'burstSize',
    value: 32,
    unit: 'packets per lcore',
    source: 'MAX_PKT_BURST 32 in DPDK examples/l2fwd and l3fwd.',
    note: 'Packets an lcore holds in its current burst.',
    minimum: 1,
    maximum: 4096,
  },
  {
    key: 'rxRingSize',
    value: 1024,
    unit: 'descriptors per queue',
    source:
      'assumption: DPDK examples use nb_rxd = 1024 (examples/l2fwd), OVS-DPDK 2048; the ENS default was not found.',
    note: 'Receive ring size of a queue when the switch omits rxRingSize.',
    minimum: 1,
    maximum: 65536,
  },
  {
    key: 'flowCacheEntries',
    value: 8192,
    unit: 'entries per lcore',
    source:
      'assumption: the NSX default flow-table size was not found (unverified); 8192 is the OVS EMC size per PMD thread (EM_FLOW_HASH_SHIFT 13), the closest published analogue.',
    note: 'Flow-cache entries per lcore when a switch omits flowCache.entries (rounded up to a power of two like any size).',
    minimum: 4,
    maximum: 524288,
  },
  {
    key: 'touchedBytesPerPacket',
    value: 128,
    unit: 'bytes per packet',
    source: 'assumption: the datapath reads and rewrites the headers (L2–L4 plus an overlay header) — two 64-byte cache lines of packet data.',
    note: 'Packet bytes the datapath touches, for the hot working set.',
    minimum: 0,
    maximum: 65536,
  },
  {
    key: 'frameOverheadBytes',
    value: 20,
    unit: 'bytes per frame',
    source: '8 bytes preamble/SFD + 12 bytes inter-frame gap (IEEE 802.3).',
    note: 'Added to each packet on the wire for the line rate.',
    minimum: 0,
    maximum: 1000,
  },
  {
    key: 'flowcache.hitRate',
    value: 0.9,
    unit: 'hit rate (0..1)',
    source: 'the default threshold EDP Designer chose for flowcache/low-hit-rate (a design choice).',
    note: 'flowcache/low-hit-rate fires when an lcore\'s predicted hit rate is below this.',
    minimum: 0,
    maximum: 1,
  },
  {
    key: 'flowcache.churn',
    value: 0.05,
    unit: 'share of packets',
    source: 'assumption: when more than 1 packet in 20 is the first of a new flow, churn alone costs more than half of a 0.90 hit-rate budget.',
    note: 'flowcache/churn fires when newFlowsPerSec / pps of a vNIC exceeds this.',
    minimum: 0,
    maximum: 1,
  },
  {
    key: 'mbuf.llcShare',
    value: 0.5,
    unit: 'share of LLC',
    source: 'assumption: the datapath shares the last-level cache with the VMs and the flow tables; more than half of it for packet buffers evicts them.',
    note: 'mbuf/working-set-exceeds-llc fires when a NUMA node\'s EDP hot working set exceeds this share of its LLC.',
    minimum: 0,
    maximum: 10,
  },
  {
    key: 'tlb.utilization',
    value: 0.85,
    unit: 'utilization (0..1)',
    source: 'the default threshold EDP Designer chose for tlb/lcore-overloaded (a design choice; OVS PMD auto load balance uses 95 %; 0.85 leaves headroom for bursts).',
    note: 'tlb/lcore-overloaded fires when an lcore\'s utilization exceeds this.',
    minimum: 0,
    maximum: 10,
  },
  {
    key: 'tlb.imbalance',
    value: 1.25,
    unit: 'max / mean utilization',
    source: 'the default threshold EDP Designer chose for tlb/imbalance (a design choice; OVS auto load balance acts on a 25 % variance improvement).',
    note: 'tlb/imbalance fires when a switch\'s max/mean lcore utilization exceeds this.',
    minimum: 1,
    maximum: 100,
  },
  {
    key: 'tlb.imbalanceMinUtilization',
    value: 0.25,
    unit: 'utilization (0..1)',
    source: 'assumption: below a quarter busy the busiest lcore keeps three times its load in headroom, so an uneven spread costs nothing a designer would act on (OVS PMD auto load balance does not act until a PMD is above 95 % busy).',
    note: 'tlb/imbalance fires only when the busiest lcore\'s utilization is above this.',
    minimum: 0,
    maximum: 10,
  },
  {
    key: 'measured.hitRateGap',
    value: 0.05,
    unit: 'hit rate (0..1)',
    source: 'assumption: flow-stats hit rates of one busy interval move by a point or two with traffic mix; a gap of more than 5 points is the description, not noise.',
    note: "measured/hit-rate-gap fires when a switch's measured and predicted flow-cache hit rates differ by more than this.",
    minimum: 0,
    maximum: 1,
  },
];

export type ModelConstants = Record<ConstantKey, number>;

export const DEFAULT_CONSTANTS: Readonly<ModelConstants> = Object.freeze(
  Object.fromEntries(MODEL_CONSTANTS.map((c) => [c.key, c.value])) as ModelConstants,
);

const byKey = new Map(MODEL_CONSTANTS.map((c) => [c.key as string, c]));

export function constantInfo(key: string): ModelConstant | undefined {
  return byKey.get(key);
}

/**
 * The defaults with the overrides applied. Unknown keys and values outside a constant's bounds
 * are ignored: the schema reports them in the file (settings are not schema-checked), and the
 * model must still run on every keystroke without dividing by zero.
 */
export function effectiveConstants(overrides: Record<string, unknown> | undefined): ModelConstants {
  const out: ModelConstants = { ...DEFAULT_CONSTANTS };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const info = byKey.get(key);
    if (info && typeof value === 'number' && value >= info.minimum && value <= info.maximum) out[info.key] = value;
  }
  return out;
}
