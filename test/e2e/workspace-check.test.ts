import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lineOf, ruleOf, waitForDiagnostics } from './helpers';

// Runs last (files load in name order): it fills diagnostics for every file, open or not.
suite('EDP: Check All Topology Files in Workspace', () => {
  test('reports problems in files that are not open', async () => {
    const uri = fixtureUri('unopened/never-opened.edp.json');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the fixture is not open');

    // the command may end with a notification it waits on; the diagnostics are what matter
    const command = Promise.resolve(vscode.commands.executeCommand('edpDesigner.checkWorkspace'));
    command.catch(() => {});
    const ds = await waitForDiagnostics(uri, hasRule('ref/unknown-switch'), 30_000, 'the workspace check to report ref/unknown-switch');

    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const d = ds.find((x) => ruleOf(x) === 'ref/unknown-switch')!;
    assert.equal(d.range.start.line, lineOf(text, '"vds-typo"'));
  });
});
