// Reads one input file (topology, --catalog, hwloc XML), or says in one sentence why it cannot.
// Every input goes through here: a device (/dev/zero), a FIFO or a directory named as a file
// is refused before a byte is read, and no read goes past the size cap.
import * as fs from 'node:fs';
import { INPUT_LIMITS, inputFileProblem, type FileKind, stripBom } from '../core';

/** `tooLarge`: the error is the size cap (the file's size, or what was read before the cap stopped it). */
type ReadResult = { text: string } | { error: string; tooLarge?: { size: number; maxBytes: number } };

export function readTopologyFile(absolute: string): ReadResult {
  const read = readInputFile(absolute, INPUT_LIMITS.topologyBytes, 'topology file');
  // Same text VS Code hands the extension: UTF-8 without the BOM, so positions agree.
  return 'text' in read ? { text: stripBom(read.text) } : read;
}

/**
 * The file's text (UTF-8), refusing anything but a regular file and anything over `maxBytes`.
 * Opened non-blocking, so a FIFO without a writer cannot hang the open; the type is checked on
 * the opened descriptor, so a link swapped after a stat cannot slip a device in.
 */
export function readInputFile(absolute: string, maxBytes: number, what: string): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absolute, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    const kind: FileKind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
    const problem = inputFileProblem(kind, stat.size, maxBytes, what);
    if (problem) return kind === 'file' ? { error: problem, tooLarge: { size: stat.size, maxBytes } } : { error: problem };
    return { text: readCapped(fd, maxBytes, what) };
  } catch (e) {
    return e instanceof TooLarge ? { error: e.message, tooLarge: { size: e.size, maxBytes } } : { error: osReason(e) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

class TooLarge extends Error {
  constructor(message: string, readonly size: number) {
    super(message);
  }
}

/** Reads to the end, but never more than maxBytes: a file that grows while read is cut off with an error. */
function readCapped(fd: number, maxBytes: number, what: string): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) throw new TooLarge(inputFileProblem('file', total, maxBytes, what) ?? `it is over the limit for a ${what}`, total);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** "ENOENT: no such file or directory" without the absolute path node appends. */
export function osReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/, \w+ '.*'$/, '');
}
