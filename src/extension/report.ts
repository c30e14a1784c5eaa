// The report's commands: "Show Datapath Report" and "Export Datapath Report" (ids in commandIds.ts).
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { TopologyDiagnostics } from './diagnostics';
import { describeError } from './log';
import { exportReport } from './reportExport';
import { ReportPanels } from './reportPanel';
import { fileNameOf, targetUri } from './reportSource';

const NO_FILE = 'Open a topology file (*.edp.json) first, or run the command from its context menu.';

export function registerReport(context: vscode.ExtensionContext, diagnostics: TopologyDiagnostics, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const panels = new ReportPanels(context.extensionUri, diagnostics, log);
  const register = (id: string, run: (...args: unknown[]) => Promise<unknown> | unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (e) {
        log.error(`${id}: ${describeError(e)}`);
        void vscode.window.showErrorMessage(`EDP Designer: ${(e as Error).message ?? e}`);
        return undefined;
      }
    });
  return [
    panels,
    register(COMMANDS.showReport, (arg) => {
      const uri = targetUri(arg, panels.activeUri());
      if (!uri) return void vscode.window.showInformationMessage(`EDP: ${NO_FILE}`);
      panels.show(uri);
      return undefined;
    }),
    // The second argument (a target Uri) skips the save dialog: for tests and other extensions.
    register(COMMANDS.exportReport, async (arg, target) => {
      const uri = targetUri(arg, panels.activeUri());
      if (!uri) return void vscode.window.showInformationMessage(`EDP: ${NO_FILE}`);
      const written = await exportReport(context.extensionUri, diagnostics, uri, target instanceof vscode.Uri ? target : undefined);
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
    }),
  ];
}
