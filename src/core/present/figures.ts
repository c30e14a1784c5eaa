// Figures as people read them, one way in every view: finding messages, quick-fix titles, hovers,
// the CodeLens and status bar, the CLI table, the report (panel, HTML, Markdown) and the export.
// A figure that is not a number reads as NONE, never "NaN".

const NONE = '–';

/** Most decimals a share gets before it reads as "<0.0001%" or ">99.9999%". */
const MAX_PCT_DIGITS = 4;

/**
 * Shares as percentages: one decimal from 10 %, two below ("0.40%", "13.0%", "157.0%"). A share
 * that is not exactly 0 or 1 never reads as "0%" or "100%": a 99.96 % hit rate prints "99.96%",
 * not "100.0%", so a cache that misses still shows that it misses.
 */
export function pct(share: number): string {
  if (!Number.isFinite(share)) return NONE;
  const p = share * 100;
  if (p === 0 || p === 100) return `${p}%`;
  let digits = Math.abs(p) < 10 ? 2 : 1;
  let text = p.toFixed(digits);
  // Only a percentage within 0.01 of 0 or within 0.1 of ±100 can round to one of them at these digits.
  if (Math.abs(p) >= 0.01 && Math.abs(Math.abs(p) - 100) >= 0.1) return `${text}%`;
  const edge = (t: string) => Number(t) === 0 || Math.abs(Number(t)) === 100;
  while (edge(text) && digits < MAX_PCT_DIGITS) text = p.toFixed(++digits);
  if (!edge(text)) return `${text}%`;
  const step = 10 ** -MAX_PCT_DIGITS;
  if (Number(text) === 0) return `${p < 0 ? '>-' : '<'}${step.toFixed(MAX_PCT_DIGITS)}%`;
  return `${p < 100 ? '<' : '>'}${(100 + (p < 100 ? -step : step)).toFixed(MAX_PCT_DIGITS)}%`;
}

/** Packet rates: "2.50 Mpps", "12.5 kpps", "800 pps". */
export function rate(pps: number): string {
  if (!Number.isFinite(pps)) return NONE;
  // The unit follows the rounded figure: 999,999.99 pps is "1.00 Mpps", not "1000.0 kpps".
  if (pps >= 1e6 - 50) return `${(pps / 1e6).toFixed(2)} Mpps`;
  if (pps >= 1e3 - 0.5) return `${(pps / 1e3).toFixed(1)} kpps`;
  return `${pps.toFixed(0)} pps`;
}

/** Whole counts with thousands separators: "10,000". */
export function count(n: number): string {
  if (!Number.isFinite(n)) return NONE;
  const whole = Math.round(n);
  // What toLocaleString('en-US') prints, without its ICU call (≈ 1 µs, and findings quote many
  // counts on every analysis); it still prints −0 and numbers String() would write with e+.
  if (Object.is(whole, -0) || Math.abs(whole) >= 1e21) return whole.toLocaleString('en-US');
  const digits = String(Math.abs(whole));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += ',' + digits.slice(i, i + 3);
  return whole < 0 ? '-' + out : out;
}

/** Memory sizes in binary units: "512 KiB", "1.5 MiB", "2.00 GiB". */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return NONE;
  const MIB = 1024 * 1024;
  if (n >= 1024 * MIB - 0.05 * MIB) return `${(n / (1024 * MIB)).toFixed(2)} GiB`;
  if (n >= MIB - 512) return `${(n / MIB).toFixed(1)} MiB`;
  if (n >= 1024 - 0.5) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n.toFixed(0)} B`;
}

/** File sizes as the size limits name them (`maxFileSizeMB`): "10 MB", "2.5 MB", "12 KB". */
export function fileSize(n: number): string {
  const MB = 1024 * 1024;
  return n >= MB ? `${(n / MB).toFixed(n % MB === 0 ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Cores: whole as they are ("4"), a share of cores to two decimals ("0.35"). */
export function cores(n: number): string {
  if (!Number.isFinite(n)) return NONE;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** A ratio or a size with fixed decimals ("1.25" for an lcore imbalance, "1500" B). */
export function fixed(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : NONE;
}

/** 4096 → "4096", 524288 → "512 Ki" (flow-table sizes are powers of two). */
export function entries(n: number): string {
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} Ki`;
  return String(n);
}

/**
 * A flow-cache hit rate as every view shows it: the share of the packets an lcore (or a switch's
 * lcores) serves that hit. One that serves no packets has no hit rate: "idle", not "100%".
 */
export function hitRateText(hitRate: number, pps: number): string {
  return pps > 0 ? pct(hitRate) : 'idle';
}

/** A drop rate as every view shows it: "none", or the share of offered packets. */
export function dropText(dropRate: number): string {
  return dropRate > 0 ? pct(dropRate) : 'none';
}
