import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lacksRule, openInEditor, revertAndClose, ruleOf, stubWindow, waitForDiagnostics, withWorkspaceSetting } from './helpers';

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
      const [gap] = (await waitForDiagnostics(uri, hasRule('measured/hit-rate-gap'), 20_000, 'measured/hit-rate-gap before calibrating')).filter((d) => ruleOf(d) === 'measured/hit-rate-gap');
      // as the user meets it: the quick fix on the finding, then "Apply" in the dialog that shows the change
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, gap.range)) ?? [];
      const fix = actions.find((a) => a.title === 'Calibrate the traffic to the measurement…');
      assert.ok(fix?.command, `the quick fix is offered: ${JSON.stringify(actions.map((a) => a.title))}`);
      const shown: string[] = [];
      const restore = stubWindow('showInformationMessage', (message: string, options: unknown, ...items: unknown[]) => {
        shown.push(`${message} ${(options as { detail?: string })?.detail ?? ''}`);
        return Promise.resolve(typeof options === 'object' && options && (options as { modal?: boolean }).modal ? items[0] : undefined);
      });
      let result: CalibrationResult | undefined;
      try {
        result = await vscode.commands.executeCommand<CalibrationResult>(fix.command.command, ...(fix.command.arguments ?? []));
      } finally {
        restore();
      }
      assert.ok(result, 'calibrated');
      assert.match(result.basis, /flowCacheEntries = 1024 \(edpDesigner\.model setting\)/);
      assert.match(shown[0], /Calibrate the traffic to the measurements\? .*flows of its 1 vNIC.*flowCacheEntries = 1024 \(edpDesigner\.model setting\)/s, 'the dialog shows the change and the constants');
      await waitForDiagnostics(uri, lacksRule('measured/hit-rate-gap'), 20_000, 'no measured/hit-rate-gap under the settings after calibrating');
      await revertAndClose();
    });
  });
});
