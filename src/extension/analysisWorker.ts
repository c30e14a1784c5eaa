// The analysis worker (dist/analysisWorker.js, a worker_threads Worker of the extension host):
// analyses run here, so the extension host's thread, shared by every extension, never waits on
// them. One analyzer per document; a request superseded by a newer one for the same document
// before it started is skipped, not analyzed.
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { type Analysis, type AnalyzeOptions, createAnalyzer } from '../core';
import { switchLensText, worstFiguresText } from './figures';
import { switchSpans } from './modelTargets';
import type { AnalyzeRequest, AnalyzeResult, EditorSummary, HostToWorker, WorkerToHost } from './workerProtocol';

/** What the worker needs of an analyzer: the core's incremental `createAnalyzer(options)` fits as is. */
interface DocumentAnalyzer {
  analyze(text: string): Analysis;
}

/**
 * The core's incremental analyzer: after an edit it re-solves only the hosts whose text changed
 * (and their cache curves, which serializing the model reads, are computed once per host text).
 */
const newAnalyzer = (options: AnalyzeOptions): DocumentAnalyzer => createAnalyzer(options);

const analyzers = new Map<string, { options: string; analyzer: DocumentAnalyzer }>();
/** The latest request per document not yet started. */
const waiting = new Map<string, AnalyzeRequest>();
let draining = false;

function analyzerFor(key: string, options: AnalyzeOptions): DocumentAnalyzer {
  // Settings or the catalog changed: the analyzer's caches were made with the old options.
  const id = JSON.stringify(options);
  const known = analyzers.get(key);
  if (known?.options === id) return known.analyzer;
  const analyzer = newAnalyzer(options);
  analyzers.set(key, { options: id, analyzer });
  return analyzer;
}

function summaryOf(analysis: Analysis, lenses: boolean): EditorSummary {
  const model = analysis.model;
  const summary: EditorSummary = { lenses: [], worst: worstFiguresText(model) };
  if (!lenses || !model) return summary;
  for (const { host, switch: s, span } of switchSpans(analysis.root, analysis.topology)) {
    const sw = model.hosts[host]?.switches[s];
    if (sw) summary.lenses.push({ host, switch: s, position: analysis.lines.positionAt(span.offset), title: switchLensText(sw) });
  }
  return summary;
}

function run(request: AnalyzeRequest): WorkerToHost {
  try {
    const started = performance.now();
    const analysis = analyzerFor(request.key, request.options).analyze(request.text);
    const bytes = analysis.model || analysis.topology ? serialize({ model: analysis.model, topology: analysis.topology }) : undefined;
    // A Buffer may be a view into a larger pooled buffer: transfer only a buffer of its own.
    const data = bytes && (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : new Uint8Array(bytes).buffer);
    const result: AnalyzeResult = {
      type: 'result', id: request.id, findings: analysis.findings, truncated: analysis.truncated, data,
      summary: summaryOf(analysis, request.lenses), ms: performance.now() - started,
    };
    return result;
  } catch (e) {
    return { type: 'failed', id: request.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

/** One analysis per turn of the event loop, so newer requests arrive (and replace waiting ones) in between. */
function drain(): void {
  const next = waiting.entries().next();
  if (next.done) {
    draining = false;
    return;
  }
  const [key, request] = next.value;
  waiting.delete(key);
  const result = run(request);
  parentPort!.postMessage(result, result.type === 'result' && result.data ? [result.data] : []);
  setImmediate(drain);
}

parentPort!.on('message', (message: HostToWorker) => {
  if (message.type === 'forget') {
    const stale = waiting.get(message.key);
    if (stale) parentPort!.postMessage({ type: 'skipped', id: stale.id } satisfies WorkerToHost);
    waiting.delete(message.key);
    analyzers.delete(message.key);
    return;
  }
  const stale = waiting.get(message.key);
  if (stale) parentPort!.postMessage({ type: 'skipped', id: stale.id } satisfies WorkerToHost);
  waiting.set(message.key, message);
  if (!draining) {
    draining = true;
    setImmediate(drain);
  }
});
