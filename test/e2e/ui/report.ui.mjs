// UI checks of the datapath report, driven like a user: with examples/mistakes.edp.json open,
// run "EDP: Show Datapath Report" from the command palette, read the webview (an iframe inside an
// iframe), check its figures and findings against the core, watch the console for Content
// Security Policy violations, and screenshot it in Light Modern and Dark Modern.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checkRunner } from './checks.mjs';
import { parkMouse, runPaletteCommand, switchColorTheme, until, waitForActiveTab } from './workbench.mjs';

const EXAMPLE = 'mistakes.edp.json';
const LIGHT = { label: 'Light Modern', themeClass: 'vscode-theme-defaults-themes-light_modern-json', body: 'vscode-light', file: 'report-light.png' };
const DARK = { label: 'Dark Modern', themeClass: 'vscode-theme-defaults-themes-dark_modern-json', body: 'vscode-dark', file: 'report-dark.png' };
const HC_DARK = { label: 'Dark High Contrast', themeClass: 'vscode-theme-defaults-themes-hc_black-json', body: 'vscode-high-contrast', file: 'report-hc-dark.png' };
const HC_LIGHT = { label: 'Light High Contrast', themeClass: 'vscode-theme-defaults-themes-hc_light-json', body: 'vscode-high-contrast-light', file: 'report-hc-light.png' };
/** Window widths that put the report panel (beside the editor) at about 480, 550 and 1600 px. */
const WINDOW_WIDTHS = [1280, 1400, 3500];

/** In the report frame: the page's width, whether the page scrolls sideways, and charts or text sticking out of the page. */
function layoutOf() {
  const w = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('svg.chart:not(.numa-map), table.data, h1, h2, h3, h4, p, li')) {
    const r = el.getBoundingClientRect();
    // inside a section that scrolls sideways is fine (a table or the NUMA map); past the page is not
    const scroller = el.closest('.section-body');
    const limit = scroller ? scroller.getBoundingClientRect().right : w;
    if (r.width > 0 && r.right > limit + 1 && !(scroller && scroller.scrollWidth > scroller.clientWidth && el.matches('table.data'))) out.push(`${el.tagName.toLowerCase()} ${Math.round(r.right)} > ${Math.round(limit)}`);
  }
  return { width: w, pageScrolls: document.documentElement.scrollWidth > w + 1, out };
}

/** The frame holding a webview's page: VS Code nests it in pre/index.html (as vscode-probe reads it). */
function isWebviewContentFrame(f) {
  const u = f.url();
  return /\/webview\/browser\/pre\/fake\.html/.test(u) || (f.parentFrame() && /\/webview\/browser\/pre\//.test(f.parentFrame().url()) && !/index\.html/.test(u));
}

/** { frame, title, text, bodyClass, csp } of the report webview once its text contains `needle`; throws after timeout. */
export async function waitForReportFrame(page, needle, timeout = 30_000) {
  let seen = [];
  const found = await until(async () => {
    seen = [];
    for (const frame of page.frames().filter(isWebviewContentFrame)) {
      const r = await frame
        .evaluate(() => ({
          title: document.title,
          text: document.body?.innerText ?? '',
          bodyClass: document.body?.className ?? '',
          csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
        }))
        .catch(() => null);
      if (!r) continue;
      seen.push(`${r.title}: ${r.text.slice(0, 80).replace(/\s+/g, ' ')}`);
      if (r.title.startsWith('Report:') && r.text.includes(needle)) return { frame, ...r };
    }
    return undefined;
  }, timeout, 250);
  if (found) return found;
  throw new Error(`no report webview showing "${needle}" after ${timeout / 1000} s; webviews: ${JSON.stringify(seen)}`);
}

/** Each check: { name, ok, error? }, logged as it ends; failures leave ui-failure-report-N.png. */
export async function runReportUiChecks({ page, root, workspace, outDir, log }) {
  const { results, check } = checkRunner({ page, outDir, log, failurePrefix: 'ui-failure-report' });

  // what the report must show, from the core (the extension publishes every finding of the core, schema errors included)
  const require = createRequire(import.meta.url);
  const { analyze, countSeverities, dropText, pct, severityCountsText } = require(path.join(root, 'out', 'src', 'core', 'index.js'));
  const analysis = analyze(fs.readFileSync(path.join(workspace, 'examples', EXAMPLE), 'utf8'));
  const sw = analysis.model.hosts[0].switches[0];
  const rules = [...new Set(analysis.findings.map((f) => f.rule))].sort();

  // every console message from here on, the webview's frames included
  const consoleTexts = [];
  const onConsole = (m) => consoleTexts.push(`${m.type()}: ${m.text()}`);
  page.on('console', onConsole);

  let report = null;
  // The example's switch drops (capacity/datapath): the panel shows the model's drop figure, as the CodeLens and edp-check do.
  const drops = sw.dropRate > 0 ? [dropText(sw.dropRate)] : [];
  // The panel's header counts the findings edp-check counts (the core's, with default settings).
  const countsLine = `findings: ${severityCountsText(countSeverities(analysis.findings), true)}`;
  await check(`"EDP: Show Datapath Report" on examples/${EXAMPLE} shows the switch, its hit rate, its drop rate, edp-check's counts and every finding's rule`, async () => {
    if (drops.length === 0) throw new Error(`examples/${EXAMPLE} no longer drops packets: the check of the drop figure needs a switch that does`);
    await waitForActiveTab(page, EXAMPLE);
    await runPaletteCommand(page, 'EDP: Show Datapath Report');
    report = await waitForReportFrame(page, sw.name);
    // the page renders after the first update; wait until the findings are in too
    const wanted = [sw.name, pct(sw.hitRate), ...drops, countsLine, ...rules];
    await report.frame.waitForFunction((texts) => texts.every((t) => document.body.innerText.includes(t)), wanted, { timeout: 15_000 }).catch(() => {});
    report = await waitForReportFrame(page, sw.name);
    const missing = wanted.filter((t) => !report.text.includes(t));
    if (missing.length) throw new Error(`the report lacks ${JSON.stringify(missing)}; it shows:\n${report.text.slice(0, 1500)}`);
    if (report.title !== `Report: ${EXAMPLE}`) throw new Error(`the report's title is "${report.title}"`);
  });

  await check('the report page has a Content Security Policy and the console shows no violation of it', async () => {
    if (!report) throw new Error('no report to check');
    if (!/default-src 'none'/.test(report.csp)) throw new Error(`the report's CSP is "${report.csp}"`);
    // a violation reaches the console as "Refused to … because it violates the following Content Security Policy directive"
    const violations = consoleTexts.filter((t) => /Content Security Policy/i.test(t));
    if (violations.length) throw new Error(`${violations.length} CSP violation(s):\n${violations.slice(0, 5).join('\n')}`);
  });

  // the Problems panel stays open from the checks before; the report needs the room (cosmetic: a failure is ignored)
  await runPaletteCommand(page, 'View: Hide Panel').catch((e) => log(`could not hide the panel: ${e.message}`));
  for (const theme of [HC_DARK, HC_LIGHT, LIGHT, DARK]) {
    await check(`screenshot of the report in the ${theme.label} theme (${theme.file}), drawn in the theme's colours`, async () => {
      if (!report) throw new Error('no report to screenshot');
      await switchColorTheme(page, theme.label, theme.themeClass);
      // VS Code marks the webview's body with the theme kind; the report's CSS follows its variables
      let bodyClass = '';
      await until(async () => {
        bodyClass = (await report.frame.evaluate(() => document.body.className).catch(() => '')) || (await waitForReportFrame(page, sw.name)).bodyClass;
        return bodyClass.split(/\s+/).includes(theme.body);
      }, 10_000, 200);
      if (!bodyClass.split(/\s+/).includes(theme.body)) throw new Error(`the report's body has classes "${bodyClass}", not ${theme.body}`);
      await parkMouse(page);
      await page.screenshot({ path: path.join(outDir, theme.file) });
    });
  }

  for (const windowWidth of WINDOW_WIDTHS) {
    await check(`in a ${windowWidth} px window the report fits its panel: no sideways page scroll, charts and text inside (report-${windowWidth}.png)`, async () => {
      if (!report) throw new Error('no report to check');
      await page.setViewportSize({ width: windowWidth, height: 900 });
      // the page redraws its charts for the new width after a resize: wait until it fits, or say what sticks out
      let layout;
      await until(async () => {
        const frame = (await waitForReportFrame(page, sw.name)).frame;
        layout = await frame.evaluate(layoutOf).catch((e) => ({ error: e.message }));
        return layout && !layout.error && !layout.pageScrolls && layout.out.length === 0;
      }, 15_000, 250);
      log(`report panel ${layout?.width} px wide in a ${windowWidth} px window`);
      if (!layout || layout.error || layout.pageScrolls || layout.out.length > 0) throw new Error(`the report does not fit its ${layout?.width} px panel: ${JSON.stringify(layout)}`);
      await parkMouse(page);
      await page.screenshot({ path: path.join(outDir, `report-${windowWidth}.png`) });
    });
  }
  await page.setViewportSize({ width: 1400, height: 900 });

  await check('no Content Security Policy violation while the report re-renders in another theme (and the check sees one when there is)', async () => {
    const violations = consoleTexts.filter((t) => /Content Security Policy/i.test(t));
    if (violations.length) throw new Error(`${violations.length} CSP violation(s):\n${violations.slice(0, 5).join('\n')}`);
    // A control, last because it leaves a violation behind: an image from outside the webview is
    // refused, and that must reach the console we read, or the checks above prove nothing.
    const frame = (await waitForReportFrame(page, sw.name)).frame;
    const refused = page.waitForEvent('console', { predicate: (m) => /Content Security Policy/i.test(m.text()), timeout: 5_000 }).catch(() => undefined);
    await frame.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://blocked.invalid/e2e-csp-control.png';
      document.body.append(img);
    });
    await refused;
    if (!consoleTexts.some((t) => /Content Security Policy/i.test(t))) throw new Error('an image the CSP refuses left no message in the console: the CSP checks cannot see violations');
  });
  page.off('console', onConsole);
  return results;
}
