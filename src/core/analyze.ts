// The one entry point: text → findings + model. Never throws on user input (DESIGN §1).
// The pipeline lives in analyzer.ts, shared with the incremental analyzer (createAnalyzer).
import type { Node } from 'jsonc-parser';
import { analyzeOnce, DEFAULT_MAX_PROBLEMS } from './analyzer';
import type { Finding } from './findings';
import type { LineIndex } from './text';
import type { SeveritySetting, Topology } from './topology';
import type { DatapathModel } from './model';
import type { NicCatalog } from './readiness';

export { DEFAULT_MAX_PROBLEMS };

export interface AnalyzeOptions {
  /** Per-rule severities from the user's settings; they win over the file's `rules`. */
  rules?: Record<string, SeveritySetting>;
  /** Model constants and thresholds from settings; the file's `model` section wins over these. */
  model?: Record<string, number>;
  /** Cap on findings reported (the rest are counted in `truncated`). */
  maxProblems?: number;
  /** The NIC catalog readiness rules consult: mergeCatalogs(BUNDLED_CATALOG, workspace catalogs). Default: the bundled one. */
  catalog?: NicCatalog;
  /** Milliseconds the analysis may take, checked between stages and between hosts; past it, the rest is skipped with an analysis/budget-exceeded finding. */
  budgetMs?: number;
  /** Milliseconds on the budget's clock (default `performance.now`); a test counts instead of timing. */
  budgetClock?: () => number;
}

export interface Analysis {
  findings: Finding[];
  /** Findings dropped by `maxProblems`. */
  truncated: number;
  /** The datapath model; absent when the file is not structurally valid. */
  model: DatapathModel | undefined;
  /** The validated topology; absent when parsing or the schema check failed. */
  topology: Topology | undefined;
  /**
   * The syntax tree, built on first read (locating findings never needs it) and held weakly;
   * not enumerable, so it does not cross postMessage or JSON.
   */
  readonly root: Node | undefined;
  lines: LineIndex;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeOnce(text, options);
}
