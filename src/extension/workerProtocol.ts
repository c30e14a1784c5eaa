// The messages between the extension host and the analysis worker (analysisWorker.ts). Pure types.
// They cross the thread boundary by structured clone, so they hold plain data only: no class
// instances (LineIndex), no getters (the syntax tree), no functions.
//
// The worker holds each topology document's text, kept in step the way the Language Server
// Protocol's incremental sync does: the whole text once (`open`), then only the edits (`change`).
// A version gap (an edit missed) makes the worker ask for the whole text again (`resync`).
import type { AnalyzeOptions, SeverityCounts } from '../core';
import type { WorkerServices } from './workerServices';

/**
 * The whole text of a document: on first use, after a version gap, and for files read from disk
 * (version undefined). With `more`, the text continues in `append` messages (a huge document is
 * sent in pieces, one per turn of the host's event loop); the worker uses it once complete.
 */
export interface OpenRequest {
  type: 'open';
  key: string;
  version: number | undefined;
  text: string;
  more?: boolean;
}

/** The next piece of a document's text after `open` (or the last `append`) with `more`. */
export interface AppendRequest {
  type: 'append';
  key: string;
  text: string;
  more: boolean;
}

/** One edit: the text that replaces `length` UTF-16 units at `offset` (VS Code's rangeOffset/rangeLength). */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/** The edits that took the document from `from` to `version`, applied in order (as VS Code's contentChanges are). */
export interface ChangeRequest {
  type: 'change';
  key: string;
  from: number;
  version: number;
  changes: TextChange[];
}

export interface AnalyzeRequest {
  type: 'analyze';
  id: number;
  /** One analyzer per document: the URI. */
  key: string;
  /** The version of the text to analyze; the worker answers `resync` when it holds another. */
  version: number | undefined;
  options: AnalyzeOptions;
  /** Compute the CodeLens lines (they need the syntax tree, built in the worker only then). */
  lenses: boolean;
  /**
   * The id of the result the host shows for this document, if any: the answer then leaves out
   * what did not change since (AnalyzeResult).
   */
  base: number | undefined;
}

/** The document was closed: its text, analyzer and last analysis go. */
export interface ForgetRequest {
  type: 'forget';
  key: string;
}

/** A call of one of the worker's services (workerServices.ts): hover, quick fixes, the report, imports… */
export interface CallRequest {
  type: 'call';
  id: number;
  service: keyof WorkerServices;
  args: unknown[];
}

export type HostToWorker = OpenRequest | AppendRequest | ChangeRequest | AnalyzeRequest | ForgetRequest | CallRequest;

/**
 * The CodeLens lines above the switches, computed where the model is: lens i is at
 * (lines[i], characters[i]) with titles[i]. Arrays rather than an object per lens, so thousands
 * cross to the host at the cost of a copy.
 */
export interface LensLines {
  lines: Int32Array;
  characters: Int32Array;
  titles: string[];
}

/**
 * The CodeLens titles that changed, when nothing else did (lensChanges.ts): lens indices[k]'s
 * title is now titles[k].
 */
export interface LensTitles {
  indices: Int32Array;
  titles: string[];
}

/** What the editor shows of an analysis besides its findings; the model itself stays in the worker. */
export interface EditorSummary {
  lenses: LensLines;
  /** The status bar's worst figure of the file, if any. */
  worst: string | undefined;
}

/**
 * An analysis as the host needs it. With `base` set, a `null` slice or `lenses` is as in the
 * result `base` (the one the host said it shows), and `lenses` may hold only the changed titles;
 * without, everything is here.
 */
export interface AnalyzeResult {
  type: 'result';
  id: number;
  base: number | undefined;
  /** Per slice (shownFindings.ts), the JSON of its shown findings, or null where unchanged since `base`. */
  findings: (string | null)[];
  counts: SeverityCounts;
  /** How many findings (after edpDesigner.maxProblems). */
  total: number;
  truncated: number;
  lenses: LensLines | LensTitles | null;
  worst: string | undefined;
  /** Milliseconds the analysis took in the worker. */
  ms: number;
}

/** A newer request for the same document came before this one started: it was not analyzed. */
export interface SkippedResult {
  type: 'skipped';
  id: number;
}

/** The worker does not hold the requested version of the text: send it whole, then ask again. */
export interface ResyncResult {
  type: 'resync';
  id: number;
}

export interface FailedResult {
  type: 'failed';
  id: number;
  message: string;
}

export interface CallResult {
  type: 'answer';
  id: number;
  value: unknown;
}

export type WorkerToHost = AnalyzeResult | SkippedResult | ResyncResult | FailedResult | CallResult;

/**
 * The worker's nice value (Linux). On a machine with few cores the analysis competes for a CPU
 * with the extension host's thread, which every extension shares: at nice 10 the kernel gives the
 * host about nine times the worker's share when both want one, and the worker all of an idle CPU.
 */
export const ANALYSIS_NICE = 10;
