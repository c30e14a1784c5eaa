// src/core must stay editor-free: the CLI and unit tests run it without VS Code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const offenders = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.ts$/.test(entry.name) && /(from\s+['"]vscode['"]|require\(['"]vscode['"]\))/.test(readFileSync(path, 'utf8'))) offenders.push(path);
  }
};
walk('src/core');
if (offenders.length > 0) {
  console.error(`src/core must not import 'vscode':\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
