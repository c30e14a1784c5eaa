// The result of checking one file, shared by the output formats.
import type { Analysis, Finding, Severity } from '../core';

export interface CheckedFile {
  display: string;
  absolute: string;
  analysis: Analysis;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function failsAt(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
