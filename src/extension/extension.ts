// Wiring only: the work is in diagnostics.ts, commands.ts and status.ts, the analysis in src/core.
//
// Activation (package.json): `onLanguage:jsonc` is the only event that fires when a loose
// *.edp.json file is opened (no activation event matches file names), but it also fires for
// settings.json and every other jsonc file. So activate() stays cheap: it registers listeners
// and a hidden status item, and analyzes nothing until an *.edp.json document shows up.
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
    diagnostics.checkOpenDocuments();
    log.info(`EDP Designer ${context.extension.packageJSON.version ?? ''} activated.`);
  } catch (e) {
    log.error(`Activation failed: ${describeError(e)}`);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
