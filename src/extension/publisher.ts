// The diagnostics publisher: one DiagnosticCollection ('edp') for every topology file.
import * as vscode from 'vscode';
import { fileTooLargeAnalysis, type Finding, type SeverityCounts, type SeveritySetting } from '../core';
import { toDiagnostic } from './convert';

export type Counts = SeverityCounts;

function countsOf(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) {
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
    else counts.info++;
  }
  return counts;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('edp');

  /**
   * Publishes every finding, syntax and structure included, exactly as edp-check reports them:
   * topology files have their own language id, so VS Code's JSON service adds nothing of its own.
   */
  publish(uri: vscode.Uri, findings: readonly Finding[]): Counts {
    const diagnostics = findings.map((f) => toDiagnostic(f, uri));
    this.collection.set(uri, diagnostics);
    return countsOf(diagnostics);
  }

  /**
   * Said once, at the top of the file, as edp-check says it of a file over its cap (same rule,
   * graded by the same settings): the editor stays responsive, and the user knows why it is quiet.
   */
  publishTooLarge(uri: vscode.Uri, size: number, capMB: number, rules: Record<string, SeveritySetting>): Counts {
    const analysis = fileTooLargeAnalysis(size, capMB * 1024 * 1024, 'edpDesigner.maxFileSizeMB', 'Raise the setting (up to 50 MB) to analyze it, or split the design into smaller files.', { rules });
    return this.publish(uri, analysis.findings);
  }

  /** true when something was removed. */
  clear(uri: vscode.Uri): boolean {
    if (!this.collection.has(uri)) return false;
    this.collection.delete(uri);
    return true;
  }

  has(uri: vscode.Uri): boolean {
    return this.collection.has(uri);
  }

  counts(uri: vscode.Uri): Counts {
    return countsOf(this.collection.get(uri) ?? []);
  }

  /** Every URI with published diagnostics. */
  uris(): vscode.Uri[] {
    const uris: vscode.Uri[] = [];
    this.collection.forEach((uri) => void uris.push(uri));
    return uris;
  }

  dispose(): void {
    this.collection.dispose();
  }
}
