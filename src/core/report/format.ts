// Figures as the report shows them (panel, exported HTML and Markdown alike).

export { count, pct, rate } from '../format';

export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const MIB = 1024 * 1024;
  if (n >= 1024 * MIB) return `${(n / (1024 * MIB)).toFixed(2)} GiB`;
  if (n >= MIB) return `${(n / MIB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n.toFixed(0)} B`;
}

export function cores(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** 4096 → "4096", 524288 → "512 Ki" (flow-table sizes are powers of two). */
export function entries(n: number): string {
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} Ki`;
  return String(n);
}
