import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lacksRule, openInEditor, revertAndClose, waitForDiagnostics, withWorkspaceSetting } from './helpers';

// The test workspace is trusted (code-server runs with --disable-workspace-trust), so a
// workspace NIC catalog named in edpDesigner.catalogs takes part in the readiness rules.
suite('edpDesigner.catalogs (workspace NIC catalogs)', () => {
  const uri = fixtureUri('catalog/catalog.edp.json');

  suiteSetup(async () => {
    await openInEditor(uri);
    await waitForDiagnostics(uri, lacksRule('readiness/driver-too-old'), 15_000, 'the bundled catalog to accept icen 1.14.2.0');
  });
  suiteTeardown(revertAndClose);

  test('a catalog with a newer icen minimum makes the driver too old, naming its source; removing it clears that', async () => {
    assert.ok(vscode.workspace.isTrusted, 'the e2e workspace is trusted');
    await withWorkspaceSetting('catalogs', ['test/e2e/fixtures/catalog/lab-nics.json'], async () => {
      const ds = await waitForDiagnostics(uri, hasRule('readiness/driver-too-old'), 15_000, 'readiness/driver-too-old from the lab catalog');
      const tooOld = ds.find((d) => d.message.includes('1.20.0.0'));
      assert.ok(tooOld, 'the message gives the catalog minimum');
      assert.match(tooOld.message, /lab qualification/);
    });
    await waitForDiagnostics(uri, lacksRule('readiness/driver-too-old'), 15_000, 'the finding to go with the catalog setting');
  });
});
