// `--format json`: one document, 0-based lines and characters as VS Code counts them (DESIGN §5).
import type { Finding, Range } from '../core';
import { type CheckedFile, severityCounts } from './checked';

export function jsonReport(files: readonly CheckedFile[]): object {
  return {
    version: 1,
    files: files.map((f) => ({
      file: f.display,
      findings: f.analysis.findings.map(jsonFinding),
      model: f.analysis.model ?? null,
      // Findings beyond --max-problems: a consumer must know the list is cut short.
      truncated: f.analysis.truncated,
    })),
    summary: severityCounts(files),
  };
}

function jsonFinding(f: Finding): object {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    path: f.path,
    range: rangeOf(f.range),
    ...(f.related?.length
      ? { related: f.related.map((r) => ({ path: r.path, message: r.message, range: rangeOf(r.range) })) }
      : {}),
  };
}

/** analyze() always locates findings; the fallback keeps the documented shape if one is not. */
function rangeOf(range: Range | undefined): Range {
  const r = range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}
