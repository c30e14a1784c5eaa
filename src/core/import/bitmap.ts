// hwloc bitmaps (cpusets, nodesets) as printed in its XML: comma-separated 32-bit hex words,
// most significant first ("0x000000ff,0xffffffff"); an all-zero word may be printed empty
// ("0x00000001,,0x0"). "0xf...f" as the first word means every
// higher bit is set too; no real cpuset needs that, so it is read as the finite words only.

export type Bitmap = bigint;

/** 131,072 bits: far above any machine hwloc describes, and a bound on what one bitmap costs. */
const MAX_BITMAP_WORDS = 4096;

const WORD = /^[0-9a-fA-F]{0,8}$/;

export function parseBitmap(text: string | undefined): Bitmap {
  if (!text) return 0n;
  const words = text.split(',');
  if (words.length > MAX_BITMAP_WORDS) throw new Error(`more than ${MAX_BITMAP_WORDS} words is not an hwloc bitmap of a real machine`);
  const parts: string[] = [];
  for (const word of words) {
    const trimmed = word.trim();
    const w = trimmed.startsWith('0x') || trimmed.startsWith('0X') ? trimmed.slice(2) : trimmed;
    if (w === 'f...f') continue;
    if (!WORD.test(w)) throw new Error('not an hwloc bitmap (comma-separated 32-bit hex words)');
    parts.push(w.length === 8 ? w : w.padStart(8, '0'));
  }
  return parts.length === 0 ? 0n : BigInt(`0x${parts.join('')}`);
}

export function intersects(a: Bitmap, b: Bitmap): boolean {
  return (a & b) !== 0n;
}

export function includes(outer: Bitmap, inner: Bitmap): boolean {
  return (outer & inner) === inner;
}

export function hasBit(set: Bitmap, index: number): boolean {
  return index >= 0 && ((set >> BigInt(index)) & 1n) === 1n;
}

/** Indexes of the set bits, lowest first (linear in the bitmap's size: hex digits, zero digits skipped). */
export function bitsOf(set: Bitmap): number[] {
  const out: number[] = [];
  if (set === 0n) return out;
  const hex = set.toString(16);
  for (let i = hex.length - 1, base = 0; i >= 0; i--, base += 4) {
    const digit = hex.charCodeAt(i);
    if (digit === 48 /* 0 */) continue;
    const v = digit <= 57 ? digit - 48 : digit - 87;
    for (let k = 0; k < 4; k++) if (v & (1 << k)) out.push(base + k);
  }
  return out;
}

/** The index of the lowest set bit, or undefined for the empty set. */
export function lowestBit(set: Bitmap): number | undefined {
  if (set === 0n) return undefined;
  const hex = set.toString(16);
  for (let i = hex.length - 1, base = 0; i >= 0; i--, base += 4) {
    const digit = hex.charCodeAt(i);
    if (digit === 48) continue;
    const v = digit <= 57 ? digit - 48 : digit - 87;
    for (let k = 0; k < 4; k++) if (v & (1 << k)) return base + k;
  }
  return undefined;
}

