import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze } from '../../src/core/analyze';
import { pct } from '../../src/core/present';
import { fixtureUri, hasRule, openInEditor, revertAndClose, waitForDiagnostics, waitForTab } from './helpers';

const isReportTab = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('edpDesigner.report');
const reportTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isReportTab);

suite('datapath report', () => {
  const uri = fixtureUri('report.edp.json');

  suiteSetup(async () => {
    await openInEditor(uri);
    await waitForDiagnostics(uri, hasRule('flowcache/low-hit-rate'));
  });
  suiteTeardown(async () => {
    await vscode.window.tabGroups.close(reportTabs());
    // back to the topology file's editor, then close it
    await openInEditor(uri);
    await revertAndClose();
  });

  test('EDP: Show Datapath Report opens one report panel for the file, beside the editor, and reveals it when run again', async () => {
    assert.deepEqual(reportTabs().map((t) => t.label), [], 'no report is open yet');
    await vscode.commands.executeCommand('edpDesigner.showReport', uri);
    const tab = await waitForTab(isReportTab, 15_000, 'a report panel tab');
    assert.equal(tab.label, 'Report: report.edp.json');
    const editorColumn = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn;
    assert.ok(editorColumn !== undefined && tab.group.viewColumn !== editorColumn, `the report is beside the editor (report in column ${tab.group.viewColumn}, editor in ${editorColumn})`);

    await vscode.commands.executeCommand('edpDesigner.showReport', uri);
    assert.equal(reportTabs().length, 1, 'running it again does not open a second panel');
  });

  test('EDP: Export Datapath Report writes a standalone HTML file and a Markdown summary with the model\'s figures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-e2e-export-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'report.report.html'));
      const written = await vscode.commands.executeCommand<{ html: vscode.Uri; markdown: vscode.Uri }>('edpDesigner.exportReport', uri, target);
      assert.ok(written, 'the command returns the files it wrote');
      assert.equal(written.html.fsPath, target.fsPath);
      assert.equal(written.markdown.fsPath, path.join(dir, 'report.report.md'), 'the Markdown summary is beside the HTML');

      const doc = await vscode.workspace.openTextDocument(uri);
      const sw = analyze(doc.getText()).model!.hosts[0].switches[0];
      const html = fs.readFileSync(target.fsPath, 'utf8');
      assert.match(html, /<title>Datapath report: report\.edp\.json<\/title>/);
      assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'everything is inline: the file opens offline');
      const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
      assert.ok(data, 'the report\'s data is embedded');
      const report = JSON.parse(data[1]);
      const embedded = report.hosts[0].switches[0];
      assert.equal(embedded.name, 'vds-report');
      assert.equal(embedded.hitRate, sw.hitRate, 'the hit rate of the core\'s model');
      assert.equal(embedded.offeredPps, sw.offeredPps);
      assert.ok(report.findings.some((f: { rule: string }) => f.rule === 'flowcache/low-hit-rate'), 'the finding is in the report');

      const md = fs.readFileSync(written.markdown.fsPath, 'utf8');
      assert.ok(md.includes('### Switch vds-report'), md);
      assert.ok(md.includes(`| Flow-cache hit rate | **${pct(sw.hitRate)}** |`), `the Markdown flags the low hit rate ${pct(sw.hitRate)}:\n${md}`);
      assert.ok(md.includes('`flowcache/low-hit-rate`'), 'the Markdown lists the finding');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
