import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { EXTENSION_ID, fixtureUri, openInEditor, revertAndClose } from './helpers';

/** What the command returns (src/extension/importHwloc.ts HostImport). */
interface HostImport {
  uri: string;
  host: string;
  appended: boolean;
  notes: string[];
}

/** An lstopo export of a 2-socket machine ("conan"): 2 NUMA nodes of 8 cores, eth0/eth1 on node 1. Read from the checkout, never written. */
function hwlocXml(): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'hwloc', '32em64t-2n8c2t-pci-normalio.xml');
}

const commentLines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('//'));

interface ParsedHost {
  name: string;
  numaNodes?: { id: number; cores: number }[];
  nics: { name: string; numaNode: number }[];
}

/** The hosts as written: parsed as JSONC, since the imported host is not complete (hwloc knows no link speeds). */
const hostsIn = (text: string): ParsedHost[] => (parse(text) as { hosts: ParsedHost[] }).hosts;

function assertConan(host: ParsedHost | undefined): void {
  assert.ok(host, 'the imported host is in the document');
  assert.equal(host.name, 'conan', 'named as hwloc recorded it');
  assert.deepEqual(host.numaNodes?.map((n) => [n.id, n.cores]), [[0, 8], [1, 8]], '2 NUMA nodes of 8 cores');
  for (const name of ['eth0', 'eth1']) {
    assert.equal(host.nics.find((n) => n.name === name)?.numaNode, 1, `${name} is on NUMA node 1`);
  }
}

suite('EDP: Import Host from lstopo XML', () => {
  test('appends the host to the open topology file and keeps its comments', async () => {
    const uri = fixtureUri('import/target.edp.json');
    const doc = (await openInEditor(uri)).document;
    const before = doc.getText();
    const hostsBefore = hostsIn(before);

    const result = await vscode.commands.executeCommand<HostImport>('edpDesigner.importHwloc', hwlocXml());
    assert.ok(result, 'the command returns what it imported');
    assert.equal(result.appended, true);
    assert.equal(result.host, 'conan');
    assert.equal(result.uri, uri.toString());

    const after = doc.getText();
    assert.ok(doc.isDirty, 'appended to the editor, not saved behind the user\'s back');
    const hosts = hostsIn(after);
    assert.equal(hosts.length, hostsBefore.length + 1, 'one host more');
    assert.deepEqual(hosts[0], hostsBefore[0], 'the existing host is untouched');
    assertConan(hosts.at(-1));
    assert.deepEqual(commentLines(after), commentLines(before), 'every comment is still there');
    assert.equal(commentLines(before).length, 3);
    await revertAndClose();
  });

  test('with no topology file active, opens the host as an untitled imported.edp.json', async () => {
    // a scratch editor that is not a topology file: the import must not go into it
    const scratch = await vscode.workspace.openTextDocument({ content: 'scratch', language: 'plaintext' });
    await vscode.window.showTextDocument(scratch, { preview: false });

    const result = await vscode.commands.executeCommand<HostImport>('edpDesigner.importHwloc', hwlocXml());
    assert.ok(result, 'the command returns what it imported');
    assert.equal(result.appended, false);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc !== scratch, 'a new editor is active');
    assert.equal(doc.uri.toString(), result.uri);
    assert.ok(doc.isUntitled, 'untitled until the user saves it');
    assert.equal(doc.uri.path.split('/').pop(), 'imported.edp.json');
    assert.equal(doc.languageId, 'edp-json');
    assert.equal(scratch.getText(), 'scratch', 'the scratch editor is untouched');
    const hosts = hostsIn(doc.getText());
    assert.equal(hosts.length, 1);
    assertConan(hosts[0]);
    await revertAndClose();
    assert.equal(vscode.window.activeTextEditor?.document, scratch);
    await revertAndClose();
  });

  test('an XML file that is not an lstopo export changes nothing and returns undefined', async () => {
    const uri = fixtureUri('import/unchanged.edp.json');
    const doc = (await openInEditor(uri)).document;
    const version = doc.version;
    const text = doc.getText();
    const editors = vscode.window.visibleTextEditors.length;

    const result = await vscode.commands.executeCommand('edpDesigner.importHwloc', fixtureUri('import/not-hwloc.xml'));
    assert.equal(result, undefined);
    assert.equal(doc.version, version, 'the document was not edited');
    assert.equal(doc.getText(), text);
    assert.ok(!doc.isDirty);
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'no other editor was opened');
    assert.equal(vscode.window.visibleTextEditors.length, editors);
    await revertAndClose();
  });

  test('a device given as the XML file is refused before it is read (it would never end)', async function () {
    if (process.platform === 'win32') this.skip();
    const result = await vscode.commands.executeCommand('edpDesigner.importHwloc', vscode.Uri.file('/dev/zero'));
    assert.equal(result, undefined);
  });
});
