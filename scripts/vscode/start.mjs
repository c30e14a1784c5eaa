#!/usr/bin/env node
// `npm start`: build, then serve a real VS Code (code-server) on loopback with the extension
// loaded from this working tree and examples/ as the workspace. Open the printed URL in a
// browser (forward the port if this machine is remote); Ctrl-C stops everything.
//   node scripts/vscode/start.mjs [--port N] [--no-build]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer } from './launch.mjs';
import { ensureVsCode, ROOT } from './setup.mjs';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });

if (!values['no-build']) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('[start] npm run build failed');
    process.exit(1);
  }
}
try {
  ensureVsCode();
} catch (e) {
  console.error(`[start] setup failed: ${e.message}`);
  process.exit(1);
}
const server = await startCodeServer({
  workspace: path.join(ROOT, 'examples'),
  extensionPath: ROOT,
  port: values.port ? Number(values.port) : undefined,
  log: (m) => console.error(`[start] ${m}`),
});
console.log(`\nEDP Designer is running in VS Code (code-server) at:\n\n  ${server.url}\n\nThe window title reads "[Extension Development Host]". Press Ctrl-C to stop.\n`);
// launch.mjs stops code-server on SIGINT/SIGTERM; until then keep the process alive
setInterval(() => {}, 1 << 30);
