import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze } from '../../src/core/analyze';
import { hasNoErrors, revertAndClose, waitForDiagnostics } from './helpers';

suite('EDP: New Topology File', () => {
  test('opens an untitled JSONC topology that passes the checks', async () => {
    const before = vscode.window.activeTextEditor?.document;
    await vscode.commands.executeCommand('edpDesigner.newTopology');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc !== before, 'the command opened an editor');
    assert.ok(doc.isUntitled, 'the new file is untitled until the user saves it');
    assert.equal(doc.languageId, 'edp-json');
    // checked by the core directly, so it does not depend on whether the extension analyzes untitled files
    const analysis = analyze(doc.getText());
    const errors = analysis.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => `${f.rule}: ${f.message}`), [], 'the template has no errors');
    assert.ok(analysis.topology && analysis.topology.hosts.length >= 1, 'the template describes at least one host');
    // the editor checks the untitled file too: its diagnostics must end up free of errors
    await waitForDiagnostics(doc.uri, hasNoErrors, 15_000, 'no errors on the new file');
    await revertAndClose();
  });
});
