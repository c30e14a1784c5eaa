// Checking one file: read, analyze, format, and hand back only the text to write (the analysis
// dies here, so memory does not grow with the number of files). check-pool.ts runs this on
// several threads at once.
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

export interface FileToCheck {
  /** Position in the output. */
  index: number;
  display: string;
  absolute: string;
}

export type FileOutcome =
  /** `internal`: the checker failed (a bug, or its thread died), not the file's reading. */
  | { index: number; error: string; internal?: true }
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

/** checkFile(), with a failure of the checker itself as this file's error: the other files are still checked. */
export function checkFileSafely(file: FileToCheck, settings: CheckSettings): FileOutcome {
  try {
    return checkFile(file, settings);
  } catch (e) {
    return internalError(file.index, e);
  }
}

export function internalError(index: number, e: unknown): FileOutcome {
  return { index, error: (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' '), internal: true };
}

function checkFile(file: FileToCheck, settings: CheckSettings): FileOutcome {
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
