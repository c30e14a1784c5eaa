// Offsets ↔ line/character, the way VS Code counts them (CRLF, LF and CR all end a line).
import type { Position, Range, Span } from './findings';
import { plainConstructor } from './plain';

/** An edit that turned a text into the next one: [start, oldEnd) of the old became [start, newEnd) of the new. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export class LineIndex {
  /** Offsets where lines start (a typed array: moving 10⁵ of them through an edit is one pass). */
  private starts: Int32Array | undefined;
  /** Set when the text has no CR: then only LF ends lines, and an edit can be applied to the starts. */
  private lfOnly = false;

  /** Line starts of the text before `edit` (LF only), to move through the edit instead of searching the whole text. */
  private base: Int32Array | undefined;

  /** `previous` and `edit`: the index of the text before `edit`, whose line starts this one may reuse. */
  constructor(private readonly text: string, previous?: LineIndex, private readonly edit?: TextEdit) {
    // Only the starts are kept, not the previous index or its text.
    if (previous?.starts && previous.lfOnly && edit) this.base = previous.starts;
  }

  /** Line starts are computed on first use: only documents with findings pay for them. */
  private lineStarts(): Int32Array {
    return this.starts ?? this.computeStarts();
  }

  // Apart from lineStarts, which runs for every position asked and is optimized early: this runs
  // once per text, and inside lineStarts its code had no type feedback when V8 optimized it.
  private computeStarts(): Int32Array {
    const text = this.text;
    const reused = this.base && this.edit ? startsAfter(this.base, this.edit, text) : undefined;
    this.base = undefined;
    if (reused) {
      this.lfOnly = true;
      this.starts = reused;
      return reused;
    }
    this.lfOnly = text.indexOf('\r') < 0;
    this.starts = (this.lfOnly ? lfBreaks(text) : anyBreaks(text)).done();
    return this.starts;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return new PositionOf(lo, clamped - starts[lo]);
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    const line = Math.max(0, Math.min(position.line, starts.length - 1));
    return Math.min(starts[line] + Math.max(0, position.character), this.text.length);
  }

  rangeOf(span: Span): Range {
    return new RangeOf(this.positionAt(span.offset), this.positionAt(span.offset + span.length));
  }
}

// By `new`, not as literals (see plain.ts): a CLI run keeps every finding's range to the
// end, and V8 threw away positionAt's and rangeOf's optimized code for their literals.
const PositionOf = plainConstructor(function (this: Position, line: number, character: number) {
  this.line = line;
  this.character = character;
});

const RangeOf = plainConstructor(function (this: Range, start: Position, end: Position) {
  this.start = start;
  this.end = end;
});

/** Line starts `old` (LF only) moved through `edit` to the text `next`; undefined when `next` gets a CR there. */
function startsAfter(old: Int32Array, edit: TextEdit, next: string): Int32Array | undefined {
  for (let i = edit.start; i < edit.newEnd; i++) if (next.charCodeAt(i) === 13) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  // Lines starting up to the edit stay; the edited stretch is read again; the rest move.
  const keep = firstAbove(old, edit.start);
  const from = firstAbove(old, edit.oldEnd);
  const inserted: number[] = [];
  for (let i = next.indexOf('\n', edit.start); i >= 0 && i < edit.newEnd; i = next.indexOf('\n', i + 1)) inserted.push(i + 1);
  const starts = new Int32Array(keep + inserted.length + old.length - from);
  starts.set(old.subarray(0, keep));
  starts.set(inserted, keep);
  for (let k = from, j = keep + inserted.length; k < old.length; k++, j++) starts[j] = old[k] + delta;
  return starts;
}

/** The first index whose value is above `x` in ascending `values`. */
function firstAbove(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The loops over a text's line breaks, each alone in its function with nothing after the loop
// but its return. This runs once per text: V8 compiles the loop on the stack (OSR) during its
// first run, before the code after the loop has run with type feedback, and that compiled loop,
// kept for the next text, was thrown away again at the code after it on every later analysis.

/** The starts of the lines after the first in a text without CR (the engine's indexOf finds the breaks faster than a loop). */
function lfBreaks(text: string): Growing {
  const starts = new Growing();
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The starts of the lines after the first; CRLF, LF and CR all end a line. */
function anyBreaks(text: string): Growing {
  const starts = new Growing();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** An Int32Array filled by push, starting with 0 (the first line starts at 0). */
class Growing {
  private data = new Int32Array(1024);
  private length = 1;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** VS Code hands documents to extensions without the BOM; the CLI strips it so offsets agree. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
