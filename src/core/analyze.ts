// The one entry point: text → findings + model. Never throws on user input (DESIGN §1).
import type { Node } from 'jsonc-parser';
import type { Finding, RawFinding, Severity } from './findings';
import { type ParsedDocument, parseDocument } from './parse';
import { spanAt } from './pointer';
import { ruleInfo } from './rules/registry';
import { checkReferences } from './rules/references';
import { checkStructure } from './schema';
import { LineIndex } from './text';
import type { SeveritySetting, Topology } from './topology';
import { computeModel, type DatapathModel } from './model';
import { type NicCatalog, readinessFindings } from './readiness';
import { analysisBudget } from './budget';

export interface AnalyzeOptions {
  /** Per-rule severities from the user's settings; they win over the file's `rules`. */
  rules?: Record<string, SeveritySetting>;
  /** Model constants and thresholds from settings; the file's `model` section wins over these. */
  model?: Record<string, number>;
  /** Cap on findings reported (the rest are counted in `truncated`). */
  maxProblems?: number;
  /** The NIC catalog readiness rules consult: mergeCatalogs(BUNDLED_CATALOG, workspace catalogs). Default: the bundled one. */
  catalog?: NicCatalog;
  /** Milliseconds the analysis may take, checked between stages; past it, the rest is skipped with an analysis/budget-exceeded finding. */
  budgetMs?: number;
}

export interface Analysis {
  findings: Finding[];
  /** Findings dropped by `maxProblems`. */
  truncated: number;
  /** The datapath model; absent when the file is not structurally valid. */
  model: DatapathModel | undefined;
  /** The validated topology; absent when parsing or the schema check failed. */
  topology: Topology | undefined;
  /** The syntax tree, built on first read (a clean file's analysis never needs it). */
  readonly root: Node | undefined;
  lines: LineIndex;
}

export const DEFAULT_MAX_PROBLEMS = 1000;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const lines = new LineIndex(text);
  let parsed: ParsedDocument | undefined;
  const tree = () => parsed?.root;
  const result = (findings: RawFinding[], truncated: number, topology?: Topology, model?: DatapathModel): Analysis => ({
    findings: locate(findings, tree, lines),
    truncated,
    topology,
    model,
    lines,
    get root() {
      return tree();
    },
  });
  let raw: RawFinding[];
  let topology: Topology | undefined;
  let model: DatapathModel | undefined;
  const budget = analysisBudget(options.budgetMs);
  // Runs the next stage, or records that the budget is spent (then no later stage runs).
  let stopped = false;
  const stage = (name: string, run: () => void) => {
    const over = stopped ? undefined : budget.stop(name);
    if (over) raw.push(over);
    stopped ||= over !== undefined;
    if (!stopped) run();
  };
  try {
    parsed = parseDocument(text);
    raw = parsed.errors;
    if (raw.length === 0) {
      const value = parsed.value;
      stage('the schema check', () => {
        const structure = checkStructure(value);
        raw = structure.findings;
        if (structure.typesHold) topology = value as Topology;
      });
      const valid = topology;
      if (valid) {
        stage('the reference checks', () => raw.push(...checkReferences(valid)));
        stage('the readiness checks', () => raw.push(...readinessFindings(valid, options.catalog)));
        stage('the datapath model', () => {
          const result = computeModel(valid, { ...options.model, ...valid.model });
          model = result.model;
          raw.push(...result.findings);
        });
      }
    }
  } catch (e) {
    // A bug of ours must not take the editor down; say so where the user looks.
    raw = [{ rule: 'parse/invalid-json', path: '', span: { offset: 0, length: 0 }, message: `EDP Designer could not analyze this file (internal error: ${(e as Error).message}). Please report it with the file.` }];
    return result(raw, 0);
  }
  const severities = { ...topology?.rules, ...options.rules };
  const graded = raw.flatMap((f) => {
    const severity = gradeOf(f, severities);
    return severity ? [{ ...f, severity }] : [];
  });
  const max = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  const kept = graded.slice(0, max);
  return result(kept, graded.length - kept.length, topology, model);
}

function gradeOf(f: RawFinding, severities: Record<string, SeveritySetting>): Severity | undefined {
  const setting = severities[f.rule];
  if (setting === 'off') return undefined;
  return setting ?? f.severity ?? ruleInfo(f.rule)?.severity ?? 'warning';
}

function locate(raw: RawFinding[], tree: () => Node | undefined, lines: LineIndex): Finding[] {
  if (raw.length === 0) return [];
  const root = tree();
  return raw
    .map((f): Finding => {
      const span = f.span ?? spanAt(root, f.path, f.target);
      const finding: Finding = {
        rule: f.rule,
        severity: f.severity ?? ruleInfo(f.rule)?.severity ?? 'error',
        message: f.message,
        path: f.path,
        span,
        range: lines.rangeOf(span),
      };
      if (f.related?.length) {
        finding.related = f.related.map((r) => {
          const rs = spanAt(root, r.path, r.target);
          return { path: r.path, message: r.message, span: rs, range: lines.rangeOf(rs) };
        });
      }
      return finding;
    })
    .sort((a, b) => a.span!.offset - b.span!.offset);
}
