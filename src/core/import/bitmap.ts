// hwloc bitmaps (cpusets, nodesets) as printed in its XML: comma-separated 32-bit hex words,
// most significant first ("0x000000ff,0xffffffff"); an all-zero word may be printed empty
// ("0x00000001,,0x0"). "0xf...f" as the first word means every
// higher bit is set too; no real cpuset needs that, so it is read as the finite words only.

export type Bitmap = bigint;

export function parseBitmap(text: string | undefined): Bitmap {
  if (!text) return 0n;
  let value = 0n;
  for (const word of text.split(',')) {
    const hex = word.trim().replace(/^0x/i, '') || '0';
    if (hex === 'f...f') continue;
    if (!/^[0-9a-f]+$/i.test(hex)) throw new Error(`"${text}" is not an hwloc bitmap`);
    value = (value << 32n) | BigInt(`0x${hex}`);
  }
  return value;
}

export function intersects(a: Bitmap, b: Bitmap): boolean {
  return (a & b) !== 0n;
}

export function includes(outer: Bitmap, inner: Bitmap): boolean {
  return (outer & inner) === inner;
}

export function hasBit(set: Bitmap, index: number): boolean {
  return ((set >> BigInt(index)) & 1n) === 1n;
}

export function weight(set: Bitmap): number {
  let n = 0;
  for (let v = set; v !== 0n; v &= v - 1n) n++;
  return n;
}
