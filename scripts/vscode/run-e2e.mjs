#!/usr/bin/env node
// `npm run test:e2e`: the e2e suite in a real VS Code (code-server 4.100.3 = VS Code 1.100.3).
//  1. build; install code-server and Chromium if missing (setup.mjs);
//  2. copy examples/ and test/e2e/fixtures/ into a temp workspace, start code-server on it;
//  3. open the workbench in headless Chromium with extensionDevelopmentPath = this checkout and
//     extensionTestsPath = out/test/e2e/index.js: the mocha suite runs inside the extension host
//     and reports through the page's codeAutomationLog / codeAutomationExit;
//  4. UI checks on a fresh page (test/e2e/ui/): the Problems panel, the report webview, light and
//     dark screenshots;
//  5. print "N passed, N failed"; exit 1 on any failure or timeout. code-server is always stopped.
// Outputs in test-results/: e2e.log, console.log, exthost.log, code-server.log, *.png.
//   node scripts/vscode/run-e2e.mjs [--no-build] [--no-suite] [--no-ui] [--grep RE] [--timeout SEC] [--max-time SEC]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import { extensionHostLog, onInterrupt, remoteUri, startCodeServer } from './launch.mjs';
import { ensureVsCode, ROOT } from './setup.mjs';
import { runUiChecks } from '../../test/e2e/ui/problems.ui.mjs';
import { runReportUiChecks } from '../../test/e2e/ui/report.ui.mjs';
import { runReportInteractionChecks } from '../../test/e2e/ui/report-interaction.ui.mjs';

const { values: opts } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'no-ui': { type: 'boolean', default: false },
    'no-suite': { type: 'boolean', default: false },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    'max-time': { type: 'string', default: '600' },
  },
});
const T0 = Date.now();
const since = () => ((Date.now() - T0) / 1000).toFixed(1);
const log = (msg) => process.stderr.write(`[e2e +${since()}s] ${msg}\n`);
const OUT = path.join(ROOT, 'test-results');
const RESULT_LINE = /E2E-RESULT passed=(\d+) failed=(\d+)/;
const EXTENSION_ID = (() => {
  const pj = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return `${pj.publisher}.${pj.name}`;
})();

function die(msg) {
  process.stderr.write(`\n[e2e] ${msg}\n`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// ---- 1. build and setup -------------------------------------------------------------------------
if (!opts['no-build']) {
  log('npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) die('npm run build failed: the e2e suite needs dist/extension.js and out/test/e2e/');
}
let chromium;
try {
  ({ chromium } = ensureVsCode());
} catch (e) {
  die(`SETUP FAILED: could not install code-server/Chromium, so the e2e suite cannot run.\n${e.message}\nRun: node scripts/vscode/setup.mjs`);
}
const testsEntry = path.join(ROOT, 'out', 'test', 'e2e', 'index.js');
if (!fs.existsSync(testsEntry)) die(`${testsEntry} is missing: run npx tsc -p .`);

// our own outputs only: test-results/ may hold other tools' files
fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(OUT)) {
  if (/^(e2e\.log|console\.log|exthost\.log|code-server\.log|ui-problems\.json|(e2e|ui)-.*\.png|report-(light|dark)\.png)$/.test(f)) fs.rmSync(path.join(OUT, f));
}

// ---- 2. workspace and code-server ---------------------------------------------------------------
// a copy outside the repository mirroring its layout (see test/e2e/helpers.ts), so edits and
// workspace settings made by the tests never touch the checkout
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-e2e-ws-'));
fs.cpSync(path.join(ROOT, 'examples'), path.join(workspace, 'examples'), { recursive: true });
fs.cpSync(path.join(ROOT, 'test', 'e2e', 'fixtures'), path.join(workspace, 'test', 'e2e', 'fixtures'), { recursive: true });

let server = null;
let context = null;
const browserProfile = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-e2e-chromium-'));
const consoleLines = [];
const suiteLog = [];
const results = { suite: { passed: 0, failed: 0 }, ui: [], extra: [] };

async function finish() {
  try {
    fs.writeFileSync(path.join(OUT, 'console.log'), consoleLines.join('\n') + '\n');
    fs.writeFileSync(path.join(OUT, 'e2e.log'), suiteLog.join('\n') + '\n');
    if (server) {
      fs.writeFileSync(path.join(OUT, 'exthost.log'), extensionHostLog(server));
      fs.copyFileSync(server.logFile, path.join(OUT, 'code-server.log'));
    }
  } catch (e) {
    log(`writing logs: ${e.message}`);
  }
  await context?.close().catch(() => {});
  context = null;
  await server?.stop();
  for (const dir of [workspace, browserProfile]) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (e) {
      log(`could not remove ${dir}: ${e.message}`);
    }
  }
}
onInterrupt(finish);
const hardStop = setTimeout(async () => {
  log(`--max-time ${opts['max-time']} s exceeded: stopping`);
  await finish();
  console.log('0 passed, 1 failed');
  process.exit(1);
}, Number(opts['max-time']) * 1000);
hardStop.unref();

function watchConsole(page, label) {
  page.on('console', (m) => consoleLines.push(`[${since()}s ${label}] ${m.type()}: ${m.text().replace(/%c/g, '')}`));
  page.on('pageerror', (e) => consoleLines.push(`[${since()}s ${label}] pageerror: ${e.stack ?? e}`));
}

/** Loads the workbench with extensionTestsPath and waits for the suite's exit code. */
async function runSuite() {
  let exitCode = null;
  await context.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = Array.isArray(args) ? format(...args) : String(args);
    suiteLog.push(line);
    process.stdout.write(line + '\n');
  });
  await context.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
  });
  const page = context.pages()[0] ?? (await context.newPage());
  watchConsole(page, 'suite');
  log('running the mocha suite inside the extension host');
  const tests = path.join(server.extensionRoot, path.relative(ROOT, testsEntry));
  await page.goto(server.urlWith([['extensionTestsPath', remoteUri(server.port, tests)]]), { waitUntil: 'domcontentloaded' });
  const deadline = Date.now() + Number(opts.timeout) * 1000;
  while (exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  await page.screenshot({ path: path.join(OUT, 'e2e-suite.png') }).catch(() => {});
  await page.close();

  const counted = suiteLog.map((l) => RESULT_LINE.exec(l)).find(Boolean);
  const suite = { passed: counted ? Number(counted[1]) : 0, failed: counted ? Number(counted[2]) : 1 };
  if (exitCode === null) log(`the suite did not finish within ${opts.timeout} s`);
  else if (!counted) log(`the suite ended (exit ${exitCode}) without reporting results: it could not load or start`);
  else if (exitCode !== 0 && suite.failed === 0) suite.failed = 1;
  log(`suite: ${suite.passed} passed, ${suite.failed} failed (exit ${exitCode ?? 'none: timeout'})`);
  return suite;
}

try {
  server = await startCodeServer({
    workspace,
    extensionPath: ROOT,
    env: opts.grep ? { EDP_E2E_GREP: opts.grep } : {},
    log,
  });

  // ---- 3. the mocha suite in the extension host -------------------------------------------------
  const { chromium: browserType } = createRequire(import.meta.url)('playwright-core');
  context = await browserType.launchPersistentContext(browserProfile, {
    executablePath: chromium,
    headless: true,
    viewport: { width: 1400, height: 900 },
    // launch.mjs's handlers stop code-server and close us; Playwright's own would exit first
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });

  if (!opts['no-suite']) {
    results.suite = await runSuite();
    // an activation error fails the run even when no test happened to notice it
    const activationError = new RegExp(`Activating extension '?${EXTENSION_ID.replace(/\./g, '\\.')}'? failed[^\\n]*(\\n[^\\n]*){0,3}`).exec(extensionHostLog(server));
    results.extra.push({ name: `${EXTENSION_ID} activates without an error`, ok: !activationError, error: activationError?.[0] });
    if (activationError) log(`FAIL: ${activationError[0]}`);
  }

  // ---- 4. UI checks on a fresh page ---------------------------------------------------------------
  if (!opts['no-ui']) {
    const uiPage = await context.newPage();
    watchConsole(uiPage, 'ui');
    results.ui = await runUiChecks({ page: uiPage, server, root: ROOT, workspace, outDir: OUT, log });
    // the report, on the same page: examples/mistakes.edp.json is open from the checks above
    results.ui.push(...(await runReportUiChecks({ page: uiPage, root: ROOT, workspace, outDir: OUT, log })));
    results.ui.push(...(await runReportInteractionChecks({ page: uiPage, root: ROOT, workspace, outDir: OUT, log })));
  }
} catch (e) {
  log(`ERROR: ${e.stack ?? e.message}`);
  results.extra.push({ name: 'the e2e run itself', ok: false, error: e.message });
} finally {
  await finish();
}

// ---- 5. the closing line ----------------------------------------------------------------------------
const checks = [...results.ui, ...results.extra];
const passed = results.suite.passed + checks.filter((c) => c.ok).length;
const failed = results.suite.failed + checks.filter((c) => !c.ok).length;
log(`done in ${since()} s; logs and screenshots in ${path.relative(process.cwd(), OUT) || OUT}/`);
// What the total is made of: the mocha tests in the extension host, the UI checks, and the
// run's own checks (the extension activates without an error).
const parts = [
  `${results.suite.passed + results.suite.failed} extension-host tests`,
  `${results.ui.length} UI checks`,
  ...results.extra.map((c) => c.name),
];
console.log(`${passed} passed, ${failed} failed (${parts.join(' + ')})`);
process.exit(failed > 0 ? 1 : 0);
