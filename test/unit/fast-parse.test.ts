// The JSONC fast path (JSON.parse after blanking comments and trailing commas), the tree-free
// locator and the line index moved through edits agree with jsonc-parser and a fresh index.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { hostSpansOf, needsCarefulRead, parseJsonc, parseRegion, valueEnd } from '../../src/core/fastParse';
import { spansIn } from '../../src/core/locate';
import { MAX_NESTING, parseDocument } from '../../src/core/parse';
import { spanAt, toPointer } from '../../src/core/pointer';
import { LineIndex } from '../../src/core/text';

// A JSONC document as a tree, printed with random trivia (spaces, line breaks, comments with
// quotes and slashes in them), optional trailing commas, duplicate and numeric-looking keys.
type Doc = { kind: 'scalar'; json: string } | { kind: 'array'; items: Doc[]; trailing: boolean } | { kind: 'object'; entries: [string, Doc][]; trailing: boolean };

const TRIVIA = ['', ' ', '\n', '\r\n', '\t', '// c "q" /* x\n', '/* a "b" // */', '/* multi\nline */', '  \n  '];
const KEYS = ['a', 'b', 'name', 'hosts', '0', '1', 'x/y', 'k~1', 'a"b', 'é', '//', '/*', 'a\\b', '__x'];
const STRINGS = ['', 'plain', 'with // slashes', 'with /* star */', 'quote " inside', 'back\\slash', 'line\nbreak', 'http://x/y', '\u2028', '😀'];

const scalar = fc.oneof(
  fc.constantFrom(...STRINGS).map((s) => JSON.stringify(s)),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((n) => JSON.stringify(n)),
  fc.constantFrom('true', 'false', 'null', '-0', '1e400', '1.5E-3'),
).map((json): Doc => ({ kind: 'scalar', json }));

const doc: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ kind: fc.constant('array' as const), items: fc.array(tie('doc'), { maxLength: 4 }), trailing: fc.boolean() }),
    fc.record({ kind: fc.constant('object' as const), entries: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('doc')), { maxLength: 4 }), trailing: fc.boolean() }),
  ),
})).doc;

function print(d: Doc, trivia: () => string): string {
  if (d.kind === 'scalar') return d.json;
  const comma = (n: number) => (d.trailing && n > 0 ? `,${trivia()}` : '');
  if (d.kind === 'array') return `[${trivia()}${d.items.map((i) => print(i, trivia)).join(`${trivia()},${trivia()}`)}${trivia()}${comma(d.items.length)}]`;
  return `{${trivia()}${d.entries.map(([k, v]) => `${JSON.stringify(k)}${trivia()}:${trivia()}${print(v, trivia)}`).join(`${trivia()},${trivia()}`)}${trivia()}${comma(d.entries.length)}}`;
}

const documentText = fc.tuple(doc, fc.array(fc.nat({ max: TRIVIA.length - 1 }), { minLength: 1, maxLength: 50 }), fc.constantFrom('', '// header\n', '/* h */ ')).map(([d, picks, header]) => {
  let i = 0;
  const trivia = () => TRIVIA[picks[i++ % picks.length]];
  return `${header}${trivia()}${print(d, trivia)}${trivia()}`;
});

/** The text with one character inserted or removed, to make broken documents. */
const mutated = fc.tuple(documentText, fc.nat(), fc.constantFrom('', ',', '/', '*', '"', '{', ']', '\\', ' ', '\n', '\u00a0')).map(([text, at, ch]) => {
  const i = at % (text.length + 1);
  return ch === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i);
});

describe('parseJsonc', () => {
  it('gives the value and errors parseDocument gives, for valid and broken JSONC', () => {
    fc.assert(
      fc.property(fc.oneof(documentText, mutated), (text) => {
        const fast = parseJsonc(text);
        const slow = parseDocument(text);
        assert.deepEqual(fast.value, slow.value);
        assert.deepEqual(fast.errors, slow.errors);
        if (fast.fast) assert.equal(slow.errors.length, 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a valid document on the fast path, comments and trailing commas included', () => {
    const r = parseJsonc('// header "x\n{ "a": [1, 2,], /* "b" */ "c": "d // e", }\n');
    assert.equal(r.fast, true);
    assert.deepEqual(r.value, { a: [1, 2], c: 'd // e' });
  });

  it('leaves "[,]" and "[1,,]" to jsonc-parser, which reports them', () => {
    for (const text of ['[,]', '[1,,]', '{,}', '{"a":1,,}']) {
      const r = parseJsonc(text);
      assert.equal(r.fast, false, text);
      assert.ok(r.errors.length > 0, text);
    }
  });

  it('refuses nesting deeper than MAX_NESTING with parseDocument\'s finding', () => {
    const text = '['.repeat(MAX_NESTING + 1) + ']'.repeat(MAX_NESTING + 1);
    assert.deepEqual(parseJsonc(text).errors, parseDocument(text).errors);
    assert.equal(parseJsonc('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING)).fast, true);
  });

  it('leaves "__proto__" keys and numbers beyond ±1.8e308 to the careful parser, which reports them; no prototype is reached through the file', () => {
    for (const text of ['{ "__proto__": { "polluted": true }, "hosts": [] }', '{ "\\u005f_proto__": { "polluted": true } }', '{ "hosts": [], "x": 1e999 }']) {
      const r = parseJsonc(text);
      assert.equal(r.fast, false, text);
      assert.ok(r.errors.length > 0, `${text} is reported`);
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    }
  });

  it('sends a text to the careful parser when it may hold a number beyond ±1.8e308: a three-digit exponent or 309 digits in a row', () => {
    // Digit runs around 309 long at any offset, exponents with and without "+", among other text.
    const piece = fc.oneof(
      fc.constantFrom('e', 'E', '+', '-', '.', ' ', '"', 'x', '1e', '2E+', '9e-'),
      fc.integer({ min: 0, max: 999 }).map(String),
      fc.integer({ min: 295, max: 320 }).map((n) => '7'.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(needsCarefulRead(text), /\d[eE]\+?\d{3}|\d{309}/.test(text), text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('spansIn', () => {
  /** Every pointer into the value, plus some that lead nowhere. */
  function pointersOf(value: unknown, at: (string | number)[] = [], out: string[] = []): string[] {
    out.push(toPointer(at), toPointer([...at, 'missing']), toPointer([...at, 7]));
    if (Array.isArray(value)) value.forEach((v, i) => pointersOf(v, [...at, i], out));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pointersOf(v, [...at, k], out);
    return out;
  }

  it('gives the spans spanAt gives on jsonc-parser\'s tree', () => {
    fc.assert(
      fc.property(documentText, fc.boolean(), (text, key) => {
        const parsed = parseJsonc(text);
        fc.pre(parsed.fast);
        const root = parseTree(text, [], { allowTrailingComma: true });
        const target = key ? ('key' as const) : ('value' as const);
        const pointers = pointersOf(parsed.value);
        const start = root!.offset;
        const spans = spansIn(text, start, pointers.map((pointer) => ({ pointer, target })));
        pointers.forEach((p, i) => assert.deepEqual(spans[i], spanAt(root, p, target), p));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the spans spanAt gives when every pointer leads somewhere (one walk, no numeric key tried as a string)', () => {
    fc.assert(
      fc.property(documentText, fc.boolean(), fc.integer({ min: 1, max: 5 }), (text, key, every) => {
        const parsed = parseJsonc(text);
        fc.pre(parsed.fast);
        const root = parseTree(text, [], { allowTrailingComma: true });
        const target = key ? ('key' as const) : ('value' as const);
        const pointers = pointersOf(parsed.value).filter((_, i) => i % 3 === 0 && (i / 3) % every === 0);
        const spans = spansIn(text, root!.offset, pointers.map((pointer) => ({ pointer, target })));
        pointers.forEach((p, i) => assert.deepEqual(spans[i], spanAt(root, p, target), p));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('valueEnd', () => {
  // Values up to 8 deep are jumped over in one match, deeper ones bracket by bracket: wrapping
  // a random value in 0–11 more levels takes both ways.
  it('ends every value where jsonc-parser\'s tree ends it, however deep', () => {
    fc.assert(
      fc.property(doc, fc.nat({ max: 11 }), fc.nat({ max: 4095 }), fc.array(fc.nat({ max: TRIVIA.length - 1 }), { minLength: 1, maxLength: 20 }), (d, levels, kinds, picks) => {
        let i = 0;
        const trivia = () => TRIVIA[picks[i++ % picks.length]];
        let text = print(d, trivia);
        for (let level = 0; level < levels; level++) text = (kinds >> level) & 1 ? `[${trivia()}${text}${trivia()}]` : `{${trivia()}"k"${trivia()}:${trivia()}${text}${trivia()}}`;
        text = `${trivia()}${text}${trivia()}`;
        fc.pre(parseJsonc(text).fast);
        const root = parseTree(text, [], { allowTrailingComma: true })!;
        assert.equal(valueEnd(text, root.offset), root.offset + root.length, text);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('hostSpansOf and parseRegion', () => {
  it('find each host\'s text, which parses to that host', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 5 }), fc.array(fc.nat({ max: TRIVIA.length - 1 }), { minLength: 1, maxLength: 20 }), (hosts, picks) => {
        let i = 0;
        const trivia = () => TRIVIA[picks[i++ % picks.length]];
        const text = `{${trivia()}"hosts"${trivia()}:${trivia()}[${hosts.map((h) => trivia() + print(h, trivia) + trivia()).join(',')}],${trivia()}"x": [1]}`;
        const parsed = parseJsonc(text);
        fc.pre(parsed.fast);
        const spans = hostSpansOf(text)!;
        const values = (parsed.value as { hosts: unknown[] }).hosts;
        assert.equal(spans.starts.length, values.length);
        values.forEach((v, h) => {
          const region = parseRegion(text, spans.starts[h], spans.ends[h]);
          if (typeof v === 'object' && v !== null) assert.deepEqual(region?.value, v);
        });
      }),
      { numRuns: 800 },
    );
  });

  it('gives no spans when "hosts" is named twice (the value takes the last, locating the first)', () => {
    assert.equal(hostSpansOf('{ "hosts": [{}], "hosts": [{}, {}] }'), undefined);
  });

  it('rejects a region that is not exactly one value', () => {
    const text = '[{"a": 1}, {"b": 2}]';
    assert.equal(parseRegion(text, 1, 19), undefined);
    assert.equal(parseRegion(text, 0, 9), undefined);
    assert.deepEqual(parseRegion(text, 1, 9)?.value, { a: 1 });
  });
});

describe('LineIndex after an edit', () => {
  it('gives the positions a fresh index gives', () => {
    const line = fc.constantFrom('', 'a', '  "x": 1,', '\t{}', 'é😀');
    const textOf = fc.array(line, { maxLength: 12 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(textOf, textOf, fc.nat(), fc.nat(), fc.boolean(), (before, inserted, a, b, cr) => {
        const start = a % (before.length + 1);
        const oldEnd = start + (b % (before.length - start + 1));
        const insert = cr ? inserted.replace(/\n/, '\r\n') : inserted;
        const after = before.slice(0, start) + insert + before.slice(oldEnd);
        const previous = new LineIndex(before);
        previous.positionAt(0);
        const moved = new LineIndex(after, previous, { start, oldEnd, newEnd: start + insert.length });
        const fresh = new LineIndex(after);
        for (let o = 0; o <= after.length; o++) assert.deepEqual(moved.positionAt(o), fresh.positionAt(o), `offset ${o}`);
      }),
      { numRuns: 500 },
    );
  });
});
