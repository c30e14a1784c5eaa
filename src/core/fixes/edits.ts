// Text edits made with jsonc-parser's `modify`, formatted like the document around them, so a
// fix keeps the user's comments, indentation and line endings.
import { applyEdits, type FormattingOptions, modify } from 'jsonc-parser';

/**
 * A replacement of `length` UTF-16 code units at `offset` of the analyzed text: the one edit type
 * of the core (quick fixes, importers), the same shape as jsonc-parser's `Edit`.
 */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/**
 * How the document indents and ends its lines: tabs when most indented lines start with a tab,
 * else the smallest indent of a line that starts a JSON token; the first line break found.
 */
export function formattingOptionsOf(text: string): FormattingOptions {
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  let tabLines = 0;
  let spaceLines = 0;
  let smallest = Infinity;
  for (const m of text.matchAll(/^([ \t]+)["{}[\]]/gm)) {
    if (m[1][0] === '\t') {
      tabLines++;
    } else {
      spaceLines++;
      smallest = Math.min(smallest, m[1].length);
    }
  }
  const insertSpaces = tabLines <= spaceLines;
  const tabSize = insertSpaces && Number.isFinite(smallest) ? Math.min(smallest, 8) : insertSpaces ? 2 : 4;
  return { insertSpaces, tabSize, eol };
}

/** Edits that set the value at `path` (creating missing parents), or append to the array at `path` with index -1. */
export function setValueEdits(text: string, path: (string | number)[], value: unknown): TextEdit[] {
  const edits = modify(text, path, value, { formattingOptions: formattingOptionsOf(text), isArrayInsertion: path[path.length - 1] === -1 });
  return edits.map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
}

/** Edits that turn `rule` off in the file's own top-level `"rules"` object. */
export function disableRuleEdits(text: string, rule: string): TextEdit[] {
  return setValueEdits(text, ['rules', rule], 'off');
}

/** The text after the edits (for tests and previews). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(text, edits.map((e) => ({ offset: e.offset, length: e.length, content: e.newText })));
}
