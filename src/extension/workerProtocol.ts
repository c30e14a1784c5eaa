// The messages between the extension host and the analysis worker (analysisWorker.ts). Pure types.
// They cross the thread boundary by structured clone, so they hold plain data only: no class
// instances (LineIndex), no getters (the syntax tree), no functions.
import type { AnalyzeOptions, Finding, Position } from '../core';

export interface AnalyzeRequest {
  type: 'analyze';
  id: number;
  /** One analyzer per document: the URI. */
  key: string;
  text: string;
  options: AnalyzeOptions;
  /** Compute the CodeLens lines (they need the syntax tree, built in the worker only then). */
  lenses: boolean;
}

/** The document was closed: its analyzer goes. */
export interface ForgetRequest {
  type: 'forget';
  key: string;
}

export type HostToWorker = AnalyzeRequest | ForgetRequest;

/** A CodeLens line above a switch, computed where the model is. */
export interface SwitchLens {
  host: number;
  switch: number;
  position: Position;
  title: string;
}

/** What the editor shows of an analysis without reading its model (which the host decodes only on demand). */
export interface EditorSummary {
  lenses: SwitchLens[];
  /** The status bar's worst figure of the file, if any. */
  worst: string | undefined;
}

export interface AnalyzeResult {
  type: 'result';
  id: number;
  findings: Finding[];
  truncated: number;
  /**
   * `{ model, topology }` serialized with v8.serialize, transferred (not copied): decoding
   * megabytes of model on the host thread costs more than 50 ms, so it happens only when a
   * feature reads the model (hover, report, quick fixes), never on a keystroke.
   */
  data: ArrayBuffer | undefined;
  summary: EditorSummary;
  /** Milliseconds the analysis took in the worker. */
  ms: number;
}

/** A newer request for the same document came before this one started: it was not analyzed. */
export interface SkippedResult {
  type: 'skipped';
  id: number;
}

export interface FailedResult {
  type: 'failed';
  id: number;
  message: string;
}

export type WorkerToHost = AnalyzeResult | SkippedResult | FailedResult;
