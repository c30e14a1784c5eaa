// Where the report's analysis comes from: the store's last published analysis (no second
// analysis per keystroke), or, for a file not open in an editor, a check of it on disk.
import * as vscode from 'vscode';
import type { AnalysisStore, AnalyzedDocument } from './analysisStore';
import type { AnalysisWorker } from './analysisWorkerClient';
import type { AnalysisScheduler } from './scheduler';
import { isTopologyUri } from './topologyFiles';

/** What the report reads: the store, the worker that holds the analyses, and the scheduler to check a file that has no analysis yet. */
export interface ReportSource {
  readonly store: AnalysisStore;
  readonly worker: Pick<AnalysisWorker, 'call'>;
  readonly scheduler: Pick<AnalysisScheduler, 'checkUri'>;
}

export function fileNameOf(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

export async function analysisFor({ store, scheduler }: ReportSource, uri: vscode.Uri): Promise<AnalyzedDocument | undefined> {
  const latest = store.latest(uri);
  if (latest) return latest;
  await scheduler.checkUri(uri);
  return store.latest(uri);
}

export function unavailableReason(uri: vscode.Uri): string {
  return `EDP Designer has no analysis of ${fileNameOf(uri)}: it is turned off for this file (edpDesigner.enable), the file is over edpDesigner.maxFileSizeMB, or it could not be read. See "EDP: Show Output".`;
}

/** The topology file a command is about: its argument (menus pass the resource), else the active editor's file. */
export function targetUri(arg: unknown, fallback: vscode.Uri | undefined): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri && isTopologyUri(arg)) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isTopologyUri(active)) return active;
  if (fallback) return fallback;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document.uri).filter(isTopologyUri);
  return visible.length === 1 ? visible[0] : undefined;
}
