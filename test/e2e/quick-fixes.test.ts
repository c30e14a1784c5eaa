import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { edpDiagnostics, fixtureUri, hasRule, lacksRule, openInEditor, revertAndClose, ruleOf, waitForDiagnostics } from './helpers';

/** The light bulb's entries for `range`, as VS Code collects them from every provider. */
async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  // a bare Command has a string `command`; a CodeAction's is an object, if any
  return all.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

const commentLines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('//'));

function diagnosticOf(uri: vscode.Uri, rule: string): vscode.Diagnostic {
  const d = edpDiagnostics(uri).find((x) => ruleOf(x) === rule);
  assert.ok(d, `${rule} is shown`);
  return d;
}

/** Resolves once the cursor's line is in view: now, or on a later visible-ranges event (the reveal reaches the renderer asynchronously). */
function headingInView(editor: vscode.TextEditor, timeoutMs = 5_000): Promise<void> {
  const inView = () => editor.visibleRanges.some((r) => r.contains(editor.selection.active));
  if (inView()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const sub = vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      if (e.textEditor !== editor || !inView()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`line ${editor.selection.active.line + 1} is not in view: visible ${JSON.stringify(editor.visibleRanges.map((r) => [r.start.line + 1, r.end.line + 1]))}`));
    }, timeoutMs);
  });
}

suite('quick fixes', () => {
  test('the preferred fix of readiness/mtu, readiness/flow-table-size, numa/lcore-remote-nic and numa/vm-remote removes its finding', async () => {
    const uri = fixtureUri('quickfix-preferred.edp.json');
    const doc = (await openInEditor(uri)).document;
    const rules = ['readiness/mtu', 'readiness/flow-table-size', 'numa/lcore-remote-nic', 'numa/vm-remote'];
    await waitForDiagnostics(uri, (ds) => rules.every((r) => hasRule(r)(ds)), 15_000, `all of ${rules.join(', ')}`);
    const comments = commentLines(doc.getText());
    for (const rule of rules) {
      const actions = await codeActionsAt(uri, diagnosticOf(uri, rule).range);
      const preferred = actions.filter((a) => a.isPreferred && a.edit);
      assert.equal(preferred.length, 1, `${rule}: one preferred fix; got ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!));
      await waitForDiagnostics(uri, lacksRule(rule), 15_000, `${rule} to go away after "${preferred[0].title}"`);
    }
    assert.deepEqual(commentLines(doc.getText()), comments, 'the comments are still there');
    assert.match(doc.getText(), /"mtu": 9000/);
    assert.match(doc.getText(), /"entries": 8192/);
    await revertAndClose();
  });

  test('ref/unknown-nic: the preferred fix renames the misspelled uplink, the error goes, the comments stay', async () => {
    const uri = fixtureUri('quickfix-uplink.edp.json');
    const doc = (await openInEditor(uri)).document;
    await waitForDiagnostics(uri, hasRule('ref/unknown-nic'));
    const before = doc.getText();
    const actions = await codeActionsAt(uri, diagnosticOf(uri, 'ref/unknown-nic').range);
    const fix = actions.find((a) => a.title === 'Change to "vmnic5"');
    assert.ok(fix, `a fix to the closest NIC name; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true, 'the closest name is the preferred fix (Shift+Alt+. applies it)');
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    assert.ok(fix.edit, 'the fix is an edit');

    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, lacksRule('ref/unknown-nic'), 15_000, 'ref/unknown-nic to go away after the fix');
    const after = doc.getText();
    assert.match(after, /"uplinks": \["vmnic4", "vmnic5"\]/);
    assert.deepEqual(commentLines(after), commentLines(before), 'the comments are still there');
    assert.equal(after.split('\n').length, before.split('\n').length, 'only the name changed, not the layout');
    await revertAndClose();
  });

  test('flowcache/low-hit-rate: "Raise flowCache.entries to N" sets the size the finding asks for, and the finding goes', async () => {
    const uri = fixtureUri('quickfix-flowcache.edp.json');
    const doc = (await openInEditor(uri)).document;
    await waitForDiagnostics(uri, hasRule('flowcache/low-hit-rate'));
    const before = doc.getText();
    const d = diagnosticOf(uri, 'flowcache/low-hit-rate');
    const actions = await codeActionsAt(uri, d.range);
    const fix = actions.find((a) => /^Raise flowCache\.entries to \d+/.test(a.title));
    assert.ok(fix?.edit, `a fix raising the flow cache; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    const entries = Number(/to (\d+)/.exec(fix.title)![1]);
    assert.ok(d.message.includes(`Raise flowCache.entries to ${entries.toLocaleString('en-US')}`), `the fix and the message agree: "${fix.title}" / "${d.message}"`);

    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, lacksRule('flowcache/low-hit-rate'), 15_000, 'flowcache/low-hit-rate to go away after the fix');
    const after = doc.getText();
    assert.match(after, new RegExp(`"flowCache": \\{ "entries": ${entries} \\}`));
    assert.deepEqual(commentLines(after), commentLines(before), 'the comments are still there');
    await revertAndClose();
  });

  test('every EDP diagnostic offers "Disable rule" and "Show documentation", which opens the rule\'s section', async () => {
    const uri = fixtureUri('quickfix-every-rule.edp.json');
    await openInEditor(uri);
    const ds = await waitForDiagnostics(uri, (x) => hasRule('ref/unknown-nic')(x) && hasRule('flowcache/low-hit-rate')(x) && hasRule('numa/vm-remote')(x));
    const rules = new Set(ds.map((d) => ruleOf(d)!));
    assert.ok(rules.size >= 6, `the copy of mistakes.edp.json shows many rules: ${[...rules].join(', ')}`);
    let docs: vscode.CodeAction | undefined;
    for (const d of ds) {
      const rule = ruleOf(d)!;
      const titles = (await codeActionsAt(uri, d.range)).map((a) => a.title);
      assert.ok(titles.includes(`Disable rule ${rule}…`), `${rule}@${d.range.start.line + 1}: "Disable rule ${rule}…" in ${JSON.stringify(titles)}`);
      assert.ok(titles.includes(`Show documentation for ${rule}`), `${rule}@${d.range.start.line + 1}: "Show documentation for ${rule}" in ${JSON.stringify(titles)}`);
      if (rule === 'numa/vm-remote') docs = (await codeActionsAt(uri, d.range)).find((a) => a.title === `Show documentation for ${rule}`);
    }

    // what a click on "Show documentation" does: RULES.md, at the rule's heading
    assert.ok(docs?.command, 'the documentation action runs a command');
    await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is active');
    assert.ok(editor.document.uri.path.endsWith('/docs/RULES.md'), `RULES.md is open; the active editor shows ${editor.document.uri.toString()}`);
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '### numa/vm-remote', 'the cursor is on the rule\'s heading');
    await headingInView(editor);
    assert.ok(!editor.document.isDirty);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await revertAndClose();
  });
});
