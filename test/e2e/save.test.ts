import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lacksRule, lineOf, openInEditor, waitForDiagnostics, withWorkspaceSetting } from './helpers';

/** Lenses come without their command until resolved (VS Code resolves those on screen): resolve them all. */
const RESOLVE_ALL = 1000;

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, RESOLVE_ALL)) ?? [];
  return lenses.map((l) => l.command?.title ?? '');
}

// With edpDesigner.run = onSave, the model is recomputed when the file is saved, not while typing.
suite('editing a vNIC\'s flows updates the model on save', () => {
  const uri = fixtureUri('save.edp.json');

  test('more flows than the cache holds: nothing changes while typing, the hit-rate finding and the lens follow the save', async () => {
    await withWorkspaceSetting('run', 'onSave', async () => {
      const editor = await openInEditor(uri);
      await waitForDiagnostics(uri, lacksRule('flowcache/low-hit-rate'), 15_000, 'the clean fixture');
      const before = await lensTitles(uri);
      assert.match(before[0] ?? '', /hit 9\d\.\d+%/, `a high hit rate first; got ${JSON.stringify(before)}`);

      // fw-1's 20000 flows become 2 million: far more than 65536 entries per lcore.
      const line = lineOf(editor.document.getText(), '"flows": 20000');
      const col = editor.document.lineAt(line).text.indexOf('20000');
      await editor.edit((b) => b.replace(new vscode.Range(line, col, line, col + 5), '2000000'));
      assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'flowcache/low-hit-rate'), 'not before the save');

      await editor.document.save();
      await waitForDiagnostics(uri, hasRule('flowcache/low-hit-rate'), 15_000, 'flowcache/low-hit-rate after the save');
      const after = await lensTitles(uri);
      assert.notDeepEqual(after, before, 'the lens shows the new figures');
      const hit = Number(/hit (\d+(?:\.\d+)?)%/.exec(after[0] ?? '')?.[1]);
      assert.ok(hit < 90, `the lens hit rate drops below the 90% threshold; got ${JSON.stringify(after)}`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
});
