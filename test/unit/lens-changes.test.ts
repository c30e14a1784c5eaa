// The CodeLens lines cross from the analysis worker as what changed since the ones the host
// shows: applied to those, the change must give exactly the new lines, and leave the old ones as
// they were (lenses given earlier still read their titles from them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyLensChange, lensChange } from '../../src/extension/lensChanges';
import type { LensLines } from '../../src/extension/workerProtocol';

const plain = (l: LensLines) => ({ lines: [...l.lines], characters: [...l.characters], titles: [...l.titles] });

const lens = fc.record({ line: fc.nat(50), character: fc.nat(5), title: fc.constantFrom('hit 99.7% · 4 lcores', 'hit 80% · 2 lcores', 'no traffic', '') });
const linesOf = (ls: { line: number; character: number; title: string }[]): LensLines => ({
  lines: Int32Array.from(ls.map((l) => l.line)),
  characters: Int32Array.from(ls.map((l) => l.character)),
  titles: ls.map((l) => l.title),
});
/** A base and a next that often differ only in a few titles (what an edit of one host does). */
const pair = fc.array(lens, { maxLength: 40 }).chain((base) =>
  fc.oneof(
    fc.array(lens, { maxLength: 40 }).map((next) => [base, next] as const),
    fc.array(fc.tuple(fc.boolean(), lens.map((l) => l.title)), { minLength: base.length, maxLength: base.length })
      .map((edits) => [base, base.map((l, i) => (edits[i][0] ? { ...l, title: edits[i][1] } : l))] as const),
  ));

describe('CodeLens lines sent as a change', () => {
  it('applied to the base, gives the next lines; the base stays as it was', () => {
    fc.assert(fc.property(pair, ([b, n]) => {
      const base = linesOf(b);
      const before = plain(base);
      const next = linesOf(n);
      const applied = applyLensChange(base, lensChange(base, next));
      assert.deepEqual(plain(applied), plain(next));
      assert.deepEqual(plain(base), before);
    }));
  });

  it('is nothing when nothing changed, and only the changed titles when one host\'s figures changed', () => {
    const base = linesOf(Array.from({ length: 4000 }, (_, i) => ({ line: 10 * i, character: 6, title: `hit ${i}%` })));
    assert.equal(lensChange(base, linesOf(plain(base).titles.map((title, i) => ({ line: 10 * i, character: 6, title })))), null);
    const next = { ...base, titles: base.titles.map((t, i) => (i === 0 || i === 1 ? 'hit 50% · 1 lcore' : t)) };
    const change = lensChange(base, next);
    assert.ok(change && 'indices' in change);
    assert.deepEqual([...change.indices], [0, 1]);
    assert.deepEqual(change.titles, ['hit 50% · 1 lcore', 'hit 50% · 1 lcore']);
    // A line moved (text inserted above a switch): all lines, whole.
    const moved = { ...next, lines: Int32Array.from(base.lines, (l, i) => (i > 2000 ? l + 1 : l)) };
    assert.equal(lensChange(base, moved), moved);
  });
});
