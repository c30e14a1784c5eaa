// The compact per-switch table under a file's findings in text output.
import { cores, coresInOwnMode, type DatapathModel, dropText, hitRateText, pct, rate, type SwitchModel } from '../core';

const HEADER = ['host', 'switch', 'offered', 'hit rate', 'lcores', 'max util', 'cores used', 'drops'];

/** The row of one switch: the same figures, formatted the same way, as the CodeLens and the report. */
function switchRow(hostName: string, sw: SwitchModel): string[] {
  return [
    hostName,
    sw.name,
    rate(sw.offeredPps),
    hitRateText(sw.hitRate, sw.offeredPps),
    String(sw.lcores.length),
    pct(sw.maxUtilization),
    cores(coresInOwnMode(sw)),
    dropText(sw.dropRate),
  ];
}

/**
 * Table lines (without trailing newline), or none when there is no model or it has no switch.
 * Plain loops: this runs once per checked file, and the closures of a map/flatMap chain were
 * recompiled by V8 again and again over a run of many files.
 */
export function switchTableLines(model: DatapathModel | undefined): string[] {
  const table = [HEADER];
  for (const host of model?.hosts ?? []) for (const sw of host.switches) table.push(switchRow(host.name, sw));
  if (table.length === 1) return [];
  const widths = HEADER.map((h) => h.length);
  for (const row of table) for (let c = 0; c < row.length; c++) widths[c] = Math.max(widths[c], row[c].length);
  const lines: string[] = [];
  for (const row of table) {
    // Names left-aligned, figures right-aligned, as in any numeric table.
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) cells.push(c < 2 ? row[c].padEnd(widths[c]) : row[c].padStart(widths[c]));
    lines.push(('  ' + cells.join('  ')).trimEnd());
  }
  return lines;
}
