// The findings, grouped by severity then rule. In the panel each one is a button that shows its
// range in the editor; in an exported file they are plain text with the line and column.
import { htmlEscape as esc, plural, type ReportFinding, type ReportViewModel } from '../../core';

const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const;
// Codicons are not bundled: three small inline SVG glyphs (coloured by CSS through currentColor).
const ICONS = {
  error: '<svg class="glyph" viewBox="0 0 16 16" width="14" height="14"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="currentColor" stroke-width="1.5"/></svg>',
  warning: '<svg class="glyph" viewBox="0 0 16 16" width="14" height="14"><path d="M8 1.8l6.6 12H1.4z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/><path d="M8 6v4M8 11.5v1.5" stroke="currentColor" stroke-width="1.5"/></svg>',
  info: '<svg class="glyph" viewBox="0 0 16 16" width="14" height="14"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 7v5M8 4v1.6" stroke="currentColor" stroke-width="1.5"/></svg>',
} as const;

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
  if (report.truncated > 0) out.push(`<p class="sub">${plural(report.truncated, 'more finding')} over the maxProblems limit are not listed.</p>`);
  return out.join('');
}
