// The compact per-switch table under a file's findings in text output.
import { type Analysis, ownModeKey, type SwitchModel } from '../core';

/**
 * The switch figures the table reads. Read defensively: the model grows independently of the
 * CLI, and a figure it does not (yet) give is shown as "-" rather than breaking the output.
 */
interface SwitchFigures {
  name?: unknown;
  mode?: unknown;
  offeredPps?: unknown;
  hitRate?: unknown;
  lcores?: unknown;
  maxUtilization?: unknown;
  coresUsed?: unknown;
  dropRate?: unknown;
}

const HEADER = ['host', 'switch', 'offered', 'hit rate', 'lcores', 'max util', 'cores used', 'drops'];

/** Table lines (without trailing newline), or none when the analysis has no switch figures. */
export function switchTableLines(analysis: Analysis): string[] {
  const hosts = arrayOf((analysis.model as { hosts?: unknown } | undefined)?.hosts);
  const rows: string[][] = [];
  hosts.forEach((host, h) => {
    const topoHost = analysis.topology?.hosts[h];
    const hostName = textOf((host as { name?: unknown })?.name) ?? topoHost?.name ?? `#${h}`;
    arrayOf((host as { switches?: unknown })?.switches).forEach((raw, s) => {
      const sw = (raw ?? {}) as SwitchFigures;
      rows.push([
        hostName,
        textOf(sw.name) ?? topoHost?.switches[s]?.name ?? `#${s}`,
        ppsText(sw.offeredPps),
        percentText(sw.hitRate, 1),
        Array.isArray(sw.lcores) ? String(sw.lcores.length) : '-',
        percentText(sw.maxUtilization, 0),
        numberText(coresUsedOf(sw), 1),
        percentText(sw.dropRate, 1),
      ]);
    });
  });
  if (rows.length === 0) return [];
  const table = [HEADER, ...rows];
  const widths = HEADER.map((_, c) => Math.max(...table.map((row) => row[c].length)));
  // Names left-aligned, figures right-aligned, as in any numeric table.
  return table.map((row) => '  ' + row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

/** Cores the switch consumes in its own mode (the model also gives the other modes, for comparison). */
function coresUsedOf(sw: SwitchFigures): unknown {
  const used = sw.coresUsed as Record<string, unknown> | number | undefined;
  if (typeof used !== 'object' || used === null) return used;
  return used[ownModeKey({ mode: sw.mode as SwitchModel['mode'] })];
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function ppsText(value: unknown): string {
  if (!finite(value)) return '-';
  const units: [number, string][] = [[1e9, 'Gpps'], [1e6, 'Mpps'], [1e3, 'kpps']];
  for (const [scale, unit] of units) if (Math.abs(value) >= scale) return `${(value / scale).toFixed(2)} ${unit}`;
  return `${Math.round(value)} pps`;
}

export function percentText(value: unknown, digits: number): string {
  return finite(value) ? `${(value * 100).toFixed(digits)}%` : '-';
}

function numberText(value: unknown, digits: number): string {
  return finite(value) ? value.toFixed(digits) : '-';
}
