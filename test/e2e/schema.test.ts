import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hoverTexts, lineOf, openInEditor, positionIn, revertAndClose } from './helpers';

/** Labels VS Code offers at `position`, from every completion provider (here: the in-process JSON service with our schema). */
async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

// *.edp.json is EDP Topology (JSONC): the extension runs vscode-json-languageservice with
// schemas/topology.schema.json for completion, hover, outline and folding; its validation is off.
suite('schema: completion and hover in *.edp.json', () => {
  const uri = fixtureUri('schema.edp.json');
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    editor = await openInEditor(uri);
    assert.equal(editor.document.languageId, 'edp-json', '*.edp.json opens as EDP Topology');
  });
  suiteTeardown(revertAndClose);

  test('a new key inside a switch completes the switch properties the schema lists', async () => {
    // An empty line inside the switch object, after "name": a property may start there.
    const line = lineOf(editor.document.getText(), '"name": "vds-edp"');
    await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '          \n'));
    const labels = await completionLabels(uri, new vscode.Position(line + 1, 10));
    for (const key of ['mode', 'rxRingSize', 'lcoreAssignment']) assert.ok(labels.some((l) => l.includes(key)), `completion offers ${key}; got ${JSON.stringify(labels)}`);
    await vscode.commands.executeCommand('undo');
  });

  test('the switch mode value completes the four modes', async () => {
    const line = lineOf(editor.document.getText(), '"name": "vds-edp"');
    await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '          "mode": ,\n'));
    const labels = await completionLabels(uri, new vscode.Position(line + 1, 18));
    for (const mode of ['standard', 'edp-standard', 'edp-performance', 'edp-dedicated']) {
      assert.ok(labels.some((l) => l.replace(/"/g, '') === mode), `completion offers ${mode}; got ${JSON.stringify(labels)}`);
    }
    await vscode.commands.executeCommand('undo');
  });

  test('hovering a key shows its description from the schema', async () => {
    const texts = await hoverTexts(uri, positionIn(editor.document, '"mtu"'));
    assert.ok(texts.some((t) => /MTU/i.test(t) && t.length > 20), `a schema hover on "mtu"; got ${JSON.stringify(texts)}`);
  });
});

suite('schema: outline, folding and no second set of diagnostics', () => {
  const uri = fixtureUri('schema.edp.json');
  suiteTeardown(revertAndClose);

  test('the outline shows hosts, switches and VMs; the objects fold', async () => {
    await openInEditor(uri);
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    const hosts = symbols.find((s) => s.name === 'hosts');
    assert.ok(hosts?.children.length, `hosts in the outline; got ${JSON.stringify(symbols.map((s) => s.name))}`);
    const names = JSON.stringify(hosts.children.flatMap((h) => h.children.map((c) => c.name)));
    for (const key of ['nics', 'switches']) assert.ok(names.includes(key), `${key} under a host: ${names}`);
    const folds = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri)) ?? [];
    assert.ok(folds.length > 3, `folding ranges; got ${folds.length}`);
  });
});
