// Names come from user input and end up in terminals, CI logs and problem matchers: a newline in
// a name must not forge a finding line, and an escape sequence must not reach the terminal.

/** C0 and C1 control characters, DEL and the Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with each control character written as an escape (`\n`, `\u001b`), as JSON writes it. */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Longest user text a message echoes; a longer name is cut with "…" (a 1 MB key must not be repeated whole). */
export const MAX_ECHO = 64;

export function clipText(text: string, max = MAX_ECHO): string {
  if (text.length <= max) return text;
  // Don't cut a surrogate pair in half.
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}
