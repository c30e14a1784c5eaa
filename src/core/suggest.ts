// "Did you mean …?": the closest names by edit distance, for messages and quick fixes.
import { orList } from './present';

/** No real name is longer; edit distance costs length × length, so a 1 MB key is not compared. */
const MAX_SUGGEST_LENGTH = 64;

export function closestNames(name: string, candidates: readonly string[], max = 3): string[] {
  if (name.length > MAX_SUGGEST_LENGTH) return [];
  const limit = Math.max(2, Math.floor(name.length / 2));
  return candidates
    .filter((c) => c.length <= MAX_SUGGEST_LENGTH)
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** ` Did you mean "x" or "y"?` or ` Known: a, b, c.` — a sentence to append to a message. */
export function suggestionText(name: string, candidates: readonly string[]): string {
  const close = closestNames(name, candidates);
  if (close.length > 0) return ` Did you mean ${orList(close.map((c) => `"${c}"`))}?`;
  if (candidates.length === 0) return ' None is defined yet.';
  const shown = candidates.slice(0, 8).map((c) => `"${c}"`).join(', ');
  return ` Defined: ${shown}${candidates.length > 8 ? ', …' : ''}.`;
}
