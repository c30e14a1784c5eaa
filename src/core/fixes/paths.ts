// Reading the pointer a finding carries: which host, switch, VM… it is about, and the value there.
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';

export type Segments = (string | number)[];

/**
 * The indices of `segments` where `shape` has '#', when the leading segments match `shape`
 * (e.g. ['hosts', '#', 'switches', '#'] on /hosts/0/switches/2/mtu → [0, 2]); else undefined.
 */
export function indicesOf(segments: Segments, shape: readonly string[]): number[] | undefined {
  if (segments.length < shape.length) return undefined;
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const seg = segments[i];
    if (shape[i] === '#') {
      if (typeof seg !== 'number') return undefined;
      out.push(seg);
    } else if (seg !== shape[i]) {
      return undefined;
    }
  }
  return out;
}

/** The value in the text at `segments` (from the syntax tree, so it works when the schema check failed). */
export function valueAt(root: Node | undefined, segments: Segments): unknown {
  const node = root && findNodeAtLocation(root, segments);
  return node ? getNodeValue(node) : undefined;
}
