// The compact per-switch table under a file's findings in text output.
import { coresInOwnMode, type DatapathModel, dropText, type SwitchModel } from '../core';

const HEADER = ['host', 'switch', 'offered', 'hit rate', 'lcores', 'max util', 'cores used', 'drops'];

/** The row of one switch: the same figures, formatted the same way, as the CodeLens and the report. */
export function switchRow(hostName: string, sw: SwitchModel): string[] {
  return [
    hostName,
    sw.name,
    ppsText(sw.offeredPps),
    percentText(sw.hitRate, 1),
    String(sw.lcores.length),
    percentText(sw.maxUtilization, 0),
    numberText(coresInOwnMode(sw), 1),
    dropText(sw.dropRate),
  ];
}

/** Table lines (without trailing newline), or none when there is no model or it has no switch. */
export function switchTableLines(model: DatapathModel | undefined): string[] {
  const rows = (model?.hosts ?? []).flatMap((host) => host.switches.map((sw) => switchRow(host.name, sw)));
  if (rows.length === 0) return [];
  const table = [HEADER, ...rows];
  const widths = HEADER.map((_, c) => Math.max(...table.map((row) => row[c].length)));
  // Names left-aligned, figures right-aligned, as in any numeric table.
  return table.map((row) => '  ' + row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
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
