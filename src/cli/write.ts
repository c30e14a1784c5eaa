// Every file the CLI writes (--report, import's and export's --out) goes through writeOutputFile:
// it never replaces one of the command's inputs, replaces an existing file only when asked
// (--force), and writes a temporary file next to the target that is renamed over it, so an
// interrupted run leaves either the old file or the new one, never half of one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { osReason } from './read';

export interface WriteOutputOptions {
  /** Replace an existing file (the user said --force). */
  force?: boolean;
  /** The command's input files (absolute or relative to the process): never written over, even with --force. */
  inputs?: readonly string[];
  /** How the user named the output, for messages (default: the path). */
  display?: string;
}

/** Writes `text` to `file` (absolute); returns the sentence to print (exit 2) when it did not. */
export function writeOutputFile(file: string, text: string, options: WriteOutputOptions = {}): string | undefined {
  const shown = options.display ?? file;
  const target = statOrUndefined(file);
  if (target) {
    if (options.inputs?.some((input) => sameFile(input, file, target))) {
      return `will not write to ${shown}: it is one of the files being read. Name another output file`;
    }
    if (!target.isFile()) return `will not write to ${shown}: it exists and is not a regular file`;
    if (!options.force) return `will not replace ${shown}: it exists. Add --force to replace it, or name another output file`;
  }
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    // 'wx': never follow a link or reuse a file someone placed at the temporary name.
    fs.writeFileSync(temp, text, { flag: 'wx', mode: target ? target.mode & 0o777 : 0o666 });
    fs.renameSync(temp, file);
    return undefined;
  } catch (e) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to clean up
    }
    return `cannot write ${shown}: ${osReason(e)}`;
  }
}

/** Same file by path, or by device and inode (a hard link or a link to it). */
function sameFile(input: string, output: string, outputStat: fs.Stats): boolean {
  if (path.resolve(input) === path.resolve(output)) return true;
  const inputStat = statOrUndefined(input);
  return inputStat !== undefined && inputStat.dev === outputStat.dev && inputStat.ino === outputStat.ino;
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
