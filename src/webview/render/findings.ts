// The findings, grouped by severity then rule. In the panel each one is a button that shows its
// range in the editor; in an exported file they are plain text with the line and column.
import type { ReportFinding, ReportViewModel } from '../../core/report/viewModel';
import { esc } from './escape';

const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const;
const ICONS = { error: '⛔', warning: '⚠', info: 'ℹ' } as const;

function where(f: ReportFinding): string {
  return f.range ? `Ln ${f.range.start.line + 1}, Col ${f.range.start.character + 1}` : f.path || '(document)';
}

function findingItem(f: ReportFinding, interactive: boolean): string {
  const body = `<span class="icon icon-${f.severity}" aria-hidden="true">${ICONS[f.severity]}</span><span class="message">${esc(f.message)}</span><span class="where">${esc(where(f))}</span>`;
  return interactive
    ? `<li><button type="button" class="finding finding-${f.severity}" data-action="reveal" data-finding="${f.id}" title="Show in the editor">${body}</button></li>`
    : `<li><div class="finding finding-${f.severity}">${body}</div></li>`;
}

export function findingsList(report: ReportViewModel, interactive: boolean): string {
  if (report.findings.length === 0) return '<p class="empty ok">No findings: the design passes every rule.</p>';
  const out: string[] = [];
  let severity: string | undefined;
  for (const g of report.findingGroups) {
    if (g.severity !== severity) {
      if (severity !== undefined) out.push('</div>');
      severity = g.severity;
      out.push(`<div class="severity-group"><h4 class="severity-${g.severity}">${HEADINGS[g.severity]} (${report.counts[g.severity]})</h4>`);
    }
    out.push(`<h5><code>${esc(g.rule)}</code> <span class="sub">${g.findings.length}</span></h5><ul class="findings">${g.findings.map((id) => findingItem(report.findings[id], interactive)).join('')}</ul>`);
  }
  out.push('</div>');
  if (report.truncated > 0) out.push(`<p class="sub">${report.truncated} more finding(s) over the maxProblems limit are not listed.</p>`);
  return out.join('');
}
