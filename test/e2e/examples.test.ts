import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { analyze } from '../../src/core/analyze';
import { edpDiagnostics, hasRule, openInEditor, revertAndClose, ruleOf, waitForDiagnostics, workspaceUri } from './helpers';

/** The example a new user opens first; it must show no errors. */
const CLEAN_EXAMPLE = /^rack-a\.edp\.json$/;

const examplesDir = workspaceUri('examples');
const examples = fs.existsSync(examplesDir.fsPath) ? fs.readdirSync(examplesDir.fsPath).filter((f) => f.endsWith('.edp.json')).sort() : [];

/** rule@line, comparable between the core's findings and the editor's diagnostics. */
const key = (rule: string | undefined, line: number) => `${rule}@${line + 1}`;

suite('examples/', () => {
  test('there are examples, and one of them is the clean one', () => {
    assert.ok(examples.length >= 3, `examples/ has ${examples.length} *.edp.json files`);
    assert.ok(examples.some((f) => CLEAN_EXAMPLE.test(f)), `one of ${examples.join(', ')} matches ${CLEAN_EXAMPLE}`);
  });

  for (const name of examples) {
    test(`${name} opens and shows the same findings as the core (edp-check)`, async function () {
      this.timeout(90_000); // the generated 48-host example takes seconds to analyze, twice
      const uri = vscode.Uri.joinPath(examplesDir, name);
      const editor = await openInEditor(uri);
      const text = editor.document.getText();
      const expected = analyze(text).findings.map((f) => key(f.rule, f.range?.start.line ?? 0)).sort();
      if (CLEAN_EXAMPLE.test(name)) {
        assert.deepEqual(
          analyze(text).findings.filter((f) => f.severity === 'error').map((f) => f.rule),
          [],
          'the clean example has no errors, schema included',
        );
      }
      if (expected.length > 0) {
        const actual = () => edpDiagnostics(uri).map((d) => key(ruleOf(d), d.range.start.line)).sort();
        await waitForDiagnostics(uri, () => JSON.stringify(actual()) === JSON.stringify(expected), 40_000, `${expected.length} findings: ${expected.join(', ')}`);
      } else {
        // No findings gives no event to wait for: rename an uplink, see the reference error, undo,
        // see it clear.
        const uplink = /"uplinks"\s*:\s*\[\s*"([^"]+)"/.exec(text);
        assert.ok(uplink, `${name} has a switch with an uplink to break`);
        const at = editor.document.positionAt(uplink.index + uplink[0].length - 1);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, at, '-e2e');
        assert.ok(await vscode.workspace.applyEdit(edit));
        await waitForDiagnostics(uri, hasRule('ref/unknown-nic'), 15_000, 'ref/unknown-nic for the renamed uplink');
        const undo = new vscode.WorkspaceEdit();
        undo.delete(uri, new vscode.Range(at, at.translate(0, 4)));
        assert.ok(await vscode.workspace.applyEdit(undo));
        assert.equal(editor.document.getText(), text);
        await waitForDiagnostics(uri, (ds) => ds.length === 0, 15_000, 'no findings once the text is restored');
      }
      await revertAndClose();
    });
  }
});
