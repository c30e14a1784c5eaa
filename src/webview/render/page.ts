// The whole report page as one string: header, cluster overview, hosts, findings. The panel and
// the exported HTML both run this (main.ts sets it as innerHTML; every file string is escaped).
import { htmlEscape as esc, plural, type ReportViewModel, severityCountsText } from '../../core';
import { findingsList } from './findings';
import { hostSection } from './host';
import { overviewTable } from './overview';
import { section } from './section';
import { setChartRoom } from './svg';
import type { UiState } from './state';

interface PageOptions {
  /** In the panel: findings are buttons that show their range in the editor. */
  interactive: boolean;
  /** Said above the report, e.g. that the file was closed and this is its last analysis. */
  banner?: string;
  /** The page's width in CSS pixels (the panel's); charts are drawn to fit it. Unknown: a default size. */
  width?: number;
}

/** Horizontal room the page takes around a host's charts: body, host box and section padding (media/report.css). */
export const CHART_INSET = 96;

export function reportPage(report: ReportViewModel, ui: UiState, options: PageOptions): string {
  setChartRoom(options.width !== undefined ? options.width - CHART_INSET : undefined);
  const meta = [report.topologyName ? `topology "${report.topologyName}"` : '', report.release ?? '', plural(report.hosts.length, 'host'), `findings: ${severityCountsText(report.counts, true)}`]
    .filter(Boolean)
    .join(' · ');
  const parts = [
    `<header class="report-header"><h1>Datapath report: ${esc(report.fileName)}</h1><p class="meta">${esc(meta)}</p></header>`,
    options.banner ? `<p class="banner">${esc(options.banner)}</p>` : '',
    report.notice ? `<p class="notice">${esc(report.notice)}</p>` : '',
  ];
  if (report.hosts.length > 0) {
    parts.push(section({ key: 'overview', title: 'Cluster overview', chart: () => overviewTable(report, ui) }, ui));
    parts.push(`<div class="hosts">${report.hosts.map((h) => hostSection(h, report, ui)).join('')}</div>`);
  }
  parts.push(section({ key: 'findings', title: `Findings (${report.findings.length})`, chart: () => findingsList(report, options.interactive) }, ui));
  return parts.join('');
}

/** Shown before the first report arrives, or when there is none to show. */
export function placeholderPage(message: string): string {
  return `<p class="placeholder">${esc(message)}</p>`;
}
