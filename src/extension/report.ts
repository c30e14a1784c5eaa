// The report's commands: "Show Datapath Report" and "Export Datapath Report" (ids in commandIds.ts).
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { AnalysisStore } from './analysisStore';
import type { AnalysisWorker } from './analysisWorkerClient';
import { registerCommand } from './registerCommand';
import { exportReport } from './reportExport';
import { ReportPanels } from './reportPanel';
import { fileNameOf, type ReportSource, targetUri } from './reportSource';
import type { AnalysisScheduler } from './scheduler';

const NO_FILE = 'Open a topology file (*.edp.json) first, or run the command from its context menu.';

export function registerReport(context: vscode.ExtensionContext, store: AnalysisStore, worker: AnalysisWorker, scheduler: AnalysisScheduler, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const source: ReportSource = { store, worker, scheduler };
  const panels = new ReportPanels(context.extensionUri, source, log);
  return [
    panels,
    registerCommand(log, COMMANDS.showReport, (arg?: unknown) => {
      const uri = targetUri(arg, panels.activeUri());
      if (!uri) return void vscode.window.showInformationMessage(`EDP: ${NO_FILE}`);
      panels.show(uri);
      return undefined;
    }, 'Showing the report failed'),
    // The second argument (a target Uri) skips the save dialog: for tests and other extensions.
    registerCommand(log, COMMANDS.exportReport, async (arg?: unknown, target?: unknown) => {
      const uri = targetUri(arg, panels.activeUri());
      if (!uri) return void vscode.window.showInformationMessage(`EDP: ${NO_FILE}`);
      const written = await exportReport(context.extensionUri, source, uri, target instanceof vscode.Uri ? target : undefined);
      if (!written) return undefined;
      log.info(`Exported the report of ${fileNameOf(uri)} to ${written.html.fsPath} and ${written.markdown.fsPath}.`);
      const open = 'Open in Browser';
      const markdown = 'Open Markdown';
      // Not awaited: the command (and a test awaiting it) must not wait for a click on the toast.
      void vscode.window.showInformationMessage(`EDP: Exported ${fileNameOf(written.html)} and ${fileNameOf(written.markdown)}.`, open, markdown).then(async (pick) => {
        if (pick === open) await vscode.env.openExternal(written.html);
        if (pick === markdown) await vscode.window.showTextDocument(written.markdown);
      });
      return written;
    }, 'Exporting the report failed'),
  ];
}
