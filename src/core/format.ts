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
