// Issue 13: the editor shows exactly what edp-check reports — same rule ids, severities, ranges
// and messages, each once, nothing without a rule id — and the exported report counts the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureUri, hasRule, openInEditor, revertAndClose, ruleOf, waitForDiagnostics, withWorkspaceSetting } from './helpers';

interface CliFinding {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

const key = (f: CliFinding) => JSON.stringify([f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.rule, f.severity, f.message]);

/** The built CLI's `--format json` findings for the file (as CI would run it). */
function cliReport(file: string): { findings: CliFinding[]; summary: Record<string, number> } {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'edp-check.js');
  // ELECTRON_RUN_AS_NODE: in desktop VS Code the extension host's executable is Electron.
  const r = spawnSync(process.execPath, [cli, '--format', 'json', file], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  assert.ok(r.stdout, `edp-check printed nothing (exit ${r.status}): ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return { findings: report.files[0].findings, summary: report.summary };
}

suite('editor = CLI: one set of findings', () => {
  const uri = fixtureUri('editor-cli.edp.json');
  suiteTeardown(revertAndClose);

  test('the Problems panel lists exactly the findings of edp-check --format json: rule id, severity, range, message, each once', async () => {
    await openInEditor(uri);
    const cli = cliReport(uri.fsPath);
    const rules = new Set(cli.findings.map((f) => f.rule));
    for (const rule of ['schema/invalid', 'ref/unknown-switch', 'flowcache/low-hit-rate']) assert.ok(rules.has(rule), `the fixture has ${rule} for the CLI`);
    await waitForDiagnostics(uri, (ds) => ds.length === cli.findings.length && hasRule('schema/invalid')(ds), 15_000, `the CLI's ${cli.findings.length} findings`);

    // Every diagnostic of the file, whatever its source: no JSON-service twin without a rule id.
    const all = vscode.languages.getDiagnostics(uri);
    for (const d of all) assert.ok(ruleOf(d)?.includes('/'), `a diagnostic without a rule id: ${d.source}: ${d.message}`);
    const shown = all.map((d) => key({
      rule: ruleOf(d)!,
      severity: SEVERITY[d.severity],
      message: d.message,
      range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
    })).sort();
    assert.deepEqual(shown, cli.findings.map(key).sort());
    assert.equal(new Set(shown).size, shown.length, 'each finding once');
  });

  test('the exported report counts the same findings as edp-check', async () => {
    const cli = cliReport(uri.fsPath);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-e2e-editor-cli-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'editor-cli.report.html'));
      await vscode.commands.executeCommand('edpDesigner.exportReport', uri, target);
      const html = fs.readFileSync(target.fsPath, 'utf8');
      const report = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]);
      assert.deepEqual(report.findings.map((f: CliFinding) => f.rule).sort(), cli.findings.map((f) => f.rule).sort());
      assert.deepEqual(
        [report.counts.error, report.counts.warning, report.counts.info],
        [cli.summary.error, cli.summary.warning, cli.summary.info],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file over edpDesigner.maxFileSizeMB shows one analysis/file-too-large Problem, as edp-check does for a file over its cap; severity settings apply', async function () {
    this.timeout(60_000);
    await openInEditor(uri);
    const size = fs.statSync(uri.fsPath).size;
    assert.ok(size > 1024, 'the fixture is over 1 KB (the limit below is 0.5 KB)');
    const tooLarge = (ds: vscode.Diagnostic[]) => ds.length === 1 && ruleOf(ds[0]) === 'analysis/file-too-large';
    await withWorkspaceSetting('maxFileSizeMB', 0.0005, async () => {
      const [d] = await waitForDiagnostics(uri, tooLarge, 15_000, 'analysis/file-too-large alone');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [0, 0, 0, 0]);
      assert.match(d.message, /^This file is \d+ KB, over the 1 KB limit of edpDesigner\.maxFileSizeMB, so it was not analyzed\. /);
      // edp-check on a file over its own cap (sparse: nothing written): the same rule, severity, range and sentence.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-e2e-too-large-'));
      try {
        const big = path.join(dir, 'big.edp.json');
        fs.writeFileSync(big, '');
        fs.truncateSync(big, 51 * 1024 * 1024);
        const [f] = cliReport(big).findings;
        assert.deepEqual([f.rule, f.severity, f.range.start, f.range.end], ['analysis/file-too-large', 'warning', { line: 0, character: 0 }, { line: 0, character: 0 }]);
        assert.match(f.message, /^This file is 51 MB, over the 50 MB limit of edp-check, so it was not analyzed\. /);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      await withWorkspaceSetting('rules', { 'analysis/file-too-large': 'error' }, async () => {
        await waitForDiagnostics(uri, (ds) => tooLarge(ds) && ds[0].severity === vscode.DiagnosticSeverity.Error, 15_000, 'the re-graded finding');
      });
    });
    await waitForDiagnostics(uri, hasRule('schema/invalid'), 15_000, 'the findings back once the limit is lifted');
  });

  test('the structural quick fixes repair the misspelled key, and the finding goes', async () => {
    const editor = await openInEditor(uri);
    // Waited for: run alone (--grep), the file has just been opened and not analyzed yet.
    const ds = await waitForDiagnostics(uri, hasRule('schema/invalid'), 15_000, 'schema/invalid on the misspelled key');
    const d = ds.find((x) => ruleOf(x) === 'schema/invalid');
    assert.ok(d);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
    const rename = actions.find((a) => a.title === 'Rename "rxRingSzie" to "rxRingSize"');
    assert.ok(rename?.edit && rename.isPreferred, `a preferred rename; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.match(editor.document.getText(), /"rxRingSize": 1024/);
    await waitForDiagnostics(uri, (ds) => !hasRule('schema/invalid')(ds) && hasRule('ref/unknown-switch')(ds), 15_000, 'schema/invalid to go after the rename');
    await vscode.commands.executeCommand('undo');
  });

  test('a missing required property is inserted as a snippet: the cursor lands on the value', async () => {
    const editor = await openInEditor(uri);
    const doc = editor.document;
    const at = doc.getText().indexOf(', "speedGbps": 100');
    assert.ok(at > 0);
    const removed = new vscode.WorkspaceEdit();
    removed.delete(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + ', "speedGbps": 100'.length)));
    assert.ok(await vscode.workspace.applyEdit(removed));
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => /missing the required property "speedGbps"/.test(d.message)), 15_000, 'the missing speedGbps');
    const d = ds.find((x) => /missing the required property "speedGbps"/.test(x.message))!;
    // Only our diagnostics: VS Code's JSON service does not see edp-json documents.
    assert.ok(vscode.languages.getDiagnostics(uri).every((x) => ruleOf(x)), 'every diagnostic has a rule id');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
    const add = actions.find((a) => a.title === 'Add the required property "speedGbps"');
    assert.ok(add?.edit, `an insert fix; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    // The snippet's first tab stop (the value) is selected, ready to type over.
    assert.match(doc.getText(editor.selection), /^\d+$/, `the value is selected; selection is "${doc.getText(editor.selection)}"`);
    await waitForDiagnostics(uri, (x) => !x.some((y) => /speedGbps/.test(y.message)), 15_000, 'the finding to go after the insert');
    assert.match(doc.getText(), /"speedGbps": \d+/);
    await revertAndClose();
  });
});
