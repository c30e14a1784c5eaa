// Issue 11: on examples/overloaded-lcore.edp.json (one lcore over 100 % busy beside idle ones) the
// CodeLens, the hover, the report (overview and Markdown), edp-check's text table and its JSON all
// show the model's one drop figure, in real VS Code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze } from '../../src/core/analyze';
import { dropText } from '../../src/core/present';
import type { ReportViewModel } from '../../src/core/report/viewModel';
import { overviewTable } from '../../src/webview/render/overview';
import { initialUiState } from '../../src/webview/render/state';
import { EXTENSION_ID, hasRule, hoverTexts, openInEditor, positionIn, revertAndClose, waitForDiagnostics, workspaceUri } from './helpers';

/** Lenses come without their command until resolved (VS Code resolves those on screen): resolve them all. */
const RESOLVE_ALL = 1000;

/** The built CLI, as CI runs it (ELECTRON_RUN_AS_NODE: desktop VS Code's host is Electron). */
function edpCheck(args: string[]): { stdout: string; status: number | null } {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'edp-check.js');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  assert.ok(r.stdout, `edp-check printed nothing (exit ${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, status: r.status };
}

suite('one drop figure everywhere (examples/overloaded-lcore.edp.json)', () => {
  const uri = workspaceUri('examples', 'overloaded-lcore.edp.json');
  let shown = '';
  let dropRate = 0;
  let switchName = '';

  suiteSetup(async function () {
    this.timeout(40_000);
    const doc = (await openInEditor(uri)).document;
    const sw = analyze(doc.getText()).model!.hosts[0].switches[0];
    assert.ok(sw.dropRate > 0 && sw.lcores.some((l) => l.utilization > 1), 'the example overloads an lcore');
    dropRate = sw.dropRate;
    shown = dropText(dropRate);
    switchName = sw.name;
    await waitForDiagnostics(uri, hasRule('capacity/datapath'), 30_000, 'capacity/datapath on the overloaded switch');
  });
  suiteTeardown(revertAndClose);

  test('the CodeLens and the hover of the switch', async () => {
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 3 && lenses.length === 0; i++) lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, RESOLVE_ALL)) ?? [];
    const title = lenses[0]?.command?.title ?? '';
    assert.ok(title.endsWith(`· drops ${shown}`), `lens "${title}" ends with the drop figure ${shown}`);
    const doc = await vscode.workspace.openTextDocument(uri);
    const hover = (await hoverTexts(uri, positionIn(doc, switchName, `"name": "${switchName}"`))).find((t) => t.includes(`**Switch ${switchName}**`));
    assert.ok(hover, 'our hover on the switch name');
    assert.match(hover, new RegExp(`^- Drops: ${shown.replace('.', '\\.')} \\(`, 'm'));
  });

  test('the capacity/datapath Problem, edp-check\'s text table and its JSON', () => {
    const d = vscode.languages.getDiagnostics(uri).find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'capacity/datapath');
    assert.ok(d, 'the capacity/datapath Problem');
    assert.ok(d.message.includes(`, ${shown} of the switch's offered packets.`), d.message);
    const text = edpCheck([uri.fsPath]);
    assert.equal(text.status, 1, 'capacity/datapath is an error');
    assert.ok(text.stdout.includes(d.message), 'the CLI prints the Problem\'s message');
    const row = text.stdout.split('\n').find((l) => l.trim().startsWith('esx-p01') && l.includes(switchName));
    assert.ok(row?.trim().endsWith(shown), `the table row "${row}" ends with ${shown}`);
    const json = JSON.parse(edpCheck(['--format', 'json', uri.fsPath]).stdout);
    const j = json.files[0].model.hosts[0].switches[0];
    assert.equal(j.dropRate, dropRate);
    assert.equal(dropText(j.dropRate), shown);
  });

  test('the report: its overview (as the panel draws it) and the Markdown summary', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-e2e-drops-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'overloaded.report.html'));
      const written = await vscode.commands.executeCommand<{ html: vscode.Uri; markdown: vscode.Uri }>('edpDesigner.exportReport', uri, target);
      const html = fs.readFileSync(written.html.fsPath, 'utf8');
      const report = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]) as ReportViewModel;
      assert.equal(report.hosts[0].worst.dropRate, dropRate);
      // The panel and the exported page draw the overview with this function from this data.
      assert.ok(overviewTable(report, initialUiState(report.hosts[0].name)).includes(shown), 'the overview row shows the drop figure');
      const md = fs.readFileSync(written.markdown.fsPath, 'utf8');
      assert.ok(md.includes(`| Predicted drop rate | **${shown}** |`), md);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
