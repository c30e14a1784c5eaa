import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze, exportDesign, readNsxJson } from '../../src/core';
import { fixtureUri, openInEditor, revertAndClose, workspaceUri } from './helpers';

/** What the command returns (src/extension/exportNsx.ts NsxExport). */
type NsxExport =
  | { exported: true; format: string; uri: string; warnings: number; placeholders: string[] }
  | { exported: false; reason: string; errors: { rule: string; message: string; line: number }[] };

const textOf = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

/** The export the core makes of the file's text, as the CLI would: the expectation, made without the extension. */
async function coreExport(uri: vscode.Uri, format: 'nsx-policy' | 'terraform', text?: string): Promise<string> {
  const result = exportDesign(analyze(text ?? (await textOf(uri))), format, { source: uri.path.split('/').pop() });
  assert.ok(result.ok, 'the core exports the design');
  return result.text;
}

/**
 * Answers the command's quick pick with a workbench command (accept the selected item, or close
 * it): the API cannot tell when the pick is shown, and before that the command does nothing, so
 * it is sent until the export command returns.
 */
async function answerQuickPick<T>(running: Thenable<T>, answer: string, timeoutMs = 20_000): Promise<T> {
  let done = false;
  const result = Promise.resolve(running).finally(() => {
    done = true;
  });
  for (const end = Date.now() + timeoutMs; !done && Date.now() < end;) {
    await vscode.commands.executeCommand(answer);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(done, `the quick pick was answered with ${answer} within ${timeoutMs} ms`);
  return result;
}

suite('EDP: Export Design as NSX Configuration', () => {
  teardown(async () => {
    // Close what the test opened (untitled exports included) without a save prompt.
    for (let i = 0; i < 5 && vscode.window.activeTextEditor; i++) await revertAndClose();
  });

  test('NSX Policy JSON of examples/rack-a.edp.json opens in an untitled JSON editor and reads back the design', async () => {
    const uri = workspaceUri('examples', 'rack-a.edp.json');
    const result = await vscode.commands.executeCommand<NsxExport>('edpDesigner.exportNsx', uri, 'nsx-policy');
    assert.ok(result?.exported, `exported: ${JSON.stringify(result)}`);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'an editor is active');
    assert.equal(doc.uri.toString(), result.uri);
    assert.ok(doc.isUntitled, 'nothing is written to disk until the user saves');
    assert.equal(doc.uri.path.split('/').pop(), 'rack-a.nsx.json', 'Save proposes a name after the design');
    assert.equal(doc.languageId, 'json');
    assert.equal(doc.getText(), await coreExport(uri, 'nsx-policy'));
    const [profile] = readNsxJson(doc.getText()).transportNodes;
    assert.deepEqual(profile.switches, [{ name: 'vds-edp', mode: 'edp-standard', uplinks: ['vmnic4'], lcores: [{ numaNode: 0, count: 4 }], mtu: 9000 }]);
    assert.ok(result.placeholders.includes('vds_uuid_vds_edp'));
  });

  test('Terraform from the explorer menu argument; an unsaved edit of the open design is exported', async () => {
    const uri = fixtureUri('export/unsaved.edp.json');
    const editor = await openInEditor(uri);
    const at = editor.document.getText().indexOf('"count": 4');
    assert.ok(at > 0);
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '"count": 4'.length)), '"count": 6'));
    assert.ok(editor.document.isDirty);

    const result = await vscode.commands.executeCommand<NsxExport>('edpDesigner.exportNsx', uri, 'terraform');
    assert.ok(result?.exported, `exported: ${JSON.stringify(result)}`);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === result.uri);
    assert.ok(doc.isUntitled);
    assert.equal(doc.uri.path.split('/').pop(), 'unsaved.tf');
    const hasTerraform = (await vscode.languages.getLanguages()).includes('terraform');
    assert.equal(doc.languageId, hasTerraform ? 'terraform' : 'plaintext');
    assert.equal(doc.getText(), await coreExport(uri, 'terraform', editor.document.getText()));
    assert.match(doc.getText(), /num_lcores\s+= 6/, 'the unsaved lcore count');
    // Nothing is written: the export is an untitled editor until the user saves it.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(uri, '..', 'unsaved.tf'))));
  });

  test('run without a format: the quick pick\'s first choice, NSX Policy JSON, opens in an editor', async () => {
    const uri = workspaceUri('examples', 'rack-a.edp.json');
    await openInEditor(uri);
    // As from the command palette: the active editor's design, the format asked in a quick pick.
    const running = vscode.commands.executeCommand<NsxExport>('edpDesigner.exportNsx');
    const result = await answerQuickPick(running, 'workbench.action.acceptSelectedQuickOpenItem');
    assert.ok(result?.exported, `exported: ${JSON.stringify(result)}`);
    assert.equal(result.format, 'nsx-policy');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === result.uri && doc.isUntitled);
    assert.equal(doc.getText(), await coreExport(uri, 'nsx-policy'));
  });

  test('the quick pick dismissed: nothing is exported, no editor opens', async () => {
    const uri = workspaceUri('examples', 'rack-a.edp.json');
    await openInEditor(uri);
    const before = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    const result = await answerQuickPick(vscode.commands.executeCommand<NsxExport>('edpDesigner.exportNsx', uri), 'workbench.action.closeQuickOpen');
    assert.equal(result, undefined);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the design stays the active editor');
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, before, 'no export document');
  });

  test('a design with errors is refused: no editor opens, the errors are returned', async () => {
    const uri = workspaceUri('examples', 'mistakes.edp.json');
    const before = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    const result = await vscode.commands.executeCommand<NsxExport>('edpDesigner.exportNsx', uri, 'nsx-policy');
    assert.ok(result && !result.exported, `refused: ${JSON.stringify(result)}`);
    const expected = analyze(await textOf(uri)).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(result.errors.map((e) => [e.rule, e.line]), expected.map((e) => [e.rule, e.range!.start.line + 1]));
    assert.match(result.reason, /errors/);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, before, 'no export document');
  });
});
