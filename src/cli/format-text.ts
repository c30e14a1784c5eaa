// Text output: `file:line:col severity rule message`, 1-based like compilers, so editors and CI
// problem matchers link them; then each file's switch table and a summary line. Written file by
// file as each is checked.
import { escapeControlChars as safe, plural, type Severity, type SeverityCounts, severityCountsText } from '../core';
import type { CheckedFile } from './checked';
import { switchTableLines } from './model-table';

interface TextStyle {
  color: boolean;
  /** --quiet: the finding lines only, no model table and no summary. */
  quiet?: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

const painter = (style: TextStyle) => (code: string, s: string) => (style.color ? `\x1b[${code}m${s}\x1b[0m` : s);

/** One file's findings and switch table ('' when it has neither). */
export function textFile(f: CheckedFile, style: TextStyle): string {
  const paint = painter(style);
  const lines: string[] = [];
  // Names come from the file: escaped, so a newline in one cannot forge a finding line for a
  // problem matcher and an escape sequence cannot reach the terminal.
  const file = safe(f.display);
  for (const finding of f.analysis.findings) {
    const at = positionText(file, finding.range?.start);
    lines.push(`${at} ${paint(SEVERITY_COLOR[finding.severity], finding.severity)} ${paint('2', finding.rule)} ${safe(finding.message)}`);
    // Indented so that anchored problem-matcher patterns do not take them for findings.
    for (const r of finding.related ?? []) lines.push(`  ${positionText(file, r.range?.start)} note ${safe(r.message)}`);
  }
  if (!style.quiet) {
    if (f.analysis.truncated > 0) {
      lines.push(`${file}: ${plural(f.analysis.truncated, 'more finding')} not shown (raise --max-problems to see them)`);
    }
    const table = switchTableLines(f.analysis.model).map(safe);
    if (table.length > 0) lines.push(paint('1', `${file}: datapath model`), ...table);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** The last line: what was counted — the findings shown, of how many files, and what was left out. */
export function textSummary(c: SeverityCounts, files: number, hidden = 0, unreadable = 0, tooLarge = 0): string {
  return `Findings: ${severityCountsText(c)} in ${plural(files, 'checked file')}`
    + (hidden > 0 ? `; ${hidden} more not shown (--max-problems)` : '')
    + (tooLarge > 0 ? `; ${plural(tooLarge, 'file')} too large to analyze (analysis/file-too-large)` : '')
    + (unreadable > 0 ? `; ${plural(unreadable, 'file')} could not be read` : '')
    + '\n';
}

function positionText(file: string, start: { line: number; character: number } | undefined): string {
  return `${file}:${(start?.line ?? 0) + 1}:${(start?.character ?? 0) + 1}`;
}
