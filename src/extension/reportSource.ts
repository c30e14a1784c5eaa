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

/**
 * Asks the worker about the analysis `analyzed` of `uri` (undefined: the worker holds another).
 * It keeps the analyses of only a few files that are not open (analysisWorker.ts): when it no
 * longer holds this one, the file is checked again from disk and asked about once more.
 */
export async function askAbout<T>(source: ReportSource, uri: vscode.Uri, analyzed: AnalyzedDocument, ask: (analyzed: AnalyzedDocument) => Promise<T | undefined>): Promise<T | undefined> {
  const answer = await ask(analyzed);
  if (answer !== undefined || analyzed.version !== undefined) return answer;
  await source.scheduler.checkUri(uri);
  const again = source.store.latest(uri);
  return again ? ask(again) : undefined;
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
