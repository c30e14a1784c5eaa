// The analysis worker (dist/analysisWorker.js, a worker_threads Worker of the extension host):
// analyses run here, so the extension host's thread, shared by every extension, never waits on
// them; so do the features that read the model or parse the document (workerServices.ts). It holds
// each document's text, kept in step by the host's edits (workerProtocol.ts), one incremental
// analyzer per document and its last analysis. A request superseded by a newer one for the same
// document before it started is skipped, not analyzed.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type Analysis, type AnalyzeOptions, countSeverities, createAnalyzer } from '../core';
import { switchLensText, worstFiguresText } from './figures';
import { switchSpans } from './modelTargets';
import { lensChange } from './lensChanges';
import { findingSlices } from './shownFindings';
import { ANALYSIS_NICE, type AnalyzeRequest, type ChangeRequest, type HostToWorker, type LensLines, type WorkerToHost } from './workerProtocol';
import { createServices, WorkerState } from './workerServices';

/** What the worker needs of an analyzer: the core's incremental `createAnalyzer(options)` fits as is. */
interface DocumentAnalyzer {
  analyze(text: string): Analysis;
}

// On Linux a thread's nice value is its own and pid 0 names the calling thread, so this lowers
// only the worker's priority. Elsewhere (macOS, Windows) it would lower the whole extension host:
// left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(0, ANALYSIS_NICE);
  } catch {
    // Not permitted (a sandbox): the analysis runs at the host's priority, as before.
  }
}

const state = new WorkerState();
const services = createServices(state);
const analyzers = new Map<string, { options: string; analyzer: DocumentAnalyzer }>();
/** The latest analysis request per document not yet started, with the text it is about. */
const waiting = new Map<string, { request: AnalyzeRequest; text: string }>();
let draining = false;
/** Documents being sent in pieces: their text so far (not usable before the last piece). */
const partial = new Map<string, { version: number | undefined; parts: string[] }>();

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

/** The CodeLens lines. They read no switch's cache curve: those are computed for the report only. */
function lensLinesOf(analysis: Analysis, lenses: boolean): LensLines {
  const model = analysis.model;
  const lines: number[] = [];
  const characters: number[] = [];
  const titles: string[] = [];
  if (lenses && model) {
    for (const { host, switch: s, span } of switchSpans(analysis.root, analysis.topology)) {
      const sw = model.hosts[host]?.switches[s];
      if (!sw) continue;
      const at = analysis.lines.positionAt(span.offset);
      lines.push(at.line);
      characters.push(at.character);
      titles.push(switchLensText(sw));
    }
  }
  return { lines: Int32Array.from(lines), characters: Int32Array.from(characters), titles };
}

/** What the worker sent the host of its last few results per document, so the next can leave out what did not change. */
interface Sent {
  id: number;
  findings: string[];
  lenses: LensLines;
}
/** Results kept per document: the host may still show one of the earlier ones when a newer one comes. */
const SENT_KEPT = 4;
const sent = new Map<string, Sent[]>();

function run(request: AnalyzeRequest, text: string): WorkerToHost {
  try {
    const started = performance.now();
    // A file that is not open (Check All) is analyzed again only when it changes on disk: its
    // incremental analyzer (≈ 40 % of what a file holds here) is not worth keeping for that.
    const closed = request.version === undefined;
    const analyzer = closed ? createAnalyzer(request.options) : analyzerFor(request.key, request.options);
    if (closed) analyzers.delete(request.key);
    const analysis = analyzer.analyze(text);
    state.analyzed.set(request.key, { version: request.version, text, analysis, options: request.options });
    keptClosed(request.key, closed);
    const findings = findingSlices(analysis.findings);
    const lenses = lensLinesOf(analysis, request.lenses);
    const history = sent.get(request.key) ?? [];
    const base = request.base === undefined ? undefined : history.find((h) => h.id === request.base);
    history.push({ id: request.id, findings, lenses });
    sent.set(request.key, history.slice(-SENT_KEPT));
    return {
      type: 'result', id: request.id, base: base?.id,
      findings: base ? findings.map((f, i) => (f === base.findings[i] ? null : f)) : findings,
      counts: countSeverities(analysis.findings), total: analysis.findings.length, truncated: analysis.truncated,
      lenses: base ? lensChange(base.lenses, lenses) : lenses,
      worst: worstFiguresText(analysis.model), ms: performance.now() - started,
    };
  } catch (e) {
    return { type: 'failed', id: request.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

/**
 * Files analyzed while not open, oldest first. Their analyses stay for the report (a few MB each
 * for a large design), but only the last CLOSED_KEPT: "Check All" on a workspace of many designs
 * would otherwise keep them all. The host checks a file again when its analysis is gone (reportSource.ts).
 */
const CLOSED_KEPT = 8;
const closedKeys: string[] = [];

function keptClosed(key: string, closed: boolean): void {
  const at = closedKeys.indexOf(key);
  if (at >= 0) closedKeys.splice(at, 1);
  if (!closed) return;
  closedKeys.push(key);
  // A request of an evicted file still waiting has its text with it.
  while (closedKeys.length > CLOSED_KEPT) drop(closedKeys.shift()!);
}

/** Drops what the worker holds of a document's last analysis: its text, analyzer, analysis, what it sent and its JSON parse. */
function drop(key: string): void {
  state.forget(key);
  analyzers.delete(key);
  sent.delete(key);
  services.forgetParse(key);
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
      // Opened in an editor (it has a version): no longer one of the closed files whose analyses are kept for the report.
      if (message.version !== undefined) keptClosed(message.key, false);
      if (message.more) {
        partial.set(message.key, { version: message.version, parts: [message.text] });
        // What the worker held is older than this.
        state.documents.delete(message.key);
      } else {
        partial.delete(message.key);
        state.documents.set(message.key, { version: message.version, text: message.text });
      }
      return;
    case 'append': {
      const sending = partial.get(message.key);
      if (!sending) return;
      sending.parts.push(message.text);
      if (message.more) return;
      partial.delete(message.key);
      state.documents.set(message.key, { version: sending.version, text: sending.parts.join('') });
      return;
    }
    case 'change':
      partial.delete(message.key);
      return applyChange(message);
    case 'forget':
      keptClosed(message.key, false);
      skipWaiting(message.key);
      partial.delete(message.key);
      return drop(message.key);
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
