// Mbuf footprint of packets in flight (DESIGN §3 "Mbuf framework", docs/MODEL.md).
import type { ModelConstants } from './constants';
import type { SwitchMbuf } from './types';

/** Each lcore holds a full rx ring per queue it serves plus one burst. */
export function packetsInFlight(queuesPerLcore: readonly number[], rxRingSize: number, c: ModelConstants): number {
  let n = 0;
  for (const q of queuesPerLcore) n += rxRingSize * q + c.burstSize;
  return n;
}

/** Pool and hot bytes for `packets` in flight, EDP and heritage (heritageFootprintFactor × EDP). */
export function footprintOf(packets: number, c: ModelConstants): Omit<SwitchMbuf, 'packetsInFlight'> {
  const poolBytes = packets * (c.mbufDescriptorBytes + c.mbufHeadroomBytes + c.mbufDataRoomBytes);
  const hotBytes = packets * (c.mbufDescriptorBytes + c.touchedBytesPerPacket);
  return {
    edp: { poolBytes, hotBytes },
    heritage: { poolBytes: poolBytes * c.heritageFootprintFactor, hotBytes: hotBytes * c.heritageFootprintFactor },
  };
}

export function mbufOf(queuesPerLcore: readonly number[], rxRingSize: number, c: ModelConstants): SwitchMbuf {
  const packets = packetsInFlight(queuesPerLcore, rxRingSize, c);
  return { packetsInFlight: packets, ...footprintOf(packets, c) };
}
