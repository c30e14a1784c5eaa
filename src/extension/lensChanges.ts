// The CodeLens lines of a result relative to the ones the host shows (issue 14). Pure: both
// bundles use it. An edit usually changes the figures of one host's switches and moves no line:
// then only those titles cross, not all of them (at 2000 hosts the whole set is 4000 titles,
// ≈ 250 KB to copy across and to collect again on the host's thread).
import type { LensLines, LensTitles } from './workerProtocol';

/**
 * What the host needs to go from `base` to `next`: null when they are the same, the changed
 * titles when only titles changed, else `next` whole.
 */
export function lensChange(base: LensLines, next: LensLines): LensLines | LensTitles | null {
  const n = next.titles.length;
  if (base.titles.length !== n) return next;
  const indices: number[] = [];
  const titles: string[] = [];
  for (let i = 0; i < n; i++) {
    if (base.lines[i] !== next.lines[i] || base.characters[i] !== next.characters[i]) return next;
    if (base.titles[i] !== next.titles[i]) {
      indices.push(i);
      titles.push(next.titles[i]);
    }
  }
  if (indices.length === 0) return null;
  // Most titles changed (a setting that changes every figure): the whole set is no larger.
  if (indices.length * 2 > n) return next;
  return { indices: Int32Array.from(indices), titles };
}

/**
 * The lens lines `change` (from lensChange) makes of `base`. `base` is left as it is: lenses
 * given earlier keep reading their titles from it.
 */
export function applyLensChange(base: LensLines, change: LensLines | LensTitles | null): LensLines {
  if (change === null) return base;
  if (!('indices' in change)) return change;
  const titles = base.titles.slice();
  change.indices.forEach((i, k) => {
    titles[i] = change.titles[k];
  });
  return { lines: base.lines, characters: base.characters, titles };
}
