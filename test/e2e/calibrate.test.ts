import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lacksRule, openInEditor, revertAndClose, waitForDiagnostics } from './helpers';

suite('EDP: Calibrate Model from Measurements', () => {
  test('fits the traffic to the measured hit rate, says what changed, and the gap finding goes', async () => {
    const uri = fixtureUri('calibrate.edp.json');
    const doc = (await openInEditor(uri)).document;
    await waitForDiagnostics(uri, hasRule('measured/hit-rate-gap'), 20_000, 'measured/hit-rate-gap before calibrating');
    const before = doc.getText();

    const changes = await vscode.commands.executeCommand<string[]>('edpDesigner.calibrate', { accept: true });
    assert.ok(changes && changes.length === 1, 'the command says what it changed');
    assert.match(changes[0], /Switch "vds-edp" of esx01\.lab\.example: flows of its 1 vNIC ×/);
    assert.ok(doc.isDirty, 'edited in the editor, not saved behind the user\'s back');
    assert.notEqual(doc.getText(), before);
    assert.ok(doc.getText().startsWith('// Imported from esx01'), 'comments stay');
    await waitForDiagnostics(uri, lacksRule('measured/hit-rate-gap'), 20_000, 'no measured/hit-rate-gap after calibrating');
    await revertAndClose();
  });
});
