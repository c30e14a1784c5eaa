// Status bar: the active topology file's error and warning counts; hidden for other files.
// A status bar item rather than a LanguageStatusItem: it stays visible without hovering "{}".
import * as vscode from 'vscode';
import { severityCountsText } from '../core';
import { COMMANDS } from './commandIds';
import type { AnalysisStore } from './analysisStore';
import { describeError } from './log';
import type { DiagnosticsPublisher } from './publisher';
import { settingsFor } from './settings';
import { isTopologyDocument } from './topologyFiles';

export function createStatus(store: AnalysisStore, publisher: DiagnosticsPublisher, log: vscode.LogOutputChannel): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('edpDesigner.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'EDP Designer';
  item.command = COMMANDS.showOutput;

  const update = () => {
    try {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !isTopologyDocument(doc) || !settingsFor(vscode.workspace, doc.uri).settings.enable) return item.hide();
      if (!publisher.has(doc.uri)) {
        item.text = '$(sync~spin) EDP';
        item.tooltip = 'EDP Designer: not analyzed yet';
      } else {
        const c = publisher.counts(doc.uri);
        const latest = store.latest(doc.uri);
        const ms = latest?.ms;
        item.text = `EDP $(error) ${c.error} $(warning) ${c.warning}` + (c.info > 0 ? ` $(info) ${c.info}` : '');
        item.tooltip = `EDP Designer: ${severityCountsText(c)}`
          + (ms !== undefined ? ` (analyzed in ${ms.toFixed(0)} ms)` : '') + '. Click to show the output.';
        // The file's worst model figure, so an overloaded lcore shows without opening anything.
        const worst = latest?.summary.worst;
        if (worst) {
          item.text += ` · ${worst}`;
          item.tooltip += `\nBusiest lcore and lowest flow-cache hit rate over the file's EDP switches: ${worst}.`;
        }
      }
      item.show();
    } catch (e) {
      log.error(describeError(e));
    }
  };

  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    store.onDidUpdate((uri) => {
      if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('edpDesigner') && update()),
  );
}
