// The analysis pipeline written the plain way (jsonc-parser's value and syntax tree, spanAt,
// whole-document rules): the oracle the fast pipeline and the incremental analyzer are tested
// against. Not used by the product.
import type { Node } from 'jsonc-parser';
import type { Analysis, AnalyzeOptions } from '../../src/core/analyze';
import type { Finding, RawFinding, Severity } from '../../src/core/findings';
import { computeModel, type DatapathModel } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { spanAt } from '../../src/core/pointer';
import { readinessFindings } from '../../src/core/readiness';
import { checkReferences } from '../../src/core/rules/references';
import { aboutOfPath } from '../../src/core/about';
import { ruleInfo, ruleKind } from '../../src/core/rules/registry';
import { checkStructure } from '../../src/core/schema';
import { LineIndex } from '../../src/core/text';
import type { SeveritySetting, Topology } from '../../src/core/topology';

export function referenceAnalyze(text: string, options: AnalyzeOptions = {}): Omit<Analysis, 'root'> {
  const lines = new LineIndex(text);
  const parsed = parseDocument(text);
  let raw: RawFinding[] = parsed.errors;
  let topology: Topology | undefined;
  let model: DatapathModel | undefined;
  if (raw.length === 0) {
    const structure = checkStructure(parsed.value);
    raw = structure.findings;
    if (structure.typesHold) {
      topology = parsed.value as Topology;
      raw.push(...checkReferences(topology));
      raw.push(...readinessFindings(topology, options.catalog));
      const result = computeModel(topology, { ...options.model, ...topology.model });
      model = result.model;
      raw.push(...result.findings);
    }
  }
  const severities: Record<string, SeveritySetting> = { ...topology?.rules, ...options.rules };
  const graded = raw.flatMap((f) => {
    const severity = gradeOf(f, severities);
    return severity ? [{ ...f, severity }] : [];
  });
  const kept = graded.slice(0, options.maxProblems ?? 1000);
  return { findings: locate(kept, parsed.root, lines), truncated: graded.length - kept.length, topology, model, lines };
}

function gradeOf(f: RawFinding, severities: Record<string, SeveritySetting>): Severity | undefined {
  if (ruleInfo(f.rule)?.locked) return ruleInfo(f.rule)!.severity;
  const setting = severities[f.rule];
  if (setting === 'off') return undefined;
  return setting ?? f.severity ?? ruleInfo(f.rule)?.severity ?? 'warning';
}

function locate(raw: RawFinding[], root: Node | undefined, lines: LineIndex): Finding[] {
  return raw
    .map((f): Finding => {
      const span = f.span ?? spanAt(root, f.path, f.target);
      const finding: Finding = { rule: f.rule, kind: ruleKind(f.rule), severity: f.severity ?? ruleInfo(f.rule)?.severity ?? 'error', message: f.message, path: f.path, about: { ...aboutOfPath(f.path), ...f.about }, span, range: lines.rangeOf(span) };
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
