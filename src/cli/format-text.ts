// Text output: `file:line:col severity rule message`, 1-based like compilers, so editors and CI
// problem matchers link them; then each file's switch table and a summary line. Written file by
// file as each is checked.
import type { Severity } from '../core';
import type { CheckedFile, SeverityCounts } from './checked';
import { switchTableLines } from './model-table';

export interface TextStyle {
  color: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

const painter = (style: TextStyle) => (code: string, s: string) => (style.color ? `\x1b[${code}m${s}\x1b[0m` : s);

/** One file's findings and switch table ('' when it has neither). */
export function textFile(f: CheckedFile, style: TextStyle): string {
  const paint = painter(style);
  const lines: string[] = [];
  for (const finding of f.analysis.findings) {
    const at = positionText(f.display, finding.range?.start);
    lines.push(`${at} ${paint(SEVERITY_COLOR[finding.severity], finding.severity)} ${paint('2', finding.rule)} ${finding.message}`);
    // Indented so that anchored problem-matcher patterns do not take them for findings.
    for (const r of finding.related ?? []) lines.push(`  ${positionText(f.display, r.range?.start)} note ${r.message}`);
  }
  if (f.analysis.truncated > 0) {
    lines.push(`${f.display}: ${plural(f.analysis.truncated, 'more finding')} not shown (raise --max-problems to see them)`);
  }
  const table = switchTableLines(f.analysis);
  if (table.length > 0) lines.push(paint('1', `${f.display}: datapath model`), ...table);
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** The last line: how many findings of each severity in how many files. */
export function textSummary(c: SeverityCounts, files: number): string {
  return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info in ${plural(files, 'file')}\n`;
}

function positionText(file: string, start: { line: number; character: number } | undefined): string {
  return `${file}:${(start?.line ?? 0) + 1}:${(start?.character ?? 0) + 1}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
