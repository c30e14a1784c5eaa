// Turns FILE|DIR|GLOB arguments into the files to check, in a stable order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globBase, globDepth, globRegExp, isGlob } from './glob';

interface InputFile {
  /** As the user gave it, or relative to the folder/pattern they gave: what output shows. */
  display: string;
  absolute: string;
}

interface Expansion {
  files: InputFile[];
  /** Arguments that named nothing to check (exit 2, the other files are still checked). */
  problems: string[];
}

const TOPOLOGY_SUFFIX = '.edp.json';

export function expandArguments(args: readonly string[], cwd: string): Expansion {
  const files: InputFile[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (display: string) => {
    const absolute = path.resolve(cwd, display);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ display, absolute });
  };
  for (const arg of args) {
    const stat = statOrUndefined(path.resolve(cwd, arg));
    if (stat?.isDirectory()) {
      const found = walk(path.resolve(cwd, arg), Infinity).filter((rel) => rel.endsWith(TOPOLOGY_SUFFIX));
      if (found.length === 0) problems.push(`no *${TOPOLOGY_SUFFIX} files under directory ${arg}`);
      sortedPaths(found).forEach((rel) => add(path.join(arg, rel)));
    } else if (!stat && isGlob(arg)) {
      const matched = globFiles(arg, cwd);
      if (matched.length === 0) problems.push(`no files match ${arg}`);
      matched.forEach(add);
    } else {
      // A missing file is reported when it is read, with the OS's reason.
      add(arg);
    }
  }
  return { files, problems };
}

function globFiles(arg: string, cwd: string): string[] {
  const pattern = path.sep === '\\' ? arg.replace(/\\/g, '/') : arg;
  const base = globBase(pattern);
  const regex = globRegExp(pattern);
  const join = (rel: string) => (base === '' ? rel : base.endsWith('/') ? base + rel : `${base}/${rel}`);
  const candidates = walk(path.resolve(cwd, base === '' ? '.' : base), globDepth(pattern)).map(join);
  return sortedPaths(candidates.filter((p) => regex.test(p)));
}

/**
 * Files under `root` as slash-separated relative paths, skipping node_modules and dot-folders;
 * symbolic links to folders are not followed (no cycles).
 */
function walk(root: string, maxDepth: number): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable sub-folder holds nothing we can check
    }
    for (const entry of entries) {
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth < maxDepth && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
          visit(path.join(dir, entry.name), relPath, depth + 1);
        }
      } else if (entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(path.join(dir, entry.name))?.isFile())) {
        out.push(relPath);
      }
    }
  };
  visit(root, '', 1);
  return out;
}

function sortedPaths(paths: string[]): string[] {
  // Code-unit order, not locale order: the same on every machine.
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
