// The analysis store: per document, the last published analysis with the text and version it was
// made from. CodeLens, hover, quick fixes, the status bar, the report and its export read it
// (and ask the worker about the same version) instead of analyzing again; the scheduler (scheduler.ts) writes it.
import * as vscode from 'vscode';
import type { EditorSummary } from './workerProtocol';

/**
 * What the host keeps of an analysis besides its diagnostics: the editor's lines and figures. The model stays in the
 * worker, which answers hovers, quick fixes and the report from the analysis of the same version.
 * `version` is undefined for a file read from disk.
 */
export interface AnalyzedDocument {
  version: number | undefined;
  /** The worker's id of this result: the next analysis is sent relative to it. */
  id: number;
  /** Findings published (the diagnostics publisher holds them). */
  total: number;
  /** Findings left out over edpDesigner.maxProblems. */
  truncated: number;
  /** The CodeLens lines and the status bar's figure, ready to show. */
  summary: EditorSummary;
  /** Milliseconds the analysis took (in the worker). */
  ms: number;
}

export class AnalysisStore implements vscode.Disposable {
  private readonly analyses = new Map<string, AnalyzedDocument>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after the analysis and the diagnostics of a URI were published or cleared. */
  readonly onDidUpdate = this.updated.event;

  /**
   * The last published analysis of a URI: check `version` against the document before using
   * offsets (a dirty document in onSave mode has an older one).
   */
  latest(uri: vscode.Uri): AnalyzedDocument | undefined {
    return this.analyses.get(uri.toString());
  }

  /** Stores (or, with undefined, drops) the analysis of `uri` and tells the readers. */
  update(uri: vscode.Uri, analyzed: AnalyzedDocument | undefined): void {
    if (analyzed) this.analyses.set(uri.toString(), analyzed);
    else this.analyses.delete(uri.toString());
    this.updated.fire(uri);
  }

  dispose(): void {
    this.analyses.clear();
    this.updated.dispose();
  }
}
