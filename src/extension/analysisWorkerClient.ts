// The extension host's side of the analysis worker: posts text and options, hands back the
// result as an Analysis whose heavy parts (model, topology, syntax tree) are decoded on first read.
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { type Analysis, type AnalyzeOptions, type DatapathModel, LineIndex, syntaxTree, type Topology } from '../core';
import type { AnalyzeRequest, AnalyzeResult, EditorSummary, HostToWorker, WorkerToHost } from './workerProtocol';

export interface WorkerAnalysis {
  analysis: Analysis;
  summary: EditorSummary;
  ms: number;
}

interface Pending {
  text: string;
  resolve: (result: WorkerAnalysis | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * The Analysis the core would have returned, rebuilt around the worker's data: `model` and
 * `topology` are decoded from their bytes, `root` and `lines` rebuilt from the text, each on
 * first read and once.
 */
function hydrate(text: string, result: AnalyzeResult): Analysis {
  type Decoded = { model: DatapathModel | undefined; topology: Topology | undefined };
  let data: Decoded | undefined;
  const decoded = (): Decoded => (data ??= result.data ? (deserialize(new Uint8Array(result.data)) as Decoded) : { model: undefined, topology: undefined });
  let root: { node: ReturnType<typeof syntaxTree> } | undefined;
  let lines: LineIndex | undefined;
  return {
    findings: result.findings,
    truncated: result.truncated,
    get model() {
      return decoded().model;
    },
    get topology() {
      return decoded().topology;
    },
    get root() {
      return (root ??= { node: syntaxTree(text) }).node;
    },
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
}

export class AnalysisWorker implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly log: vscode.LogOutputChannel, private readonly script = join(__dirname, 'analysisWorker.js')) {}

  /**
   * Analyzes `text` as document `key`. Undefined when a newer request for the same document
   * replaced this one before the worker started it.
   */
  analyze(key: string, text: string, options: AnalyzeOptions, extra: { lenses: boolean }): Promise<WorkerAnalysis | undefined> {
    const id = this.nextId++;
    const request: AnalyzeRequest = { type: 'analyze', id, key, text, options, ...extra };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { text, resolve, reject });
      this.post(request);
    });
  }

  /** The document closed: the worker drops its analyzer and any waiting request. */
  forget(key: string): void {
    if (this.worker) this.post({ type: 'forget', key });
  }

  dispose(): void {
    // Shutting down: what is pending will never be published, and that is no error.
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
    this.stop(new Error('the extension is shutting down'));
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
    if (worker) void worker.terminate();
    if (this.pending.size > 0) this.log.error(`Analysis worker: ${error.stack ?? error.message}`);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private onMessage(message: WorkerToHost): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'skipped') return pending.resolve(undefined);
    if (message.type === 'failed') return pending.reject(new Error(message.message));
    pending.resolve({ analysis: hydrate(pending.text, message), summary: message.summary, ms: message.ms });
  }
}
