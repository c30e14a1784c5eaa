import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lacksRule, openInEditor, revertAndClose, ruleOf, waitForDiagnostics, withWorkspaceSetting } from './helpers';

suite('edpDesigner.rules setting', () => {
  const uri = fixtureUri('settings.edp.json');
  const unknownNic = (ds: vscode.Diagnostic[]) => ds.find((d) => ruleOf(d) === 'ref/unknown-nic');

  suiteSetup(async () => {
    await openInEditor(uri);
    const ds = await waitForDiagnostics(uri, hasRule('ref/unknown-nic'));
    assert.equal(unknownNic(ds)!.severity, vscode.DiagnosticSeverity.Error, 'ref/unknown-nic is an error by default');
  });
  suiteTeardown(revertAndClose);

  test('"off" removes the rule\'s diagnostic, and it comes back when the setting is removed', async () => {
    await withWorkspaceSetting('rules', { 'ref/unknown-nic': 'off' }, async () => {
      await waitForDiagnostics(uri, lacksRule('ref/unknown-nic'), 15_000, 'ref/unknown-nic to be turned off');
    });
    await waitForDiagnostics(uri, hasRule('ref/unknown-nic'), 15_000, 'ref/unknown-nic to be back after the setting was removed');
  });

  test('"warning" regrades the rule', async () => {
    await withWorkspaceSetting('rules', { 'ref/unknown-nic': 'warning' }, async () => {
      await waitForDiagnostics(uri, (ds) => unknownNic(ds)?.severity === vscode.DiagnosticSeverity.Warning, 15_000, 'ref/unknown-nic as a warning');
    });
    await waitForDiagnostics(uri, (ds) => unknownNic(ds)?.severity === vscode.DiagnosticSeverity.Error, 15_000, 'ref/unknown-nic back to an error');
  });
});
