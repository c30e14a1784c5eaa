import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lacksRule, openInEditor, revertAndClose, waitForDiagnostics, withWorkspaceSetting } from './helpers';

/** What the command returns (src/extension/calibrate.ts CalibrationResult). */
interface CalibrationResult {
  changes: string[];
  basis: string;
}

suite('EDP: Calibrate Model from Measurements', () => {
  test('fits the traffic to the measured hit rate, says what changed, and the gap finding goes', async () => {
    const uri = fixtureUri('calibrate.edp.json');
    const doc = (await openInEditor(uri)).document;
    await waitForDiagnostics(uri, hasRule('measured/hit-rate-gap'), 20_000, 'measured/hit-rate-gap before calibrating');
    const before = doc.getText();

    const result = await vscode.commands.executeCommand<CalibrationResult>('edpDesigner.calibrate', { accept: true });
    assert.ok(result && result.changes.length === 1, 'the command says what it changed');
    assert.match(result.changes[0], /Switch "vds-edp" of esx01\.lab\.example: flows of its 1 vNIC ×/);
    assert.equal(result.basis, 'Model constants: the defaults (docs/MODEL.md).');
    assert.ok(doc.isDirty, 'edited in the editor, not saved behind the user\'s back');
    assert.notEqual(doc.getText(), before);
    assert.ok(doc.getText().startsWith('// Imported from esx01'), 'comments stay');
    await waitForDiagnostics(uri, lacksRule('measured/hit-rate-gap'), 20_000, 'no measured/hit-rate-gap after calibrating');
    await revertAndClose();
  });

  test('starts from the user\'s edpDesigner.model settings, as the findings do, and says so', async () => {
    // A smaller flow cache than the default: a calibration that ignored the setting would leave the gap.
    await withWorkspaceSetting('model', { flowCacheEntries: 1024 }, async () => {
      // a file of its own: a document closed by the test before may still be open in code-server, without a fresh analysis
      const uri = fixtureUri('calibrate-settings.edp.json');
      await openInEditor(uri);
      await waitForDiagnostics(uri, hasRule('measured/hit-rate-gap'), 20_000, 'measured/hit-rate-gap before calibrating');
      const result = await vscode.commands.executeCommand<CalibrationResult>('edpDesigner.calibrate', { accept: true });
      assert.ok(result, 'calibrated');
      assert.match(result.basis, /flowCacheEntries = 1024 \(edpDesigner\.model setting\)/);
      await waitForDiagnostics(uri, lacksRule('measured/hit-rate-gap'), 20_000, 'no measured/hit-rate-gap under the settings after calibrating');
      await revertAndClose();
    });
  });
});
