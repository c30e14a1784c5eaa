// Checking many files on all cores: a pool of worker threads, each reading, analyzing and
// formatting whole files and handing back only the text to write (the analysis stays and dies
// in the worker, so memory does not grow with the number of files). Output keeps file order.
import { Worker } from 'node:worker_threads';
import { type Analysis, analyze, countSeverities, fileTooLargeAnalysis, type Finding, type NicCatalog, type Severity, type SeverityCounts } from '../core';
import type { OutputFormat } from './args';
import { type CheckedFile, failsAt } from './checked';
import { jsonFile } from './format-json';
import { textFile } from './format-text';
import { readTopologyFile } from './read';

/** What every file is checked with (sent to each worker once). */
export interface CheckSettings {
  format: OutputFormat;
  failOn: Severity;
  maxProblems: number;
  color: boolean;
  /** --quiet: text output is the finding lines only. */
  quiet: boolean;
  catalog: NicCatalog;
}

/** Milliseconds one file's analysis may take (docs/RULES.md, analysis/budget-exceeded). */
const CLI_BUDGET_MS = 60_000;

/**
 * A worker's young generation: with the default, a worker spent much of its time in scavenges
 * (each file allocates its parsed text and model anew); 64 MB measured best of 0/32/64/128/256.
 */
const YOUNG_GENERATION_MB = 64;

export interface FileToCheck {
  /** Position in the output. */
  index: number;
  display: string;
  absolute: string;
}

export type FileOutcome =
  | { index: number; error: string }
  | {
      index: number;
      /** The file's text or JSON output ('' for SARIF, which is written whole at the end). */
      output: string;
      counts: SeverityCounts;
      /** Findings left out by --max-problems. */
      truncated: number;
      fails: boolean;
      /** For SARIF only. */
      findings?: Finding[];
      /** Over the size cap: not analyzed (its one finding, analysis/file-too-large, says so); exit 2. */
      unanalyzed?: true;
    };

export function checkFile(file: FileToCheck, settings: CheckSettings): FileOutcome {
  const read = readTopologyFile(file.absolute);
  if ('error' in read) return read.tooLarge ? tooLargeOutcome(file, read.tooLarge, settings) : { index: file.index, error: read.error };
  return outcomeOf(file.index, { display: file.display, absolute: file.absolute, analysis: analyzeFile(read.text, settings) }, settings);
}

/** A file over the cap gets the finding the editor shows for a file over its own cap (same rule id). */
export function tooLargeOutcome(file: FileToCheck, tooLarge: { size: number; maxBytes: number }, settings: CheckSettings): FileOutcome {
  const analysis = fileTooLargeAnalysis(tooLarge.size, tooLarge.maxBytes, 'edp-check', 'Split the design into smaller files (one cluster or rack per file).');
  return { ...outcomeOf(file.index, { display: file.display, absolute: file.absolute, analysis }, settings), unanalyzed: true };
}

export function analyzeFile(text: string, settings: CheckSettings): Analysis {
  return analyze(text, { maxProblems: settings.maxProblems, catalog: settings.catalog, budgetMs: CLI_BUDGET_MS });
}

/** What to write for a checked file, and what it adds to the summary and exit code. */
export function outcomeOf(index: number, checked: CheckedFile, settings: CheckSettings): FileOutcome {
  const findings = checked.analysis.findings;
  const counts = countSeverities(findings);
  const fails = failsAt(findings, settings.failOn);
  const truncated = checked.analysis.truncated;
  if (settings.format === 'sarif') return { index, output: '', counts, truncated, fails, findings };
  const output = settings.format === 'json' ? jsonFile(checked) : textFile(checked, { color: settings.color, quiet: settings.quiet });
  return { index, output, counts, truncated, fails };
}

/**
 * Checks `files` with `workers` worker threads started from `script` (the edp-check bundle, which
 * serves checks when it runs in a worker), or in this thread when there is one worker or no
 * script; `each` gets the outcomes in file order. A worker that dies leaves its file to this thread.
 */
export async function checkFiles(files: readonly FileToCheck[], settings: CheckSettings, workers: number, script: string | undefined, each: (o: FileOutcome) => void): Promise<void> {
  if (workers <= 1 || !script || files.length < 2) {
    for (const file of files) each(checkFile(file, settings));
    return;
  }
  await new Promise<void>((resolve) => {
    // Outcomes wait here for the files before them; no more than `window` files are ahead of
    // the output at any time, so what waits stays small.
    const ready = new Map<number, FileOutcome>();
    const window = workers * 4;
    let next = 0;
    let dispatched = 0;
    let finished = false;
    const slots: { worker: Worker; busy: FileToCheck | undefined; alive: boolean }[] = [];
    const done = () => {
      if (finished) return;
      finished = true;
      for (const slot of slots) void slot.worker.terminate();
      resolve();
    };
    const emit = () => {
      for (let o = ready.get(next); o; o = ready.get(next)) {
        ready.delete(next++);
        each(o);
      }
      if (next === files.length) done();
    };
    const feed = () => {
      for (const slot of slots) {
        if (!slot.alive || slot.busy || dispatched >= files.length || dispatched >= next + window) continue;
        slot.busy = files[dispatched++];
        slot.worker.postMessage(slot.busy);
      }
      // Every worker died: finish here.
      if (slots.every((s) => !s.alive)) {
        while (dispatched < files.length) {
          const file = files[dispatched++];
          ready.set(file.index, checkFile(file, settings));
        }
        emit();
      }
    };
    for (let i = 0; i < workers; i++) {
      const slot = { worker: new Worker(script, { workerData: { edpCheckWorker: true, settings }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }), busy: undefined as FileToCheck | undefined, alive: true };
      slot.worker.on('message', (o: FileOutcome) => {
        slot.busy = undefined;
        ready.set(o.index, o);
        feed();
        emit();
      });
      slot.worker.on('error', () => {
        slot.alive = false;
        const file = slot.busy;
        slot.busy = undefined;
        if (file) ready.set(file.index, checkFile(file, settings));
        feed();
        emit();
      });
      slots.push(slot);
    }
    feed();
  });
}
