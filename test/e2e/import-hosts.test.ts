import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { fixtureUri, hasRule, openInEditor, revertAndClose, stubWindow, waitForDiagnostics } from './helpers';

import type { HostsImportResult } from '../../src/extension/importHosts';

type Host = { name: string; numaNodes: unknown[]; switches: { name: string; mode?: string; mtu?: number; lcores?: unknown; uplinks?: string[]; measured?: { lcores: unknown[] } }[] };

suite('EDP: Import Hosts…', () => {
  test('imports a folder of ESXi command output and opens the result with its findings', async () => {
    // A collect.sh file of a host whose uplinks sit on two NUMA nodes (read, never written).
    const folder = fixtureUri('import-hosts');
    const result = await vscode.commands.executeCommand<HostsImportResult>('edpDesigner.importHosts', folder, undefined, { into: false });
    assert.ok(result, 'the command returns what it imported');
    assert.deepEqual(result.hosts, ['esx01.lab.example']);
    assert.deepEqual(result.kinds.map((k) => k.kind), ['esxi']);

    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'the result is open');
    assert.equal(doc.uri.toString(), result.uri);
    assert.ok(doc.isUntitled, 'untitled until the user saves it');
    assert.equal(doc.uri.path.split('/').pop(), 'imported.edp.json');
    assert.equal(doc.languageId, 'edp-json');
    const host = (parse(doc.getText()) as { hosts: Host[] }).hosts[0];
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

  test('imports a folder of real ENS diagnostics (pcccpod055-c04) into a design that matches the host, with its findings', async () => {
    // The checkout's real collection (test/fixtures/import/real/README.md): read from out/test/e2e, never written.
    const folder = vscode.Uri.file(path.resolve(__dirname, '../../../test/fixtures/import/real/pcccpod055-c04'));
    const result = await vscode.commands.executeCommand<HostsImportResult>('edpDesigner.importHosts', folder, undefined, { into: false });
    assert.ok(result, 'the command returns what it imported');
    assert.deepEqual(result.hosts, ['pcccpod055-c04.seln.ete.ericsson.se']);
    assert.deepEqual(result.kinds.map((k) => k.kind), ['esxi', 'esxi', 'esxi']);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === result.uri && doc.isUntitled, 'the result is open, untitled');
    type RealHost = Host & { cpu: Record<string, unknown>; nics: { name: string; numaNode?: number }[] };
    const host = (parse(doc.getText()) as { hosts: RealHost[] }).hosts[0];
    // CPU and NUMA nodes (2 packages, 2 nodes: the format's one node per socket), NIC locality, the EDP switch, lcores, measurement.
    assert.deepEqual([host.cpu.model, host.cpu.sockets, host.cpu.coresPerSocket, host.cpu.threadsPerCore], ['Intel(R) Xeon(R) Platinum 8160 CPU @ 2.10GHz', 2, 24, 2]);
    assert.deepEqual(host.nics.map((n) => [n.name, n.numaNode]), [['vmnic2', undefined], ['vmnic3', undefined], ['vmnic6', 0], ['vmnic7', 0], ['vmnic8', 1], ['vmnic9', 1]]);
    const edp = host.switches[0];
    assert.deepEqual([edp.name, edp.mode, edp.mtu, edp.uplinks], ['VDS7-TRAFFIC', 'edp-performance', 9000, ['vmnic6', 'vmnic7', 'vmnic8', 'vmnic9']]);
    assert.deepEqual(edp.lcores, [{ numaNode: 0, count: 4 }, { numaNode: 1, count: 4 }]);
    assert.equal(edp.measured?.lcores.length, 8);
    // What the collection lacks (the L3 size) is a finding in the editor, never a guess.
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => /"llcMiB"/.test(x.message)), 20_000, 'the missing llcMiB as a finding');
    assert.ok(ds.length > 0);
    await revertAndClose();
  });

  test('from the palette: the folder picked in the dialog becomes a new topology, notes and findings included', async () => {
    // Another team's collection: three outputs that lack the clock, the L3 size and the uplinks, and a README.
    const folder = fixtureUri('import-gaps');
    const asked: vscode.OpenDialogOptions[] = [];
    const restore = stubWindow('showOpenDialog', (options: vscode.OpenDialogOptions) => {
      asked.push(options);
      return Promise.resolve([folder]);
    });
    let result: HostsImportResult | undefined;
    try {
      result = await vscode.commands.executeCommand<HostsImportResult>('edpDesigner.importHosts', undefined, undefined, { into: false });
    } finally {
      restore();
    }
    assert.equal(asked.length, 1, 'the dialog was shown');
    assert.ok(asked[0].canSelectFiles && asked[0].canSelectFolders && asked[0].canSelectMany, 'files or folders, several at once');
    assert.ok(result, 'imported');
    assert.equal(result.into, false);
    assert.deepEqual(result.hosts, ['esx02.lab.example']);
    assert.deepEqual(result.kinds.map((k) => k.kind), ['esxi', 'esxi', 'esxi', undefined]);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === result.uri && doc.isUntitled);
    const host = (parse(doc.getText()) as { hosts: (Host & { cpu: Record<string, unknown> })[] }).hosts[0];
    assert.equal(host.cpu.ghz, undefined, 'never invented');
    assert.equal(host.switches[0].uplinks, undefined, 'never invented');
    // the README in the folder is skipped with a note; what no output says is a note and a finding
    assert.ok(result.notes.some((n) => /import-gaps\/README\.md: not a host description of a known kind, skipped\./.test(n)), result.notes.join('\n'));
    assert.ok(result.notes.some((n) => /esx02\.lab\.example: cpu\.ghz is in none of the inputs/.test(n)), result.notes.join('\n'));
    assert.ok(result.notes.some((n) => /switch DvsPortset-0 has no uplinks in the inputs/.test(n)), result.notes.join('\n'));
    const ds = await waitForDiagnostics(doc.uri, (d) => d.filter((x) => /"ghz"|"uplinks"/.test(x.message)).length >= 2, 20_000, 'findings for the missing ghz and uplinks');
    assert.ok(ds.length >= 2);
    await revertAndClose();
  });

  test('with a design open: merged into it (the user picks "Merge into"); an NSX profile fills its cluster\'s hosts, differences listed', async () => {
    const design = fixtureUri('import-into/rack.edp.json');
    const editor = await openInEditor(design);
    const before = editor.document.getText();
    const nsx = fixtureUri('import-nsx');
    const restoreDialog = stubWindow('showOpenDialog', () => Promise.resolve([nsx]));
    const offered: string[] = [];
    const restorePick = stubWindow('showQuickPick', (items: (vscode.QuickPickItem & { into: boolean })[]) => {
      offered.push(...items.map((i) => i.label));
      return Promise.resolve(items.find((i) => i.into));
    });
    let result: HostsImportResult | undefined;
    try {
      result = await vscode.commands.executeCommand<HostsImportResult>('edpDesigner.importHosts');
    } finally {
      restoreDialog();
      restorePick();
    }
    assert.deepEqual(offered, ['$(merge) Merge into rack.edp.json', '$(new-file) New topology file']);
    assert.ok(result, 'imported');
    assert.equal(result.into, true);
    assert.equal(result.uri, design.toString());
    assert.deepEqual(result.kinds.map((k) => k.kind), ['nsx', 'nsx', 'nsx']);
    const doc = editor.document;
    assert.ok(doc.isDirty, 'edited in the editor, not saved behind the user\'s back');
    assert.ok(doc.getText().includes('// written by hand: the MTU differs'), 'comments stay');
    const [a01, b01] = (parse(doc.getText()) as { hosts: Host[] }).hosts;
    // the profile, attached to cluster edge-a by its collection, fills what the design left out
    assert.equal(a01.switches[0].mode, 'edp-performance');
    assert.deepEqual(a01.switches[0].lcores, [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }]);
    // what the user wrote stays, and the difference is listed
    assert.equal(a01.switches[0].mtu, 1600);
    assert.deepEqual(result.conflicts, ['hosts/0/switches/0/mtu: the design has 1600, NSX transport node profile "tnp-prod" 9000 (kept the design\'s)']);
    assert.ok(result.notes.includes('NSX: Transport node profile "tnp-prod" fills the switches of esx-a01 (attached to cluster "edge-a" by its transport node collection).'), result.notes.join('\n'));
    // cluster edge-b is not the profile's
    assert.deepEqual(b01.switches.map((s) => s.name), ['vds-std']);
    assert.notEqual(doc.getText(), before);
    // the kept MTU is still a finding of the merged design
    await waitForDiagnostics(design, hasRule('readiness/mtu'), 20_000, 'readiness/mtu on the kept MTU');
    await revertAndClose();
  });

  test('a picked file of no known kind: a clear error naming it and the kinds the import reads, before any question, nothing changed', async () => {
    const design = fixtureUri('import-into/rack.edp.json');
    const editor = await openInEditor(design);
    const asked: unknown[] = [];
    const restorePick = stubWindow('showQuickPick', (items: unknown) => {
      asked.push(items);
      return Promise.resolve(undefined);
    });
    const messages: string[] = [];
    const restoreDialog = stubWindow('showOpenDialog', () => Promise.resolve([fixtureUri('import/not-hwloc.xml')]));
    const restoreError = stubWindow('showErrorMessage', (message: string) => {
      messages.push(String(message));
      return Promise.resolve(undefined);
    });
    const editorBefore = vscode.window.activeTextEditor?.document.uri.toString();
    let result: HostsImportResult | undefined;
    try {
      result = await vscode.commands.executeCommand<HostsImportResult>('edpDesigner.importHosts');
    } finally {
      restoreDialog();
      restoreError();
      restorePick();
    }
    assert.equal(result, undefined);
    assert.deepEqual(asked, [], 'not asked where the hosts go');
    assert.ok(!editor.document.isDirty, 'the open design is untouched');
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], /not-hwloc\.xml is not a kind of host description Import Hosts reads\. It reads: hwloc XML; vSphere HostSystem \/ VirtualMachine JSON; NSX transport node, transport node profile, uplink profile or collection JSON; ESXi command output\./);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editorBefore, 'nothing opened');
    await revertAndClose();
  });
});
