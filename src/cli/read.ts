// Reads one topology file for checking, or says in one sentence why it cannot.
import * as fs from 'node:fs';
import { stripBom } from '../core';

/** Far above any real topology (a large one is a few MB); refusing beats hanging a CI job. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type ReadResult = { text: string } | { error: string };

export function readTopologyFile(absolute: string): ReadResult {
  try {
    const size = fs.statSync(absolute).size;
    if (size > MAX_FILE_BYTES) {
      const mb = (size / (1024 * 1024)).toFixed(1);
      return { error: `file is ${mb} MB, over the ${MAX_FILE_BYTES / (1024 * 1024)} MB limit for a topology file; split it or check that it is the right file` };
    }
    // Same text VS Code hands the extension: UTF-8 without the BOM, so positions agree.
    return { text: stripBom(fs.readFileSync(absolute, 'utf8')) };
  } catch (e) {
    return { error: osReason(e) };
  }
}

/** "ENOENT: no such file or directory" without the absolute path node appends. */
function osReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/, \w+ '.*'$/, '');
}
