// `--format json`: one document, 0-based lines and characters as VS Code counts them (DESIGN §5).
// Written file by file (each file's element is formatted where it was checked), so memory does
// not grow with the number of files. The model leaves out each switch's `cacheCurve`: computing
// it costs a solver run per table size, more than the rest of the analysis; the report
// (`--report`) draws it.
import { countSeverities, type Finding, modelWithoutCurves, type Range, type SeverityCounts } from '../core';
import type { CheckedFile } from './checked';

/** The whole document at once (the CLI writes it piece by piece with JsonReportWriter). */
export function jsonReport(files: readonly CheckedFile[]): object {
  const summary: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of files) countSeverities(f.analysis.findings, summary);
  return { version: 1, files: files.map(jsonElement), summary };
}

/** One element of `files`. */
function jsonElement(f: CheckedFile): object {
  return {
    file: f.display,
    findings: f.analysis.findings.map(jsonFinding),
    model: f.analysis.model ? modelWithoutCurves(f.analysis.model) : null,
    // Findings beyond --max-problems: a consumer must know the list is cut short.
    truncated: f.analysis.truncated,
  };
}

/** One element of `files`, as JSON.stringify(…, null, 2) indents it inside the document. */
export function jsonFile(f: CheckedFile): string {
  return `    ${JSON.stringify(jsonElement(f), null, 2).replace(/\n/g, '\n    ')}`;
}

/** Writes `{ "version": 1, "files": [ … ], "summary": … }` piece by piece, byte for byte what JSON.stringify(report, null, 2) gives. */
export class JsonReportWriter {
  private files = 0;

  constructor(private readonly write: (text: string) => void) {
    write('{\n  "version": 1,\n  "files": [');
  }

  file(element: string): void {
    this.write(`${this.files++ === 0 ? '\n' : ',\n'}${element}`);
  }

  end(summary: SeverityCounts): void {
    this.write(`${this.files > 0 ? '\n  ]' : ']'},\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`);
  }
}

function jsonFinding(f: Finding): object {
  return {
    rule: f.rule,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    path: f.path,
    about: { ...f.about },
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
