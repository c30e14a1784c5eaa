// Counted nouns and lists in sentences, one wording in every message, note and summary.
import type { Severity } from '../findings';

/** "1 lcore", "2 lcores" (`many` for irregular plurals). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "a", "a or b", "a, b or c" ('' for none: the caller says what an empty choice means). */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "a, b, c" — at most `max`, then how many more: a note stays a sentence however large the file. */
export function listText(items: readonly (string | number)[], max = 10): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** How many findings of each severity. */
export type SeverityCounts = Record<Severity, number>;

/** Counts `findings` by severity (added to `into` when given: the CLI sums over files). */
export function countSeverities(findings: readonly { severity: Severity }[], into: SeverityCounts = { error: 0, warning: 0, info: 0 }): SeverityCounts {
  for (const f of findings) into[f.severity]++;
  return into;
}

/**
 * "2 errors, 1 warning, 0 info" (the CLI summary, the Markdown report, the status bar); `brief`
 * leaves out the zeros and says "none" when nothing is left (the report panel's compact places).
 */
export function severityCountsText(c: SeverityCounts, brief = false): string {
  const parts: [number, string][] = [[c.error, plural(c.error, 'error')], [c.warning, plural(c.warning, 'warning')], [c.info, `${c.info} info`]];
  if (!brief) return parts.map(([, text]) => text).join(', ');
  const shown = parts.filter(([n]) => n > 0).map(([, text]) => text);
  return shown.length > 0 ? shown.join(', ') : 'none';
}
