// Figures as people read them, shared by finding messages, the report and the editor.

export function rate(pps: number): string {
  if (!Number.isFinite(pps)) return '–';
  if (pps >= 1e6) return `${(pps / 1e6).toFixed(2)} Mpps`;
  if (pps >= 1e3) return `${(pps / 1e3).toFixed(1)} kpps`;
  return `${pps.toFixed(0)} pps`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Shares as percentages, one way everywhere (messages, report, CodeLens, CLI): 2 decimals below 10 %. */
export function pct(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const p = share * 100;
  return `${p.toFixed(p !== 0 && Math.abs(p) < 10 ? 2 : 1)}%`;
}

/** A drop rate as every view shows it: "none", or the share of offered packets. */
export function dropText(dropRate: number): string {
  return dropRate > 0 ? pct(dropRate) : 'none';
}
