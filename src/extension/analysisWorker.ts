// The analysis worker (dist/analysisWorker.js, a worker_threads Worker of the extension host):
// analyses run here, so the extension host's thread, shared by every extension, never waits on
// them; so do the features that read the model or parse the document (workerServices.ts). It holds
// each document's text, kept in step by the host's edits (workerProtocol.ts), one incremental
// analyzer per document and its last analysis. A request superseded by a newer one for the same
// document before it started is skipped, not analyzed.
import { parentPort } from 'node:worker_threads';
import { type Analysis, type AnalyzeOptions, createAnalyzer } from '../core';
import { switchLensText, worstFiguresText } from './figures';
import { switchSpans } from './modelTargets';
import type { AnalyzeRequest, ChangeRequest, EditorSummary, HostToWorker, WorkerToHost } from './workerProtocol';
import { createServices, WorkerState } from './workerServices';

/** What the worker needs of an analyzer: the core's incremental `createAnalyzer(options)` fits as is. */
interface DocumentAnalyzer {
  analyze(text: string): Analysis;
}

const state = new WorkerState();
const services = createServices(state);
const analyzers = new Map<string, { options: string; analyzer: DocumentAnalyzer }>();
/** The latest analysis request per document not yet started, with the text it is about. */
const waiting = new Map<string, { request: AnalyzeRequest; text: string }>();
let draining = false;

const post = (message: WorkerToHost) => parentPort!.postMessage(message);

function analyzerFor(key: string, options: AnalyzeOptions): DocumentAnalyzer {
  // Settings or the catalog changed: the analyzer's caches were made with the old options.
  const id = JSON.stringify(options);
  const known = analyzers.get(key);
  if (known?.options === id) return known.analyzer;
  // The core's incremental analyzer: after an edit it re-solves only the hosts whose text changed.
  const analyzer = createAnalyzer(options);
  analyzers.set(key, { options: id, analyzer });
  return analyzer;
}

/** The CodeLens lines and the status bar's figure. Neither reads a switch's cache curve: those are computed for the report only. */
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

function run(request: AnalyzeRequest, text: string): WorkerToHost {
  try {
    const started = performance.now();
    const analysis = analyzerFor(request.key, request.options).analyze(text);
    state.analyzed.set(request.key, { version: request.version, text, analysis, options: request.options });
    return {
      type: 'result', id: request.id, findings: analysis.findings, truncated: analysis.truncated,
      summary: summaryOf(analysis, request.lenses), ms: performance.now() - started,
    };
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
  const [key, { request, text }] = next.value;
  waiting.delete(key);
  post(run(request, text));
  setImmediate(drain);
}

/** Applies the edits in order; a gap in versions or an edit outside the text drops the document (the next request asks for it whole). */
function applyChange(message: ChangeRequest): void {
  const doc = state.documents.get(message.key);
  if (!doc) return;
  if (doc.version !== message.from) return void state.documents.delete(message.key);
  let text = doc.text;
  for (const c of message.changes) {
    if (c.offset < 0 || c.length < 0 || c.offset + c.length > text.length) return void state.documents.delete(message.key);
    text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  }
  state.documents.set(message.key, { version: message.version, text });
}

function skipWaiting(key: string): void {
  const stale = waiting.get(key);
  if (stale) post({ type: 'skipped', id: stale.request.id });
  waiting.delete(key);
}

async function call(id: number, service: keyof typeof services, args: unknown[]): Promise<void> {
  try {
    // The services use no `this`; a name the table lacks is a bug on the host's side.
    const fn = Object.hasOwn(services, service) ? (Reflect.get(services, service) as (...a: unknown[]) => unknown) : undefined;
    if (typeof fn !== 'function') throw new Error(`no service ${String(service)}`);
    post({ type: 'answer', id, value: await fn(...args) });
  } catch (e) {
    post({ type: 'failed', id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

parentPort!.on('message', (message: HostToWorker) => {
  switch (message.type) {
    case 'open':
      state.documents.set(message.key, { version: message.version, text: message.text });
      return;
    case 'change':
      return applyChange(message);
    case 'forget':
      skipWaiting(message.key);
      state.forget(message.key);
      analyzers.delete(message.key);
      services.forgetParse(message.key);
      return;
    case 'call':
      return void call(message.id, message.service, message.args);
    case 'analyze': {
      skipWaiting(message.key);
      const doc = state.document(message.key, message.version);
      if (!doc) return post({ type: 'resync', id: message.id });
      // The text as it is now: edits that arrive before the analysis starts belong to a later request.
      waiting.set(message.key, { request: message, text: doc.text });
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
      return;
    }
  }
});
