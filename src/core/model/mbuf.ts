// Mbuf footprint of packets in flight and the flow tables beside them in the LLC (DESIGN §3
// "Mbuf framework", docs/MODEL.md §7).
import type { ModelConstants } from './constants';
import type { SwitchMbuf } from './types';

/**
 * Each lcore holds a full rx ring per vNIC queue it serves plus one burst; each uplink NIC holds
 * a full rx ring per receive queue (`nicRxQueues`, summed over the uplinks).
 */
function packetsInFlight(queuesPerLcore: readonly number[], rxRingSize: number, c: ModelConstants, nicRxQueues = 0): number {
  let n = rxRingSize * nicRxQueues;
  for (const q of queuesPerLcore) n += rxRingSize * q + c.burstSize;
  return n;
}

/**
 * Pool and hot bytes for `packets` in flight, EDP and heritage (heritageFootprintFactor × EDP).
 * A pool object is the mempool header, the mbuf descriptor, headroom and data room; the hot set
 * is the descriptor and the packet bytes the datapath touches.
 */
export function footprintOf(packets: number, c: ModelConstants): Omit<SwitchMbuf, 'packetsInFlight' | 'flowTableBytes'> {
  const poolBytes = packets * (c.mempoolObjectHeaderBytes + c.mbufDescriptorBytes + c.mbufHeadroomBytes + c.mbufDataRoomBytes);
  const hotBytes = packets * (c.mbufDescriptorBytes + c.touchedBytesPerPacket);
  return {
    edp: { poolBytes, hotBytes },
    heritage: { poolBytes: poolBytes * c.heritageFootprintFactor, hotBytes: hotBytes * c.heritageFootprintFactor },
  };
}

/** LLC bytes of an lcore's flow table: the entries its flows occupy (at most the table size). */
export function flowTableBytesOf(entries: number, flows: number, c: ModelConstants): number {
  return Math.min(entries, Math.max(0, flows)) * c.flowEntryBytes;
}

export function mbufOf(queuesPerLcore: readonly number[], rxRingSize: number, c: ModelConstants, nicRxQueues: number, flowTableBytes: number): SwitchMbuf {
  const packets = packetsInFlight(queuesPerLcore, rxRingSize, c, nicRxQueues);
  return { packetsInFlight: packets, flowTableBytes, ...footprintOf(packets, c) };
}
