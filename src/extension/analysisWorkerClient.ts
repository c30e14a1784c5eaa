// The extension host's side of the analysis worker: keeps the worker's copy of each document in
// step (the whole text once, then the edits), asks for analyses and calls the worker's services
// (hover, quick fixes, report, JSON features, imports). Nothing here decodes a model: the host
// gets findings and ready-made editor lines, so its thread stays free (issue 14).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { AnalyzeOptions } from '../core';
import type { AnalyzeResult, HostToWorker, TextChange, WorkerToHost } from './workerProtocol';
import type { WorkerServices } from './workerServices';

/** An analysis as the worker sends it: only what changed since `base`, if set (workerProtocol.ts). */
export type WorkerAnalysis = AnalyzeResult;

/** A document's text as it is now: read (copied) only when the worker must be sent it whole. */
export interface TextSource {
  key: string;
  /** undefined for a file read from disk. */
  version: number | undefined;
  /** The current version (a document keeps changing while an analysis waits). */
  currentVersion(): number | undefined;
  text(): string;
  /**
   * The text in pieces that make it up in order, if the source can give them: a huge document is
   * then sent one piece per turn of the event loop (getText() of a 7 MB document took the host's
   * thread 15–70 ms at once).
   */
  pieces?(): Iterable<string>;
}

type Answer = AnalyzeResult | { type: 'answer'; value: unknown } | { type: 'skipped' } | { type: 'resync' };

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

export class AnalysisWorker implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The version of each document the worker was sent (whole or by edits), as far as the host knows. */
  private readonly synced = new Map<string, number | undefined>();
  /** Documents being sent in pieces, and which version. */
  private readonly sending = new Map<string, { version: number | undefined; done: Promise<void> }>();

  constructor(private readonly log: Pick<vscode.LogOutputChannel, 'error'>, private readonly script = join(__dirname, 'analysisWorker.js')) {}

  /**
   * Analyzes the document's text at `source.version`. Undefined when a newer request for the
   * same document replaced this one, or the document moved on, before the worker started it.
   * `base`: the id of the result the host shows for the document, if any (the answer then holds
   * only what changed since).
   */
  async analyze(source: TextSource, options: AnalyzeOptions, extra: { lenses: boolean; base?: number }): Promise<WorkerAnalysis | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (source.currentVersion() !== source.version) return undefined;
      // Sent at once unless in pieces: then the request waits for the last one.
      const sending = this.sync(source);
      if (sending) {
        await sending;
        // The document moved on while it was being sent.
        if (source.currentVersion() !== source.version) return undefined;
      }
      const answer = await this.request((id) => ({ type: 'analyze', id, key: source.key, version: source.version, options, lenses: extra.lenses, base: extra.base }));
      if (answer.type === 'skipped') return undefined;
      if (answer.type === 'result') return answer;
      // 'resync': the worker lost step (an edit it could not apply): send the text whole next time.
      this.synced.delete(source.key);
    }
    throw new Error(`the analysis worker could not be brought in step with ${source.key}`);
  }

  /**
   * Sends the document whole unless the worker holds this version already. In pieces, when the
   * source gives them: one per turn, stopped if the document changes meanwhile (the worker then
   * does not hold it, and says so when asked about it). Undefined when nothing is left to wait for.
   */
  sync(source: Pick<TextSource, 'key' | 'version' | 'text' | 'pieces' | 'currentVersion'>): Promise<void> | undefined {
    const { key, version } = source;
    // A file read from disk (no version) may have changed there since it was sent: always sent.
    if (version !== undefined && this.synced.get(key) === version) return undefined;
    const already = this.sending.get(key);
    if (already && already.version === version) return already.done;
    const pieces = source.pieces?.()[Symbol.iterator]();
    if (!pieces) {
      this.sending.delete(key);
      this.post({ type: 'open', key, version, text: source.text() });
      this.synced.set(key, version);
      return undefined;
    }
    // Edits made while the pieces go out are not sent: the worker gets this version or none.
    this.synced.delete(key);
    const sending = { version, done: Promise.resolve() };
    const send = async () => {
      let piece = pieces.next();
      for (let first = true; !piece.done; first = false) {
        const text = piece.value;
        piece = pieces.next();
        this.post(first ? { type: 'open', key, version, text, more: !piece.done } : { type: 'append', key, text, more: !piece.done });
        if (piece.done) break;
        await new Promise((resolve) => setImmediate(resolve));
        // A newer send or edit of this document took over.
        if (this.sending.get(key) !== sending || source.currentVersion() !== version) return;
      }
      this.synced.set(key, version);
    };
    this.sending.set(key, sending);
    sending.done = send().finally(() => this.sending.get(key) === sending && this.sending.delete(key));
    return sending.done;
  }

  /**
   * The edits that took a document to `version` (VS Code's contentChanges): sent as they are, if
   * the worker holds the document; small, whatever the document's size.
   */
  change(key: string, version: number, changes: readonly { rangeOffset: number; rangeLength: number; text: string }[]): void {
    if (!this.synced.has(key)) return;
    const from = this.synced.get(key);
    if (from === undefined) {
      // It holds the file as read from disk, not the editor's text.
      this.synced.delete(key);
      return;
    }
    const edits: TextChange[] = changes.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
    this.post({ type: 'change', key, from, version, changes: edits });
    this.synced.set(key, version);
  }

  /** Calls one of the worker's services (workerServices.ts) with plain-data arguments. */
  async call<K extends keyof WorkerServices>(service: K, ...args: Parameters<WorkerServices[K]>): Promise<Awaited<ReturnType<WorkerServices[K]>>> {
    const answer = await this.request((id) => ({ type: 'call', id, service, args }));
    return (answer as { value: unknown }).value as Awaited<ReturnType<WorkerServices[K]>>;
  }

  /** The document closed: the worker drops its text, analyzer and any waiting request. */
  forget(key: string): void {
    this.synced.delete(key);
    this.sending.delete(key);
    if (this.worker) this.post({ type: 'forget', key });
  }

  dispose(): void {
    // Shutting down: what is pending will never be used, and that is no error.
    for (const p of this.pending.values()) p.resolve({ type: 'skipped' });
    this.pending.clear();
    this.stop(new Error('the extension is shutting down'));
  }

  private request(message: (id: number) => HostToWorker): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post(message(id));
    });
  }

  private post(message: HostToWorker): void {
    try {
      this.start().postMessage(message);
    } catch (e) {
      this.stop(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { name: 'EDP Designer analysis' });
    worker.on('message', (m: WorkerToHost) => this.onMessage(m));
    // Out of memory on an absurd file, or a bug: fail what is pending; the next request starts a new worker.
    worker.on('error', (e) => this.stop(e));
    worker.on('exit', (code) => this.worker === worker && this.stop(new Error(`the analysis worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    // A new worker holds no document.
    this.synced.clear();
    this.sending.clear();
    if (worker) void worker.terminate();
    if (this.pending.size > 0) this.log.error(`Analysis worker: ${error.stack ?? error.message}`);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private onMessage(message: WorkerToHost): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'failed') return pending.reject(new Error(message.message));
    pending.resolve(message);
  }
}
