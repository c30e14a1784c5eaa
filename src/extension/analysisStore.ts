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

/** A listener of AnalysisStore.onDidUpdate. */
type Listener = (uri: vscode.Uri) => unknown;

/**
 * Readers are told on later turns of the event loop, one reader per turn (issue 14). Told at
 * once, every reader ran inside the turn that received the worker's result and set the first
 * diagnostics: the CodeLens refresh, the status bar and a CodeLens request waiting for this
 * analysis (whose reply VS Code converts and sends in the same turn) made one stretch of the
 * extension host's thread with them. An event carries only the URI: a reader reads `latest()`
 * when told, so it sees the newest analysis, never an older one after it; updates that come
 * before the readers are told are told once.
 */
export class AnalysisStore implements vscode.Disposable {
  private readonly analyses = new Map<string, AnalyzedDocument>();
  private readonly listeners = new Set<{ listener: Listener }>();
  /** URIs updated whose readers are not being told yet. */
  private readonly due = new Map<string, vscode.Uri>();
  private disposed = false;

  constructor(private readonly onError: (e: unknown) => void = () => undefined) {}

  /** Fires, on a later turn, after the analysis and the diagnostics of a URI were published or cleared. */
  readonly onDidUpdate: vscode.Event<vscode.Uri> = (listener, thisArgs?: unknown, disposables?: vscode.Disposable[]) => {
    // An object per subscription: the same function subscribed twice is told twice, as with vscode.EventEmitter.
    const entry = { listener: (thisArgs === undefined ? listener : listener.bind(thisArgs)) as Listener };
    this.listeners.add(entry);
    const subscription = new vscode.Disposable(() => this.listeners.delete(entry));
    disposables?.push(subscription);
    return subscription;
  };

  /**
   * The last published analysis of a URI: check `version` against the document before using
   * offsets (a dirty document in onSave mode has an older one).
   */
  latest(uri: vscode.Uri): AnalyzedDocument | undefined {
    return this.analyses.get(uri.toString());
  }

  /** Stores (or, with undefined, drops) the analysis of `uri` and tells the readers, each on a later turn. */
  update(uri: vscode.Uri, analyzed: AnalyzedDocument | undefined): void {
    const key = uri.toString();
    if (analyzed) this.analyses.set(key, analyzed);
    else this.analyses.delete(key);
    if (this.due.has(key) || this.disposed) return;
    this.due.set(key, uri);
    setImmediate(() => this.tell(key));
  }

  dispose(): void {
    this.disposed = true;
    this.analyses.clear();
    this.listeners.clear();
    this.due.clear();
  }

  /** Tells the readers subscribed now about `key`, one per turn; an update meanwhile tells them all again. */
  private tell(key: string): void {
    const uri = this.due.get(key);
    this.due.delete(key);
    if (!uri) return;
    const waiting = [...this.listeners];
    const next = (): void => {
      const entry = waiting.shift();
      if (!entry || this.disposed) return;
      // Unsubscribed meanwhile: no longer told.
      if (this.listeners.has(entry)) {
        try {
          entry.listener(uri);
        } catch (e) {
          this.onError(e);
        }
      }
      if (waiting.length > 0) setImmediate(next);
    };
    next();
  }
}
