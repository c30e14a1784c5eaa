// UI-level checks, driven from outside VS Code like a user: open the mistakes example, read the
// Problems panel, and screenshot it in a light and a dark theme (picked from the command palette:
// edits of settings.json made outside VS Code were not picked up here).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checkRunner } from './checks.mjs';
import { remoteUri } from '../../../scripts/vscode/launch.mjs';
import { parkMouse, readProblems, showProblemsPanel, statusBarProblems, switchColorTheme, themeClasses, until, waitForActiveTab, waitForWorkbench } from './workbench.mjs';

const EXAMPLE = 'mistakes.edp.json';
/** The mistakes example makes each ref/* rule fire (examples/mistakes.edp.json says where). */
const EXPECTED_RULES = ['ref/duplicate-name', 'ref/unknown-nic', 'ref/unknown-switch', 'ref/unknown-numa-node'];
const THEMES = [
  { label: 'Dark Modern', themeClass: 'vscode-theme-defaults-themes-dark_modern-json', file: 'ui-problems-dark.png' },
  { label: 'Light Modern', themeClass: 'vscode-theme-defaults-themes-light_modern-json', file: 'ui-problems-light.png' },
];

/** Each check: { name, ok, error? }, logged as it ends; failures leave ui-failure-N.png. */
export async function runUiChecks({ page, server, root, workspace, outDir, log }) {
  const { results, check } = checkRunner({ page, outDir, log, failurePrefix: 'ui-failure' });
  const file = path.join(workspace, 'examples', EXAMPLE);
  // where the core puts each ref/* finding: an independent check of the lines the panel shows
  const { analyze } = createRequire(import.meta.url)(path.join(root, 'out', 'src', 'core', 'analyze.js'));
  const expectedLines = new Map();
  for (const f of analyze(fs.readFileSync(file, 'utf8')).findings) {
    if (EXPECTED_RULES.includes(f.rule)) expectedLines.set(f.rule, [...(expectedLines.get(f.rule) ?? []), (f.range?.start.line ?? 0) + 1]);
  }

  let problems = [];
  await check(`opening examples/${EXAMPLE} lists each ref/* rule in the Problems panel, on the right line`, async () => {
    await page.goto(server.urlWith([['openFile', remoteUri(server.port, file)]]), { waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    await waitForActiveTab(page, EXAMPLE);
    await showProblemsPanel(page);
    // until the panel lists every expected rule (it fills as the analysis publishes)
    let missing = EXPECTED_RULES;
    await until(async () => {
      problems = (await readProblems(page)).filter((p) => p.file?.endsWith(EXAMPLE) && p.source === 'edp');
      missing = EXPECTED_RULES.filter((r) => !problems.some((p) => p.code === r));
      return missing.length === 0;
    }, 30_000, 500);
    if (missing.length) throw new Error(`the Problems panel lacks ${missing.join(', ')}; it shows ${JSON.stringify(problems.map((p) => `${p.code}@${p.line}`))}`);
    for (const rule of EXPECTED_RULES) {
      const shown = problems.filter((p) => p.code === rule).map((p) => p.line).sort();
      const want = (expectedLines.get(rule) ?? []).sort();
      if (JSON.stringify(shown) !== JSON.stringify(want)) throw new Error(`${rule} is shown on lines ${shown} but the core puts it on lines ${want}`);
      if (!problems.some((p) => p.code === rule && p.severity === 'error')) throw new Error(`${rule} is not shown as an error`);
    }
    fs.writeFileSync(path.join(outDir, 'ui-problems.json'), JSON.stringify(problems, null, 2) + '\n');
  });

  await check('the status bar counts the errors', async () => {
    const errors = problems.filter((p) => p.severity === 'error').length;
    // the item redraws as diagnostics change: wait until it counts them all
    let counts = await statusBarProblems(page);
    await until(async () => (counts = await statusBarProblems(page)).errors >= errors, 10_000, 250);
    if (counts.errors < errors || errors === 0) throw new Error(`status bar says "${counts.aria}", the panel shows ${errors} errors for ${EXAMPLE}`);
  });

  await check('the EDP status bar item counts what edp-check counts for the file', async () => {
    const want = { error: 0, warning: 0, info: 0 };
    for (const f of analyze(fs.readFileSync(file, 'utf8')).findings) want[f.severity]++;
    const read = () => page.evaluate(() => {
      const items = [...document.querySelectorAll('[id$="edpDesigner.status"], .statusbar-item')];
      const item = items.find((el) => /^EDP\b/.test((el.textContent ?? '').trim()));
      return item ? (item.textContent ?? '').trim() : null;
    });
    const parse = (t) => {
      const m = /^EDP\s*(\d+)\s*(\d+)(?:\s*(\d+))?/.exec(t ?? '');
      return m ? { error: Number(m[1]), warning: Number(m[2]), info: Number(m[3] ?? 0) } : null;
    };
    // the item redraws as the analysis publishes: wait until it shows the counts
    let text = null;
    await until(async () => JSON.stringify(parse((text = await read()))) === JSON.stringify(want), 10_000, 250);
    if (JSON.stringify(parse(text)) !== JSON.stringify(want)) throw new Error(`the EDP status bar item reads "${text}", edp-check counts ${JSON.stringify(want)}`);
  });

  for (const theme of THEMES) {
    await check(`screenshot of the Problems panel in the ${theme.label} theme`, async () => {
      try {
        await switchColorTheme(page, theme.label, theme.themeClass);
      } catch (e) {
        throw new Error(`${e.message.split('\n')[0]} (the workbench has "${await themeClasses(page)}")`);
      }
      await parkMouse(page);
      await page.screenshot({ path: path.join(outDir, theme.file) });
    });
  }
  return results;
}
