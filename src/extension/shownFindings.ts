// What the editor shows of a file's findings, in the form they cross from the analysis worker to
// the extension host (issue 14). Pure: both bundles use it.
//
// A file's findings are spread over a few slices by host (the diagnostics publisher sets one
// collection per slice), and each slice crosses as one JSON string of just what a diagnostic
// shows. Structured-cloning a thousand findings as objects took the host's thread 40–65 ms in one
// go, before any of our code ran (native deserialization); strings cross at the cost of a copy, and
// the host parses one slice per turn of its event loop when it sets it. The worker sends only the
// slices that changed since the result the host shows.
import type { Finding, Range, Severity } from '../core';

/**
 * Slices a file's findings are spread over, by host index. An edit of one host changes its slice
 * (and, at edpDesigner.maxProblems, the one where the cut falls): VS Code converts and sends all
 * diagnostics of a changed slice again, so the more slices, the fewer per edit (at 1000 findings
 * ~16 each rather than ~60 with 16 slices: a quarter of the host's conversion and allocation).
 */
export const SLICES = 64;

/** What a diagnostic shows of a finding: rule, severity, message, range, related locations. */
export interface ShownFinding {
  rule: string;
  severity: Severity;
  message: string;
  range?: Range;
  related?: { message: string; range?: Range }[];
}

function sliceOf(f: Pick<Finding, 'about'>): number {
  const host = f.about?.host;
  return host === undefined ? 0 : host % SLICES;
}

function shown(f: Finding): ShownFinding {
  const s: ShownFinding = { rule: f.rule, severity: f.severity, message: f.message, range: f.range };
  if (f.related?.length) s.related = f.related.map((r) => ({ message: r.message, range: r.range }));
  return s;
}

/** The findings' slices, each as the JSON of its ShownFinding[] (in the findings' order). */
export function findingSlices(findings: readonly Finding[]): string[] {
  const slices: ShownFinding[][] = Array.from({ length: SLICES }, () => []);
  for (const f of findings) slices[sliceOf(f)].push(shown(f));
  return slices.map((s) => JSON.stringify(s));
}

/** A slice as the worker sent it. */
export function parseSlice(json: string): ShownFinding[] {
  return JSON.parse(json) as ShownFinding[];
}
