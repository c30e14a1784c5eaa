import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  edpDiagnostics,
  fixtureUri,
  hasRule,
  lacksRule,
  lineOf,
  openInEditor,
  revertAndClose,
  ruleOf,
  SOURCE,
  waitForDiagnostics,
} from './helpers';

suite('diagnostics in a real editor', () => {
  test('opening an *.edp.json file activates the extension and shows ref/* errors where the mistakes are', async () => {
    const uri = fixtureUri('open.edp.json');
    const editor = await openInEditor(uri);
    assert.equal(editor.document.languageId, 'edp-json', '*.edp.json files open in the EDP Topology language');
    const ds = await waitForDiagnostics(uri, (d) => hasRule('ref/unknown-nic')(d) && hasRule('ref/unknown-switch')(d));
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, `${EXTENSION_ID} is active`);

    const text = editor.document.getText();
    const nic = ds.find((d) => ruleOf(d) === 'ref/unknown-nic')!;
    assert.equal(nic.source, SOURCE);
    assert.equal(nic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(nic.range.start.line, lineOf(text, '"vmnic9"'), 'squiggle on the uplink that names no NIC');
    assert.match(nic.message, /vmnic9/);
    const code = nic.code as { value: string; target: vscode.Uri };
    assert.equal(typeof code, 'object', 'the rule id links to its documentation');
    assert.ok(code.target.toString().length > 0);

    const sw = ds.find((d) => ruleOf(d) === 'ref/unknown-switch')!;
    assert.equal(sw.range.start.line, lineOf(text, '"vds-missing"'), 'squiggle on the vNIC switch name');
    await revertAndClose();
  });

  test('editing the text updates the diagnostics after the debounce, without saving', async () => {
    const uri = fixtureUri('edit.edp.json');
    const editor = await openInEditor(uri);
    await waitForDiagnostics(uri, hasRule('ref/unknown-nic'));
    const doc = editor.document;
    const line = lineOf(doc.getText(), '"vmnic9"');
    const col = doc.lineAt(line).text.indexOf('vmnic9');
    const range = new vscode.Range(line, col, line, col + 'vmnic9'.length);

    const fix = new vscode.WorkspaceEdit();
    fix.replace(uri, range, 'vmnic4');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitForDiagnostics(uri, lacksRule('ref/unknown-nic'), 15_000, 'ref/unknown-nic to go away after fixing the uplink');
    assert.ok(doc.isDirty, 'the fix was checked as typed, not on save');

    const breakAgain = new vscode.WorkspaceEdit();
    breakAgain.replace(uri, range, 'vmnicX');
    assert.ok(await vscode.workspace.applyEdit(breakAgain));
    const ds = await waitForDiagnostics(uri, hasRule('ref/unknown-nic'), 15_000, 'ref/unknown-nic to come back');
    assert.match(ds.find((d) => ruleOf(d) === 'ref/unknown-nic')!.message, /vmnicX/);
    await revertAndClose();
  });

  test('closing the document clears its diagnostics', async () => {
    const uri = fixtureUri('close.edp.json');
    // opened the way a user does (not workspace.openTextDocument, whose reference keeps the
    // document alive for minutes after its editor closed, so no close event would come)
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForDiagnostics(uri, hasRule('ref/unknown-nic'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitForDiagnostics(uri, (d) => d.length === 0, 20_000, 'the diagnostics to be cleared after closing');
    assert.deepEqual(edpDiagnostics(uri), []);
  });

  test('reopening a file whose document VS Code still holds brings its diagnostics back', async () => {
    const uri = fixtureUri('close.edp.json');
    // workspace.openTextDocument keeps the document alive after its tab closes, as VS Code does
    // for a while after a user closes a tab: reopening it then fires no open event.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitForDiagnostics(uri, hasRule('ref/unknown-nic'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitForDiagnostics(uri, (d) => d.length === 0, 20_000, 'the diagnostics to be cleared with the last tab');
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitForDiagnostics(uri, hasRule('ref/unknown-nic'), 15_000, 'the diagnostics back with the reopened tab');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
