// The JSONC fast path (issue 14): blank comments and drop trailing commas with tight scans, then
// let the engine's JSON.parse build the value; a text it rejects goes to parseDocument
// (jsonc-parser), which locates the error. Blanking keeps every offset where it was.
//
// Note on "__proto__": JSON.parse makes a "__proto__" key an own data property (the object's
// prototype stays Object.prototype), so a file cannot reach any prototype through the value;
// the schema reports it as an unknown property like any other key.
import type { RawFinding } from './findings';
import { MAX_NESTING, parseDocument } from './parse';

interface FastParse {
  value: unknown;
  errors: RawFinding[];
  /** True when JSON.parse read the text: it is well-formed JSONC with only JSON whitespace. */
  fast: boolean;
}

/** What parseDocument gives (value and syntax errors), at about the cost of JSON.parse for a valid text. */
export function parseJsonc(text: string): FastParse {
  const value = fastValue(text);
  if (value !== NOT_JSON) return { value, errors: [], fast: true };
  const parsed = parseDocument(text);
  return { value: parsed.value, errors: parsed.errors, fast: false };
}

const NOT_JSON = Symbol('not JSON');

/**
 * Texts JSON.parse would read differently from what the text says: a `__proto__` key (an own
 * property for JSON.parse, the prototype for a plain object elsewhere; escaped keys too) and
 * numbers beyond ±1.8e308 (Infinity). parse.ts reports those; the fast path leaves them to it.
 */
export function needsCarefulRead(text: string): boolean {
  // The keys by indexOf: in one regular expression with the numbers they doubled its cost
  // (about 0.4× JSON.parse of the same text). What /\d[eE]\+?\d{3}|\d{309}/ matches, in two
  // cheaper parts (that expression alone cost ≈ 0.25× JSON.parse).
  return text.includes('__proto__') || text.includes('\\u') || hasLongExponent(text) || hasDigitRun(text, 309);
}

/** A digit, then e or E, an optional +, three digits (a number maybe beyond ±1.8e308). */
const LONG_EXPONENT = /\d[eE]\+?\d{3}/;

function hasLongExponent(text: string): boolean {
  return LONG_EXPONENT.test(text);
}

/**
 * `length` ASCII digits in a row. Such a run covers a multiple of `length − 9` (any `length − 9`
 * consecutive offsets do), so only those offsets are looked at, and the run around a digit there
 * measured: a few thousand reads for a megabyte instead of one per character.
 */
function hasDigitRun(text: string, length: number): boolean {
  const step = length - 9;
  for (let at = 0; at < text.length; at += step) {
    if (!isDigit(text.charCodeAt(at))) continue;
    let start = at;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end - start >= length) return true;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function fastValue(text: string): unknown {
  if (needsCarefulRead(text)) return NOT_JSON;
  const plain = blankComments(text);
  if (plain === undefined) return NOT_JSON;
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    // Trailing commas are the one other JSONC extension; look for them only now.
    const strict = dropTrailingCommas(plain);
    if (strict === undefined) return NOT_JSON;
    try {
      value = JSON.parse(strict);
    } catch {
      return NOT_JSON;
    }
  }
  return nestingWithin(value, MAX_NESTING) ? value : NOT_JSON;
}

/** A JSON value parsed from `text`, or undefined when it is not exactly one JSONC value (then the caller takes the slow path). */
function parseJsoncValue(text: string): { value: unknown } | undefined {
  const value = fastValue(text);
  return value === NOT_JSON ? undefined : { value };
}

// ---- comments --------------------------------------------------------------------------------

/**
 * Tracks whether a position is inside a string, scanning forward only over the lines that hold
 * a candidate position. A JSON string cannot hold a raw line break, so every line starts outside
 * a string; a text where one does is not JSON and JSON.parse rejects it afterwards (blanking
 * never removes a line break), so a wrong guess there cannot make an invalid text valid.
 */
class StringState {
  private pos = 0;
  private inString = false;

  constructor(private readonly text: string) {}

  /** Whether `at` is inside a string literal; `at` must not go backwards between calls. */
  inside(at: number): boolean {
    const text = this.text;
    // Back to the start of `at`'s line (not before where the last scan stopped).
    let lineStart = at;
    while (lineStart > this.pos) {
      const c = text.charCodeAt(lineStart - 1);
      if (c === 10 || c === 13) break;
      lineStart--;
    }
    if (lineStart > this.pos) {
      this.pos = lineStart;
      this.inString = false;
    }
    let i = this.pos;
    let inString = this.inString;
    for (; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) inString = false;
      else if (inString) {
        if (c === 92 /* \ */) {
          if (i + 1 === at) break; // `at` itself is escaped: inside
          i++;
        } else if (c === 34 /* " */) inString = false;
      } else if (c === 34) inString = true;
    }
    this.pos = at;
    this.inString = inString;
    return inString;
  }

  /** Continue after a comment that ends at `end` (outside any string). */
  skipTo(end: number): void {
    this.pos = end;
    this.inString = false;
  }
}

/**
 * `text` with each comment replaced by spaces (line breaks kept), so offsets stay put; the text
 * itself when it has none; undefined for a slash that starts no comment or an unterminated one.
 */
function blankComments(text: string): string | undefined {
  let i = text.indexOf('/');
  if (i < 0) return text;
  const state = new StringState(text);
  const parts: string[] = [];
  // Where the text outside the comments has more than white space: with one such stretch
  // (comments only before and after the value, as in a file with a header) that stretch alone
  // parses to the same value, without copying the text.
  let content = 0;
  let contentStart = 0;
  let contentEnd = 0;
  const note = (from: number, to: number) => {
    if (!/[^ \t\n\r]/.test(text.slice(from, to))) return;
    content++;
    contentStart = from;
    contentEnd = to;
  };
  let copied = 0;
  while (i >= 0) {
    if (state.inside(i)) {
      i = text.indexOf('/', i + 1);
      continue;
    }
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === 47 /* / */) {
      end = i + 2;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
      parts.push(text.slice(copied, i), ' '.repeat(end - i));
    } else if (next === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return undefined;
      end = close + 2;
      parts.push(text.slice(copied, i), text.slice(i, end).replace(/[^\n\r]/g, ' '));
    } else {
      return undefined;
    }
    if (content < 2) note(copied, i);
    copied = end;
    state.skipTo(end);
    i = text.indexOf('/', end);
  }
  if (content < 2) note(copied, text.length);
  if (content === 1) return text.slice(contentStart, contentEnd);
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * `text` (comments already blanked) without the commas that directly precede a closing bracket,
 * the way jsonc-parser's allowTrailingComma reads them; undefined when there is none (the text
 * failed JSON.parse for another reason). `[,]` and `[1,,]` keep their commas: they are errors.
 */
function dropTrailingCommas(text: string): string | undefined {
  const trailing = /,(?=[ \t\n\r]*[\]}])/g;
  const state = new StringState(text);
  const parts: string[] = [];
  let copied = 0;
  for (let m = trailing.exec(text); m; m = trailing.exec(text)) {
    const at = m.index;
    if (state.inside(at)) continue;
    let before = at - 1;
    while (before >= 0 && isJsonSpace(text.charCodeAt(before))) before--;
    const prev = text.charCodeAt(before);
    if (before < 0 || prev === 44 /* , */ || prev === 91 /* [ */ || prev === 123 /* { */) return undefined;
    parts.push(text.slice(copied, at), ' ');
    copied = at + 1;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(copied));
  return parts.join('');
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** False when arrays and objects nest deeper than `limit` (parseDocument refuses those). */
function nestingWithin(value: unknown, limit: number): boolean {
  return typeof value !== 'object' || value === null || containerWithin(value, limit);
}

/** nestingWithin for an object or array; scalars are passed over without a call (most values are). */
function containerWithin(value: object, limit: number): boolean {
  if (limit === 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null && !containerWithin(item, limit - 1)) return false;
    }
    return true;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && !containerWithin(item, limit - 1)) return false;
  }
  return true;
}

// ---- where the hosts are ---------------------------------------------------------------------

export interface HostSpans {
  /** Offset of each element of the top-level "hosts" array: first character to one past the last. */
  starts: number[];
  ends: number[];
}

/**
 * The spans of the elements of the document's top-level "hosts" array, for a text that
 * parseJsonc read on its fast path. Undefined when the document has no such array or names
 * "hosts" twice (locating then follows the first, the value the last: no per-host shortcuts).
 * Reads the top-level keys and the hosts array's elements; every value is jumped over whole.
 */
export function hostSpansOf(text: string): HostSpans | undefined {
  const n = text.length;
  let i = triviaEnd(text, 0);
  // Keys are read only in the top-level object.
  if (text.charCodeAt(i) !== 123 /* { */) return undefined;
  i++;
  let spans: HostSpans | undefined;
  let hostsArrays = 0;
  for (;;) {
    i = triviaEnd(text, i);
    const c = text.charCodeAt(i);
    if (i >= n || c === 125 /* } */) break;
    if (c === 44 /* , */) {
      i++;
      continue;
    }
    const keyEnd = stringEnd(text, i);
    const raw = text.slice(i + 1, keyEnd - 1);
    const key = raw.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
    i = triviaEnd(text, triviaEnd(text, keyEnd) + 1); // past the colon
    if (key !== 'hosts' || text.charCodeAt(i) !== 91 /* [ */) {
      i = valueEnd(text, i);
      continue;
    }
    if (++hostsArrays > 1) return undefined;
    const starts: number[] = [];
    const ends: number[] = [];
    i++;
    for (;;) {
      i = triviaEnd(text, i);
      const d = text.charCodeAt(i);
      if (i >= n || d === 93 /* ] */) {
        i++;
        break;
      }
      if (d === 44) {
        i++;
        continue;
      }
      const end = valueEnd(text, i);
      starts.push(i);
      ends.push(end);
      i = end;
    }
    spans = { starts, ends };
  }
  return hostsArrays === 1 ? spans : undefined;
}

/** Past white space and comments from `i` (of a text parseJsonc read on its fast path). */
export function triviaEnd(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 47 /* / */) i = commentEnd(text, i);
    else return i;
  }
}

/** One past the value starting at `pos` of a text parseJsonc read on its fast path. */
export function valueEnd(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 34) return stringEnd(text, pos);
  if (c === 123 || c === 91) return containerEnd(text, pos);
  let end = pos + 1;
  while (end < text.length && !isDelimiter(text.charCodeAt(end))) end++;
  return end;
}

/** Characters that are no bracket, quote or slash; a string, escapes skipped (a quoted bracket or quote does not count). */
const PLAIN = String.raw`[^"{}[\]/]*`;
const STRING = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;

/** Everything up to the next bracket or slash, strings included whole. Sticky: matches at lastIndex, possibly nothing. */
const BETWEEN_BRACKETS = new RegExp(`${PLAIN}(?:${STRING}${PLAIN})*`, 'y');

/**
 * An object or array nesting at most `depth` deep in one match: a host of a topology is 6 deep.
 * Each level is BETWEEN_BRACKETS with comments (a slash outside strings starts one in a text read
 * on the fast path) and its brackets' contents as more items.
 */
function nested(depth: number): RegExp {
  const comment = String.raw`\/\/[^\n\r]*(?![^\n\r])|\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/`;
  let inner = '';
  for (let k = 1; k < depth; k++) inner = String.raw`${PLAIN}(?:(?:${STRING}|${comment}|[{[]${inner}[}\]])${PLAIN})*`;
  return new RegExp(String.raw`[{[]${inner}[}\]]`, 'y');
}

const NESTED = nested(8);

/**
 * One past the object or array opening at `pos`: NESTED jumps over all of it in one call (the
 * locator skips the hosts without findings so, a third faster than bracket by bracket); deeper
 * values from bracket to bracket, BETWEEN_BRACKETS jumping over everything else (strings whole).
 */
function containerEnd(text: string, pos: number): number {
  NESTED.lastIndex = pos;
  if (NESTED.test(text)) return NESTED.lastIndex;
  let depth = 0;
  let i = pos;
  while (i < text.length) {
    BETWEEN_BRACKETS.lastIndex = i;
    BETWEEN_BRACKETS.test(text);
    i = BETWEEN_BRACKETS.lastIndex;
    const d = text.charCodeAt(i);
    if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      if (--depth === 0) return i + 1;
    } else if (d === 47) {
      i = commentEnd(text, i);
      continue;
    } else if (d === 34) return text.length; // a string without its closing quote
    i++;
  }
  return text.length;
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 93 || c === 125 || c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 58;
}

/** One past the closing quote of the string starting at `i`. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j + 1;
  }
  return text.length;
}

/** One past the comment starting at `i` (a line comment ends before its line break). */
export function commentEnd(text: string, i: number): number {
  if (text.charCodeAt(i + 1) === 42) {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  let j = i + 2;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) break;
    j++;
  }
  return j;
}

// ---- one value, re-read after an edit --------------------------------------------------------

/**
 * The value whose text is exactly `text.slice(start, end)` (no comment or space around it), and
 * how deep it nests; undefined when that region is not exactly one well-formed JSONC value.
 */
export function parseRegion(text: string, start: number, end: number): { value: unknown; depth: number } | undefined {
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  if (!((first === 123 && last === 125) || (first === 91 && last === 93))) return undefined;
  let depth = 0;
  let deepest = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(text, i) - 1;
      if (i >= end) return undefined;
    } else if (c === 47) {
      i = commentEnd(text, i) - 1;
      if (i >= end) return undefined;
    } else if (c === 123 || c === 91) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) {
      // The region's value closes at its last character, not before.
      if (--depth === 0 && i !== end - 1) return undefined;
    }
  }
  if (depth !== 0 || deepest > MAX_NESTING) return undefined;
  const parsed = parseJsoncValue(text.slice(start, end));
  return parsed && { value: parsed.value, depth: deepest };
}
