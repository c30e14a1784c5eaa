// JSONC → value (and, on demand, the syntax tree with offsets) via jsonc-parser; syntax errors as raw findings.
import { type Node, type ParseError, parse, parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import type { RawFinding } from './findings';
import { clipText } from './present';

interface ParsedDocument {
  value: unknown;
  errors: RawFinding[];
  /**
   * The syntax tree with offsets, built on first use: only locating findings (and the editor's
   * lens, hover and fixes) need it, so a clean file never pays for it. Absent when the text
   * holds no JSON value at all.
   */
  readonly root: Node | undefined;
}

/** Deeper nesting than this is refused before parsing: no real topology nests past ~8. */
export const MAX_NESTING = 256;

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

export function parseDocument(documentText: string): ParsedDocument {
  // A byte-order mark is read as a space, so the editor (which strips it) and a caller that
  // keeps it get the same findings at the same offsets.
  const text = documentText.charCodeAt(0) === 0xfeff ? ` ${documentText.slice(1)}` : documentText;
  const tooDeep = deepNestingOffset(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    return {
      root: undefined,
      value: undefined,
      errors: [{
        rule: 'parse/invalid-json',
        message: `The document nests arrays or objects more than ${MAX_NESTING} levels deep; a topology file never needs that. Remove the extra nesting.`,
        path: '',
        span: { offset: tooDeep, length: 1 },
      }],
    };
  }
  const parseErrors: ParseError[] = [];
  const value: unknown = parse(text, parseErrors, PARSE_OPTIONS);
  const errors = parseErrors.map((e): RawFinding => ({
    rule: 'parse/invalid-json',
    message: `${describeParseError(printParseErrorCode(e.error))}.`,
    path: '',
    span: clampSpan(e.offset, Math.max(1, e.length), text.length),
  }));
  if (errors.length === 0) errors.push(...unrepresentable(text));
  if (value === undefined && errors.length === 0) {
    errors.push({
      rule: 'parse/invalid-json',
      message: 'The file is empty. A topology file is a JSON object: start from "EDP: New Topology File" or an example.',
      path: '',
      span: { offset: 0, length: 0 },
    });
  }
  return lazyTree(text, value, errors);
}

/**
 * The syntax tree of `text` alone, as `parseDocument(text).root` would give it (undefined for
 * absurd nesting): the editor rebuilds it on its side, where only an analysis's data arrived.
 */
export function syntaxTree(text: string): Node | undefined {
  if (deepNestingOffset(text, MAX_NESTING) !== undefined) return undefined;
  return parseTree(text, [], PARSE_OPTIONS);
}

function lazyTree(text: string, value: unknown, errors: RawFinding[]): ParsedDocument {
  let root: Node | undefined;
  let built = false;
  return {
    value,
    errors,
    get root() {
      if (!built) {
        root = parseTree(text, [], PARSE_OPTIONS);
        built = true;
      }
      return root;
    },
  };
}

/** A span inside the text: parse errors at the very end point one past it otherwise. */
function clampSpan(offset: number, length: number, textLength: number): { offset: number; length: number } {
  const start = Math.max(0, Math.min(offset, textLength));
  return { offset: start, length: Math.max(0, Math.min(length, textLength - start)) };
}

/** Offset of the first `"__proto__"` key (escaped or not) of well-formed text, or undefined. */
export function protoKeyOffset(text: string): number | undefined {
  return unrepresentable(text).find((f) => f.message.includes('__proto__'))?.span?.offset;
}

/**
 * What well-formed text says that a JavaScript value cannot hold, so that the schema would not
 * see what the text says: a `"__proto__"` key (jsonc-parser, like any `obj[key] = value`
 * builder, makes its object the parent's prototype) and numbers beyond ±1.8e308 (read as
 * Infinity). The first of each, as findings that stop the analysis like a syntax error.
 */
function unrepresentable(text: string): RawFinding[] {
  // Most files have neither the name, nor an escape that could spell it, nor a huge number: skip the second scan.
  const hugeNumber = /\d[eE][+]?\d{3}|\d{300}/.test(text);
  if (!hugeNumber && !text.includes('__proto__') && !text.includes('\\u')) return [];
  let proto: RawFinding | undefined;
  let huge: RawFinding | undefined;
  visit(text, {
    onObjectProperty: (property, offset, length) => {
      if (property !== '__proto__' || proto) return;
      proto = {
        rule: 'schema/invalid',
        message: 'The key "__proto__" is not allowed: no topology property has that name, and JavaScript would read it as the object\'s prototype. Remove or rename it.',
        path: '',
        span: { offset, length },
      };
    },
    onLiteralValue: (value, offset, length) => {
      if (typeof value !== 'number' || Number.isFinite(value) || huge) return;
      huge = {
        rule: 'schema/invalid',
        message: `The number ${clipText(text.slice(offset, offset + length), 24)} is too large to be read (the limit is about 1.8e308); no topology value comes near it. Use a smaller number.`,
        path: '',
        span: { offset, length },
      };
    },
  }, PARSE_OPTIONS);
  return [proto, huge].filter((f): f is RawFinding => f !== undefined);
}

function describeParseError(code: string): string {
  // printParseErrorCode gives names like 'CommaExpected'; make them read as sentences.
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Offset of the first bracket that opens level `limit + 1`, skipping strings and comments. */
function deepNestingOffset(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
