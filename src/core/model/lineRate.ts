// Packets per second a link carries: speed / ((packet + preamble/SFD + inter-frame gap) · 8).

/** Packet size assumed for a switch with no traffic: the minimum Ethernet frame, the worst case. */
export const MIN_FRAME_BYTES = 64;

export function lineRatePps(speedGbps: number, packetBytes: number, frameOverheadBytes = 20): number {
  const bits = (packetBytes + frameOverheadBytes) * 8;
  return bits > 0 && speedGbps > 0 ? (speedGbps * 1e9) / bits : 0;
}
