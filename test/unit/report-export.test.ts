// The report's exports: the standalone HTML (export command and `edp-check --report`), the
// Markdown summary, and the panel's HTML shell with its CSP.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { mdEscape, pct, rate } from '../../src/core/present';
import { standaloneReportHtml } from '../../src/core/report/html';
import { reportMarkdown } from '../../src/core/report/markdown';
import { reportViewModel, type ReportViewModel } from '../../src/core/report/viewModel';
import { runCli } from '../support/cli';
import { packageRoot, reportAssets } from '../../src/cli/report';
import { reportCsp, reportShellHtml } from '../../src/extension/reportShell';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const MISTAKES = path.join(ROOT, 'examples/mistakes.edp.json');
const mistakes = () => reportViewModel(analyze(fs.readFileSync(MISTAKES, 'utf8')), { fileName: 'mistakes.edp.json' });
const ASSETS = { script: 'window.__ran = true; // the bundle', css: 'body { color: var(--vscode-foreground); }' };

/** The JSON the page renders from. */
function embedded(html: string): ReportViewModel {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the view-model is embedded');
  return JSON.parse(m[1]) as ReportViewModel;
}

const tempDirs: string[] = [];
after(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-report-'));
  tempDirs.push(d);
  return d;
}

describe('standalone HTML report', () => {
  it('embeds the view-model, the script and the CSS, and loads nothing from elsewhere', () => {
    const vm = mistakes();
    const html = standaloneReportHtml(vm, ASSETS);
    assert.deepEqual(embedded(html), vm);
    assert.ok(html.includes(ASSETS.script));
    assert.ok(html.includes(ASSETS.css));
    // Outside VS Code the --vscode-* variables need values.
    assert.match(html, /:root \{[^}]*--vscode-charts-red:/);
    // No external URL, no webview CSP (it would name vscode-resource origins).
    assert.doesNotMatch(html, /\s(src|href)=/i);
    assert.doesNotMatch(html, /<link|@import|url\(/i);
    assert.doesNotMatch(html, /Content-Security-Policy|vscode-resource|vscode-cdn/);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<title>Datapath report: mistakes\.edp\.json<\/title>/);
  });

  it('a name that closes the script element cannot break out of the embedded JSON', () => {
    const evil = '</script><script>alert(1)</script><!--';
    const t = topology([host({ name: evil, vms: [loadVm(evil, 0, 1e5)] })], { name: evil });
    const vm = reportViewModel(analyze(JSON.stringify(t)), { fileName: 'evil.edp.json' });
    const html = standaloneReportHtml(vm, ASSETS);
    assert.equal((html.match(/<script/g) ?? []).length, 2, 'the data block and the bundle only');
    assert.deepEqual(embedded(html), vm);
  });

  it('the bundle built by esbuild (dist/webview.js) is what edp-check embeds', () => {
    const assets = reportAssets();
    assert.ok(!('error' in assets), 'run "npm run build" first');
    assert.equal(packageRoot(), ROOT);
    assert.match(assets.script, /report-data/, 'the page reads the embedded view-model');
    assert.ok(assets.css.includes('--vscode-charts-red'));
  });
});

describe('Markdown report', () => {
  it('lists each switch\'s figures, the lcores and every finding', () => {
    const vm = mistakes();
    const md = reportMarkdown(vm);
    const sw = vm.hosts[0].switches[0];
    assert.ok(md.includes(`### Switch ${sw.name}`));
    assert.ok(md.includes(`| Offered | ${rate(sw.offeredPps)} |`));
    assert.ok(md.includes(`| Predicted drop rate | **${pct(sw.dropRate)}** |`));
    assert.ok(md.includes(`| Flow-cache hit rate | **${pct(sw.hitRate)}** |`));
    for (const l of sw.lcores) assert.ok(md.includes(`| ${l.index} | ${l.numaNode} | **${pct(l.utilization)}** |`));
    for (const f of vm.findings) assert.ok(md.includes(mdEscape(f.message)), f.rule);
    assert.match(md, /## Findings \(\d+\)\n\n### error: `/);
  });

  it('names from the file cannot break its tables or add markup', () => {
    const t = topology([host({ name: 'a|b', nics: [nic('n*0', 0)], switches: [edpSwitch('s_<x>', ['n*0'], [{ numaNode: 0, count: 1 }])] })]);
    const md = reportMarkdown(reportViewModel(analyze(JSON.stringify(t)), { fileName: 't.edp.json' }));
    assert.match(md, /\| a\\\|b \|/);
    assert.match(md, /### Switch s\\_\\<x\\>/);
    assert.doesNotMatch(md, /<x>/);
  });
});

describe('report panel shell', () => {
  it('a strict CSP: scripts by nonce only, styles from the extension, nothing inline', () => {
    const csp = reportCsp('https://x.vscode-cdn.net', 'abc123');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.match(csp, /style-src https:\/\/x\.vscode-cdn\.net(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = reportShellHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/report.css', title: 'Report: <a>.edp.json' });
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/dist\/webview\.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /style=/);
    assert.match(html, /<title>Report: &lt;a&gt;\.edp\.json<\/title>/);
  });
});

describe('edp-check --report', () => {
  it('writes the standalone HTML of the file, and keeps the exit code of the check', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out.html');
    const { code } = await runCli(['--report', 'out.html', MISTAKES], dir);
    assert.equal(code, 1, 'mistakes.edp.json has errors');
    const html = fs.readFileSync(out, 'utf8');
    const vm = embedded(html);
    assert.equal(vm.fileName, 'mistakes.edp.json');
    assert.deepEqual(vm, JSON.parse(JSON.stringify(mistakes())));
    assert.ok(html.includes(fs.readFileSync(path.join(ROOT, 'dist/webview.js'), 'utf8').slice(0, 200)));
  });

  it('writes Markdown when the file name ends in .md', async () => {
    const dir = tempDir();
    const { code } = await runCli(['--report', 'out.md', path.join(ROOT, 'examples/rack-a.edp.json')], dir);
    assert.equal(code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'out.md'), 'utf8'), /^# Datapath report: rack-a\.edp\.json/);
  });

  it('one report covers one file: several are a usage error', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli(['--report', 'out.html', MISTAKES, path.join(ROOT, 'examples/rack-a.edp.json')], dir);
    assert.equal(code, 2);
    assert.match(stderr, /--report writes the report of one topology file, but the arguments name 2/);
    assert.equal(fs.existsSync(path.join(dir, 'out.html')), false);
  });
});
