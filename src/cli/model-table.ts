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

/** Table lines (without trailing newline), or none when there is no model or it has no switch. */
export function switchTableLines(model: DatapathModel | undefined): string[] {
  const rows = (model?.hosts ?? []).flatMap((host) => host.switches.map((sw) => switchRow(host.name, sw)));
  if (rows.length === 0) return [];
  const table = [HEADER, ...rows];
  const widths = HEADER.map((_, c) => Math.max(...table.map((row) => row[c].length)));
  // Names left-aligned, figures right-aligned, as in any numeric table.
  return table.map((row) => '  ' + row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}
