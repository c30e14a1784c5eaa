// The exported HTML report in a real browser (headless Chromium through playwright-core): the
// built dist/webview.js renders the embedded view-model, loads nothing from the network, and its
// buttons work. Skipped where there is no Chromium (set CHROMIUM_PATH to point at one).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { pct } from '../../src/core/present';
import { standaloneReportHtml } from '../../src/core/report/html';
import { reportViewModel } from '../../src/core/report/viewModel';
import { reportAssets } from '../../src/cli/report';

const ROOT = path.resolve(__dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-report-browser-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('exported report in a browser', { skip: fs.existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}` }, () => {
  it('renders the figures offline, and its toggles and sorting work', async () => {
    const { chromium } = await import('playwright-core');
    const vm = reportViewModel(analyze(fs.readFileSync(path.join(ROOT, 'examples/mistakes.edp.json'), 'utf8')), { fileName: 'mistakes.edp.json' });
    const assets = reportAssets();
    assert.ok(!('error' in assets), 'run "npm run build" first');
    const file = path.join(dir, 'mistakes.report.html');
    fs.writeFileSync(file, standaloneReportHtml(vm, assets));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
      await page.goto(`file://${file}`);
      const sw = vm.hosts[0].switches[0];
      const text = await page.innerText('#report');
      assert.ok(text.includes('Datapath report: mistakes.edp.json'));
      assert.ok(text.includes(pct(vm.hosts[0].worst.maxUtilization)));
      assert.ok(text.includes(`Predicted drops: ${pct(sw.dropRate)}`));
      // One bar per lcore in the Thread Load Balancer chart, a curve in the flow-cache chart.
      assert.equal(await page.locator('rect.bar-bad, rect.bar-ok').count() >= sw.lcores.length, true);
      assert.equal(await page.locator('path.curve').count(), 1);

      // The TLB section's Table toggle shows the lcores as rows.
      await page.locator('button[data-action="toggle-table"]').nth(1).click();
      assert.equal(await page.locator('table.data th[scope="row"]', { hasText: 'lcore 0' }).count(), 1);
      // Collapsing the host leaves only its heading; the keyboard opens it again.
      await page.locator('button[data-action="toggle-host"]').click();
      assert.equal(await page.locator('.host-body').count(), 0);
      await page.locator('button[data-action="toggle-host"]').focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.host-body').count(), 1);
      // The toggled table is still shown (UI state survives re-rendering).
      assert.equal(await page.locator('table.data th[scope="row"]', { hasText: 'lcore 0' }).count(), 1);
      // Sorting marks the column.
      await page.locator('button[data-column="maxUtilization"]').click();
      assert.equal(await page.locator('th[aria-sort="descending"] button[data-column="maxUtilization"]').count(), 1);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
