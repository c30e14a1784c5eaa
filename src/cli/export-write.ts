// Writing a command's output file without ever leaving half a file or clobbering one by
// accident: the text goes to a temporary file beside the target, then takes the target's name
// in one step (rename with --force; a hard link, which fails if the name is taken, without).
// Minimal on purpose: one shared safe-write helper for every command is to replace it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type WriteResult = { ok: true } | { ok: false; reason: string; exists?: boolean };

export function writeFileSafely(target: string, text: string, options: { force: boolean; inputs: readonly string[] }): WriteResult {
  const real = realOrResolved(target);
  if (options.inputs.some((input) => realOrResolved(input) === real)) {
    return { ok: false, reason: 'it is the input file; name another output file' };
  }
  if (!options.force && fs.existsSync(target)) return { ok: false, reason: 'the file exists (add --force to replace it)', exists: true };
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    return { ok: false, reason: osReason(e) };
  }
  try {
    if (options.force) {
      fs.renameSync(temp, target);
      return { ok: true };
    }
    try {
      fs.linkSync(temp, target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return { ok: false, reason: 'the file exists (add --force to replace it)', exists: true };
      // File systems without hard links: an exclusive copy keeps the no-clobber promise.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
      fs.copyFileSync(temp, target, fs.constants.COPYFILE_EXCL);
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: osReason(e) };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function realOrResolved(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    // Not there yet: its folder may still be a symbolic link to the input's.
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}` : String(e);
}
