// The cluster overview: one row per host with its worst figures, sortable by any column
// (header buttons, so keyboard users sort with Enter/Space).
import { cores, htmlEscape as esc, pct, rate, type ReportHost, type ReportViewModel, severityCountsText } from '../../core';
import type { OverviewColumn, UiState } from './state';

const COLUMNS: { id: OverviewColumn; label: string; numeric: boolean }[] = [
  { id: 'name', label: 'Host', numeric: false },
  { id: 'maxUtilization', label: 'Max lcore utilization', numeric: true },
  { id: 'minHitRate', label: 'Min hit rate', numeric: true },
  { id: 'dropRate', label: 'Drops', numeric: true },
  { id: 'coresUsed', label: 'Cores used', numeric: true },
  { id: 'findings', label: 'Findings E/W/I', numeric: true },
];

/** Findings weigh by severity so that errors sort above any number of warnings. */
function findingsWeight(h: ReportHost): number {
  return h.counts.error * 1e6 + h.counts.warning * 1e3 + h.counts.info;
}

function sortValue(h: ReportHost, column: OverviewColumn): number | string {
  switch (column) {
    case 'name': return h.name;
    case 'maxUtilization': return h.worst.maxUtilization;
    case 'minHitRate': return h.worst.minHitRate ?? 2;
    case 'dropRate': return h.worst.dropRate;
    case 'coresUsed': return h.worst.coresUsed;
    case 'findings': return findingsWeight(h);
  }
}

export function sortedHosts(hosts: readonly ReportHost[], sort: UiState['sort']): ReportHost[] {
  const dir = sort.descending ? -1 : 1;
  return [...hosts].sort((a, b) => {
    const va = sortValue(a, sort.column);
    const vb = sortValue(b, sort.column);
    const c = typeof va === 'string' ? va.localeCompare(vb as string, undefined, { numeric: true }) : va - (vb as number);
    return c * dir || a.index - b.index;
  });
}

export function overviewTable(report: ReportViewModel, ui: UiState): string {
  const t = report.thresholds;
  const head = COLUMNS.map((c) => {
    const active = ui.sort.column === c.id;
    const aria = active ? ` aria-sort="${ui.sort.descending ? 'descending' : 'ascending'}"` : '';
    const arrow = active ? (ui.sort.descending ? ' ▼' : ' ▲') : '';
    return `<th scope="col"${aria}${c.numeric ? ' class="num"' : ''}><button type="button" class="sort" data-action="sort" data-column="${c.id}">${esc(c.label)}<span aria-hidden="true">${arrow}</span></button></th>`;
  }).join('');
  const rows = sortedHosts(report.hosts, ui.sort).map((h) => {
    const w = h.worst;
    const name = `<button type="button" class="link-button" data-action="select-host" data-host="${esc(h.name)}">${esc(h.name)}</button>`;
    const cluster = h.cluster ? `<span class="sub"> ${esc(h.cluster)}</span>` : '';
    const cls = (bad: boolean) => (bad ? ' class="num bad"' : ' class="num"');
    return (
      `<tr${ui.selectedHost === h.name ? ' class="selected"' : ''}><th scope="row">${name}${cluster}</th>` +
      `<td${cls(w.maxUtilization > t.utilization)}>${esc(pct(w.maxUtilization))}</td>` +
      `<td${cls(w.minHitRate !== undefined && w.minHitRate < t.hitRate)}>${w.minHitRate === undefined ? '<span class="sub">no traffic</span>' : esc(pct(w.minHitRate))}</td>` +
      `<td${cls(w.dropRate > 0)}>${w.dropRate > 0 ? esc(`${pct(w.dropRate)} (${rate(w.droppedPps)})`) : 'none'}</td>` +
      `<td class="num">${esc(cores(w.coresUsed))}</td>` +
      `<td${cls(h.counts.error > 0)} title="${esc(severityCountsText(h.counts, true))}">${h.counts.error} / ${h.counts.warning} / ${h.counts.info}</td></tr>`
    );
  }).join('');
  return `<table class="data overview"><caption>Worst figures per host (thresholds: utilization ${esc(pct(t.utilization))}, hit rate ${esc(pct(t.hitRate))}). Sort by a header; open a host by its name.</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}
