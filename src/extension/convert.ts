// Core findings → VS Code diagnostics. Ranges are already in VS Code's units (0-based lines,
// UTF-16 characters), so this is a field-by-field copy.
import * as vscode from 'vscode';
import { type Range, ruleDocUrl, type Severity } from '../core';
import type { ShownFinding } from './shownFindings';

export const DIAGNOSTIC_SOURCE = 'edp';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toRange(range: Range | undefined): vscode.Range {
  if (!range) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** One parsed documentation link per rule: a file with a thousand findings of a rule shares it. */
const docLinks = new Map<string, vscode.Uri>();
function docLink(rule: string): vscode.Uri {
  let link = docLinks.get(rule);
  if (!link) docLinks.set(rule, (link = vscode.Uri.parse(ruleDocUrl(rule))));
  return link;
}

export function toDiagnostic(finding: ShownFinding, uri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  // The rule id is what code actions match on and what users put in edpDesigner.rules.
  d.code = { value: finding.rule, target: docLink(finding.rule) };
  if (finding.related?.length) {
    d.relatedInformation = finding.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message),
    );
  }
  return d;
}
