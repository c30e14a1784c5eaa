// Wiring only. The rooms (docs/ARCHITECTURE.md): scheduler.ts decides when files are analyzed,
// in the worker (analysisWorker.ts via analysisWorkerClient.ts); publisher.ts shows the findings
// as diagnostics; analysisStore.ts keeps the last analysis per document for the features
// (codeLens, hover, codeActions, status, report); commands are registered with registerCommand.ts.
//
// Activation (package.json): *.edp.json files have their own language id, `edp-json`, so
// `onLanguage:edp-json` fires exactly when a topology file is opened (loose files too).
// `workspaceContains:**/*.edp.json` activates early in workspaces that have topology files, so
// "Check All" and the status bar are ready; contributed commands activate implicitly.
import * as vscode from 'vscode';
import { AnalysisStore } from './analysisStore';
import { AnalysisWorker } from './analysisWorkerClient';
import { registerCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { WorkspaceCatalogs } from './catalogs';
import { registerCommands } from './commands';
import { registerExportNsx } from './exportNsx';
import { registerHover } from './hover';
import { registerCalibrate } from './calibrate';
import { registerImportHosts } from './importHosts';
import { registerImportHwloc } from './importHwloc';
import { registerLanguageFeatures } from './languageFeatures';
import { createLog, describeError } from './log';
import { DiagnosticsPublisher } from './publisher';
import { registerReport } from './report';
import { AnalysisScheduler } from './scheduler';
import { createStatus } from './status';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const worker = new AnalysisWorker(log);
    const catalogs = new WorkspaceCatalogs(worker, log);
    const store = new AnalysisStore((e) => log.error(`An analysis reader failed: ${describeError(e)}`));
    const publisher = new DiagnosticsPublisher();
    const scheduler = new AnalysisScheduler(store, publisher, worker, log, catalogs);
    context.subscriptions.push(store, publisher, worker, scheduler);
    context.subscriptions.push(catalogs, catalogs.onDidChange(() => void scheduler.recheckAll()));
    void catalogs.reload();
    context.subscriptions.push(createStatus(store, publisher, log), ...registerCommands(scheduler, log));
    context.subscriptions.push(registerCodeLens(store, log), registerHover(store, worker, log), registerImportHwloc(catalogs, worker, log), registerImportHosts(catalogs, worker, log), registerCalibrate(worker, log));
    context.subscriptions.push(...registerReport(context, store, worker, scheduler, log));
    context.subscriptions.push(...registerCodeActions(context, store, worker, log));
    context.subscriptions.push(registerLanguageFeatures(worker, log));
    context.subscriptions.push(registerExportNsx(catalogs, worker, log));
    scheduler.checkOpenDocuments();
    log.info(`EDP Designer ${String((context.extension.packageJSON as { version?: string }).version ?? '')} activated.`);
  } catch (e) {
    log.error(`Activation failed: ${describeError(e)}`);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
