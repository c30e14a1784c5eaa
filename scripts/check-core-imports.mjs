// The import rules of docs/ARCHITECTURE.md:
// - src/core stays editor-free: the CLI and unit tests run it without VS Code;
// - the adapters (src/extension, src/cli, src/webview) use the core only through its one public
//   entry point, src/core/index.ts, so the core can change inside without breaking them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const problems = [];
const walk = (dir, visit) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (/\.ts$/.test(entry.name)) visit(path, readFileSync(path, 'utf8'));
  }
};
const specifiers = (text) => [...text.matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

walk('src/core', (path, text) => {
  if (specifiers(text).includes('vscode')) problems.push(`${path}: src/core must not import 'vscode'`);
});
const coreIndex = resolve('src/core');
for (const adapter of ['src/extension', 'src/cli', 'src/webview']) {
  walk(adapter, (path, text) => {
    for (const spec of specifiers(text)) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(path), spec);
      const inCore = target === coreIndex || target.startsWith(coreIndex + '/');
      if (inCore && target !== coreIndex && target !== join(coreIndex, 'index')) {
        problems.push(`${path}: imports '${spec}'; import from '${relative(dirname(path), coreIndex) || '.'}' (src/core/index.ts) instead`);
      }
    }
  });
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
