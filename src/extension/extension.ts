// Wiring only: the work is in diagnostics.ts, commands.ts and status.ts, the analysis in src/core.
//
// Activation (package.json): *.edp.json files have their own language id, `edp-json`, so
// `onLanguage:edp-json` fires exactly when a topology file is opened (loose files too).
// `workspaceContains:**/*.edp.json` activates early in workspaces that have topology files, so
// "Check All" and the status bar are ready; contributed commands activate implicitly.
import * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { WorkspaceCatalogs } from './catalogs';
import { registerCommands } from './commands';
import { TopologyDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { registerImportHwloc } from './importHwloc';
import { registerLanguageFeatures } from './languageFeatures';
import { createLog, describeError } from './log';
import { registerReport } from './report';
import { createStatus } from './status';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const catalogs = new WorkspaceCatalogs(log);
    const diagnostics = new TopologyDiagnostics(log, catalogs);
    context.subscriptions.push(catalogs, catalogs.onDidChange(() => void diagnostics.recheckAll()));
    void catalogs.reload();
    context.subscriptions.push(diagnostics, createStatus(diagnostics, log), ...registerCommands(diagnostics, log));
    context.subscriptions.push(registerCodeLens(diagnostics, log), registerHover(diagnostics, catalogs, log), registerImportHwloc(catalogs, log));
    context.subscriptions.push(...registerReport(context, diagnostics, log));
    context.subscriptions.push(...registerCodeActions(context, diagnostics, log));
    context.subscriptions.push(registerLanguageFeatures(log));
    diagnostics.checkOpenDocuments();
    log.info(`EDP Designer ${context.extension.packageJSON.version ?? ''} activated.`);
  } catch (e) {
    log.error(`Activation failed: ${describeError(e)}`);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
