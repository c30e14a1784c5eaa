// Writing an output file without losing anything: never over an existing file unless the user
// said --force, and through a temporary file renamed into place, so a crash or a full disk leaves
// either the old file or the new one, never half of one. (A minimal helper for `import`; the
// robustness work may replace it with a shared one.)
import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeFileSafely(absolute: string, text: string, force: boolean): string | undefined {
  let existing: fs.Stats | undefined;
  try {
    existing = fs.statSync(absolute);
  } catch {
    existing = undefined;
  }
  if (existing && !force) return 'it exists (add --force to replace it)';
  if (existing && !existing.isFile()) return 'it is not a regular file';
  const tmp = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    fs.renameSync(tmp, absolute);
    return undefined;
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean
    }
    return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
}
