// The light bulb on EDP diagnostics: the core's quick fixes (src/core/fixes, computed in the
// analysis worker from the analysis of the same version) as edits, plus
// "Disable rule X…" and "Show documentation for X" on every diagnostic (as ESLint offers them).
import * as vscode from 'vscode';
import { FILE_TOO_LARGE_RULE, type QuickFix, ruleInfo, ruleSectionLine, type TextEdit } from '../core';
import type { AnalysisWorker } from './analysisWorkerClient';
import { COMMANDS } from './commandIds';
import { DIAGNOSTIC_SOURCE } from './convert';
import { currentAnalysis } from './currentAnalysis';
import type { AnalysisStore } from './analysisStore';
import { describeError } from './log';
import { isLargeDocument } from './languageFeatures';
import { registerCommand } from './registerCommand';
import { isTopologyDocument, TOPOLOGY_GLOB } from './topologyFiles';

/** The rule id a diagnostic of ours carries in `code` (convert.ts), else undefined. */
function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return typeof code === 'string' && code.includes('/') ? code : undefined;
}

function workspaceEditOf(doc: vscode.TextDocument, edits: readonly TextEdit[], snippet?: QuickFix['snippet']): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const range = (e: TextEdit) => new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length));
  // A fix with a snippet (an inserted property) leaves the cursor on the value to fill in, and Tab
  // moves on to the next one; VS Code inserts it as plain text where it cannot run the snippet.
  edit.set(doc.uri, edits.map((e, i) => (i === snippet?.edit ? new vscode.SnippetTextEdit(range(e), new vscode.SnippetString(snippet.text)) : new vscode.TextEdit(range(e), e.newText))));
  return edit;
}

class TopologyCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: AnalysisStore, private readonly worker: AnalysisWorker, private readonly log: vscode.LogOutputChannel) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    try {
      if (!isTopologyDocument(doc)) return [];
      const ours = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
      if (ours.length === 0) return [];
      // Repairs need the model and the syntax tree: the worker has them, but for a huge design it
      // builds the tree first, so there they are computed when the user asks (Ctrl+.), not for
      // the light bulb that VS Code requests after every change.
      const onRequestOnly = context.triggerKind === vscode.CodeActionTriggerKind.Automatic && isLargeDocument(doc);
      // Only the analysis of this very version: offsets of another would corrupt the text.
      const current = onRequestOnly ? undefined : await currentAnalysis(this.store, doc, token, 0);
      const range = (r: vscode.Range) => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } });
      const repairs = current ? await this.worker.call('quickFixes', doc.uri.toString(), current.version, ours.map((d) => ({ rule: ruleOf(d)!, message: d.message, range: range(d.range) }))) : undefined;
      // Keyed by title and edits: two diagnostics with the same repair (two uplinks on one node) get one action.
      const fixes = new Map<string, vscode.CodeAction>();
      const byRule = new Map<string, vscode.Diagnostic[]>();
      ours.forEach((d, i) => {
        const rule = ruleOf(d)!;
        byRule.set(rule, [...(byRule.get(rule) ?? []), d]);
        for (const fix of repairs?.[i] ?? []) {
          const key = JSON.stringify([fix.title, fix.edits]);
          const known = fixes.get(key);
          if (known) {
            known.diagnostics!.push(d);
            continue;
          }
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = workspaceEditOf(doc, fix.edits, fix.snippet);
          action.diagnostics = [d];
          action.isPreferred = fix.preferred === true;
          fixes.set(key, action);
        }
      });
      // One "Disable" and one "Documentation" per rule, after the real fixes.
      const always: vscode.CodeAction[] = [];
      // A measured gap is closed by the calibration, which shows what it would change before it edits.
      const gaps = byRule.get('measured/hit-rate-gap');
      if (gaps) {
        const calibrate = new vscode.CodeAction('Calibrate the traffic to the measurement…', vscode.CodeActionKind.QuickFix);
        calibrate.command = { title: calibrate.title, command: COMMANDS.calibrate };
        calibrate.diagnostics = gaps;
        always.push(calibrate);
      }
      for (const [rule, diags] of byRule) {
        const disable = new vscode.CodeAction(`Disable rule ${rule}…`, vscode.CodeActionKind.QuickFix);
        disable.command = { title: disable.title, command: COMMANDS.disableRule, arguments: [rule, doc.uri.toString()] };
        disable.diagnostics = diags;
        const docs = new vscode.CodeAction(`Show documentation for ${rule}`, vscode.CodeActionKind.QuickFix);
        docs.command = { title: docs.title, command: COMMANDS.showRuleDocs, arguments: [rule] };
        // A locked rule (internal/error) cannot be turned off: offering it would do nothing.
        always.push(...(ruleInfo(rule)?.locked ? [docs] : [disable, docs]));
      }
      return [...fixes.values(), ...always];
    } catch (e) {
      this.log.error(`Quick fixes: ${describeError(e)}`);
      return [];
    }
  }
}

type Where = 'user' | 'workspace' | 'file';

/** Asks where to turn `rule` off, then does it: user or workspace `edpDesigner.rules`, or the file's own `"rules"`. */
async function disableRule(worker: AnalysisWorker, rule: string, uriText: string | undefined): Promise<Where | undefined> {
  const uri = uriText ? vscode.Uri.parse(uriText) : vscode.window.activeTextEditor?.document.uri;
  if (ruleInfo(rule)?.locked) {
    void vscode.window.showInformationMessage(`${rule} cannot be turned off: it reports a failure of EDP Designer itself.`);
    return undefined;
  }
  const items: (vscode.QuickPickItem & { where: Where })[] = [
    { label: 'In user settings', description: 'edpDesigner.rules, for every topology file', where: 'user' },
  ];
  if (vscode.workspace.workspaceFolders?.length) {
    items.push({ label: 'In workspace settings', description: 'edpDesigner.rules, for this workspace', where: 'workspace' });
  }
  // A file too large to analyze is not read, so its own "rules" could not turn this one off.
  if (uri && rule !== FILE_TOO_LARGE_RULE) items.push({ label: 'In this file', description: `"rules": { "${rule}": "off" }, read by edp-check too`, where: 'file' });
  const pick = await vscode.window.showQuickPick(items, { title: `Disable rule ${rule}`, placeHolder: `Where should ${rule} be turned off?` });
  if (!pick) return undefined;
  const config = vscode.workspace.getConfiguration('edpDesigner', uri);
  if (pick.where === 'file') {
    const doc = await vscode.workspace.openTextDocument(uri!);
    const ok = await vscode.workspace.applyEdit(workspaceEditOf(doc, await worker.call('disableRuleEdits', doc.getText(), rule)));
    if (!ok) throw new Error(`could not edit ${vscode.workspace.asRelativePath(uri!)}`);
  } else {
    const target = pick.where === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
    const inspected = config.inspect<Record<string, unknown>>('rules');
    const current = (pick.where === 'user' ? inspected?.globalValue : inspected?.workspaceValue) ?? {};
    await config.update('rules', { ...current, [rule]: 'off' }, target);
  }
  // Settings win over the file, and workspace over user settings: say so when another value still decides.
  const effective = vscode.workspace.getConfiguration('edpDesigner', uri).get<Record<string, unknown>>('rules')?.[rule];
  if (effective !== undefined && effective !== 'off') {
    const winner = { user: 'workspace or folder settings', workspace: 'folder settings', file: 'settings' }[pick.where];
    void vscode.window.showWarningMessage(`EDP: ${rule} is still "${String(effective as string)}": edpDesigner.rules in your ${winner} sets it, and that wins over what was just written. Change it there.`);
  }
  return pick.where;
}

/** Opens the extension's docs/RULES.md with the rule's heading at the top of the editor. */
async function showRuleDocs(extensionUri: vscode.Uri, rule: string): Promise<void> {
  const uri = vscode.Uri.joinPath(extensionUri, 'docs', 'RULES.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = ruleSectionLine(doc.getText(), rule) ?? 0;
  const at = new vscode.Range(line, 0, line, 0);
  // Selecting through showTextDocument's options centres the line after our reveal; select here instead.
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  editor.selection = new vscode.Selection(at.start, at.start);
  editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
}

export function registerCodeActions(context: vscode.ExtensionContext, store: AnalysisStore, worker: AnalysisWorker, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    // By file name, whatever the language: the diagnostics run on every *.edp.json (untitled ones too).
    vscode.languages.registerCodeActionsProvider({ pattern: TOPOLOGY_GLOB }, new TopologyCodeActions(store, worker, log), {
      providedCodeActionKinds: TopologyCodeActions.kinds,
    }),
    registerCommand(log, COMMANDS.disableRule, (rule: string, uri?: string) => disableRule(worker, rule, uri), 'Disabling the rule failed'),
    registerCommand(log, COMMANDS.showRuleDocs, (rule: string) => showRuleDocs(context.extensionUri, rule), 'Showing the rule\'s documentation failed'),
  ];
}
