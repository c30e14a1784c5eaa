import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { fixtureUri, hasRule, revertAndClose, waitForDiagnostics } from './helpers';

/** What the command returns (src/extension/importHosts.ts HostsImportResult). */
interface HostsImportResult {
  uri: string;
  hosts: string[];
  notes: string[];
  kinds: { name: string; kind: string | undefined }[];
}

suite('EDP: Import Hosts…', () => {
  test('imports a folder of ESXi command output and opens the result with its findings', async () => {
    // A collect.sh file of a host whose uplinks sit on two NUMA nodes (read, never written).
    const folder = fixtureUri('import-hosts');
    const result = await vscode.commands.executeCommand<HostsImportResult>('edpDesigner.importHosts', folder);
    assert.ok(result, 'the command returns what it imported');
    assert.deepEqual(result.hosts, ['esx01.lab.example']);
    assert.deepEqual(result.kinds.map((k) => k.kind), ['esxi']);

    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'the result is open');
    assert.equal(doc.uri.toString(), result.uri);
    assert.ok(doc.isUntitled, 'untitled until the user saves it');
    assert.equal(doc.uri.path.split('/').pop(), 'imported.edp.json');
    const host = (parse(doc.getText()) as { hosts: { numaNodes: unknown[]; switches: { name: string; mode: string; mtu: number; lcores: unknown; measured?: { lcores: unknown[] } }[] }[] }).hosts[0];
    assert.equal(host.numaNodes.length, 2);
    assert.equal(host.switches[0].mode, 'edp-performance');
    assert.equal(host.switches[0].mtu, 9000);
    assert.deepEqual(host.switches[0].lcores, [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }]);
    assert.equal(host.switches[0].measured?.lcores.length, 4);

    // The host's own mistake is a finding in the editor.
    const ds = await waitForDiagnostics(doc.uri, hasRule('numa/uplinks-split'), 20_000, 'numa/uplinks-split on the imported host');
    assert.ok(ds.length > 0);
    await revertAndClose();
  });
});
