// Mbuf footprint of packets in flight and the flow tables beside them in the LLC (DESIGN §3
// "Mbuf framework", docs/MODEL.md §7).
import type { ModelConstants } from './constants';
import { plainConstructor } from '../plain';
import type { MbufFootprint, MbufFootprintVsLlc, NumaMbuf, SwitchMbuf } from './types';

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
function footprintOf(packets: number, c: ModelConstants): Omit<SwitchMbuf, 'packetsInFlight' | 'flowTableBytes'> {
  const poolBytes = packets * (c.mempoolObjectHeaderBytes + c.mbufDescriptorBytes + c.mbufHeadroomBytes + c.mbufDataRoomBytes);
  const hotBytes = packets * (c.mbufDescriptorBytes + c.touchedBytesPerPacket);
  return { edp: footprint(poolBytes, hotBytes), heritage: footprint(poolBytes * c.heritageFootprintFactor, hotBytes * c.heritageFootprintFactor) };
}

// Byte counts pass 2³¹ on a large host (a small integer no more) and shares are 0 or fractions:
// the objects are built with NaN figures and filled in, so V8 keeps the figures as doubles from
// the first object on instead of retiring the hidden class when a large design follows a small
// one (see blankSwitchModel in switchModel.ts). They are made by `new`, not as literals (see plain.ts).

const Footprint = plainConstructor(function (this: MbufFootprint) {
  this.poolBytes = NaN;
  this.hotBytes = NaN;
});

const FootprintVsLlc = plainConstructor(function (this: MbufFootprintVsLlc) {
  this.poolBytes = NaN;
  this.hotBytes = NaN;
  this.llcShare = NaN;
});

const NumaFigures = plainConstructor(function (this: NumaMbuf, edp: MbufFootprintVsLlc, heritage: MbufFootprintVsLlc) {
  this.packetsInFlight = NaN;
  this.flowTableBytes = NaN;
  this.edp = edp;
  this.heritage = heritage;
  this.llcBytes = NaN;
});

const SwitchFigures = plainConstructor(function (this: SwitchMbuf, edp: MbufFootprint, heritage: MbufFootprint) {
  this.packetsInFlight = NaN;
  this.flowTableBytes = NaN;
  this.edp = edp;
  this.heritage = heritage;
});

function footprint(poolBytes: number, hotBytes: number): MbufFootprint {
  const f = new Footprint();
  f.poolBytes = poolBytes;
  f.hotBytes = hotBytes;
  return f;
}

function againstLlc(f: MbufFootprint, bytes: number, llcBytes: number): MbufFootprintVsLlc {
  const v = new FootprintVsLlc();
  v.poolBytes = f.poolBytes;
  v.hotBytes = f.hotBytes;
  v.llcShare = llcBytes > 0 ? bytes / llcBytes : 0;
  return v;
}

/**
 * A NUMA node's mbuf figures: `packets` in flight, its lcores' `flowTableBytes`, its share of the
 * socket's LLC. EDP: llcShare = (hotBytes + flowTableBytes) / llcBytes; heritage (no flow cache): hotBytes / llcBytes.
 */
export function numaMbufOf(packets: number, flowTableBytes: number, llcBytes: number, c: ModelConstants): NumaMbuf {
  const f = footprintOf(packets, c);
  const m = new NumaFigures(againstLlc(f.edp, f.edp.hotBytes + flowTableBytes, llcBytes), againstLlc(f.heritage, f.heritage.hotBytes, llcBytes));
  m.packetsInFlight = packets;
  m.flowTableBytes = flowTableBytes;
  m.llcBytes = llcBytes;
  return m;
}

/** LLC bytes of an lcore's flow table: the entries its flows occupy (at most the table size). */
export function flowTableBytesOf(entries: number, flows: number, c: ModelConstants): number {
  return Math.min(entries, Math.max(0, flows)) * c.flowEntryBytes;
}

export function mbufOf(queuesPerLcore: readonly number[], rxRingSize: number, c: ModelConstants, nicRxQueues: number, flowTableBytes: number): SwitchMbuf {
  const packets = packetsInFlight(queuesPerLcore, rxRingSize, c, nicRxQueues);
  const f = footprintOf(packets, c);
  const m = new SwitchFigures(f.edp, f.heritage);
  m.packetsInFlight = packets;
  m.flowTableBytes = flowTableBytes;
  return m;
}
