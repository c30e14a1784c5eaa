// One host: a disclosure button, and when expanded its sections (NUMA map, Thread Load Balancer,
// flow cache, mbuf, capacity). Collapsed hosts cost one line of markup, so 100 hosts stay smooth.
import { cores, htmlEscape as esc, pct, type ReportHost, type ReportViewModel, severityCountsText } from '../../core';
import { cacheChart, cacheTable } from './cache';
import { measuredTable } from './measured';
import { capacityChart, capacityTable } from './capacity';
import { mbufChart, mbufTable } from './mbuf';
import { numaMap, numaTable } from './numaMap';
import { section } from './section';
import { sectionKey, type UiState } from './state';
import { coresChart, coresExplained, coresTable, utilizationChart, utilizationTable } from './tlb';

/** The id of a host's element, for scrolling to it (index-based: names may repeat or hold anything). */
export function hostElementId(host: ReportHost): string {
  return `host-${host.index}`;
}

function perSwitch(host: ReportHost, render: (s: ReportHost['switches'][number]) => string): string {
  if (host.switches.length === 0) return '<p class="empty">This host has no switches.</p>';
  return host.switches.map((s) => `<div class="switch-block"><h4>Switch ${esc(s.name)} <span class="sub">${esc(s.mode)}</span></h4>${render(s)}</div>`).join('');
}

export function hostSection(host: ReportHost, report: ReportViewModel, ui: UiState): string {
  const expanded = ui.expanded.includes(host.name);
  const t = report.thresholds;
  const w = host.worst;
  const summary = `max ${pct(w.maxUtilization)} · ${cores(w.coresUsed)} cores · ${severityCountsText(host.counts, true)}`;
  const badge = host.counts.error > 0 ? 'badge badge-error' : host.counts.warning > 0 ? 'badge badge-warning' : 'badge';
  const head =
    `<h2><button type="button" class="disclosure host-toggle" data-action="toggle-host" data-host="${esc(host.name)}" aria-expanded="${expanded}">` +
    `<span class="chevron" aria-hidden="true">${expanded ? '▾' : '▸'}</span>${esc(host.name)}` +
    `${host.cluster ? `<span class="sub"> ${esc(host.cluster)}</span>` : ''}<span class="${badge}">${esc(summary)}</span></button></h2>`;
  if (!expanded) return `<section class="host collapsed" id="${hostElementId(host)}">${head}</section>`;
  const key = (s: string) => sectionKey(host.name, s);
  const cpu = `${host.cpuModel ? `${host.cpuModel}, ` : ''}${host.ghz} GHz`;
  const body = [
    section({ key: key('numa'), title: 'NUMA map', caption: `${cpu}. NIC → switch → lcores → VM; highlighted lines cross NUMA nodes.`, chart: () => numaMap(host, report), table: () => numaTable(host, report) }, ui),
    section({
      key: key('tlb'),
      title: 'Thread Load Balancer',
      caption: `Utilization of each lcore, grouped by NUMA node; threshold ${pct(t.utilization)} (tlb.utilization). Hover a bar for its queues.`,
      chart: () => perSwitch(host, (s) => utilizationChart(s, t)) + `<h4>Cores consumed</h4>${coresChart(host)}${coresExplained(host)}`,
      table: () => perSwitch(host, (s) => utilizationTable(s, t)) + coresTable(host),
    }, ui),
    section({
      key: key('cache'),
      title: 'Flow cache',
      caption: `Hit rate of each switch's worst lcore against flow-table size (churn included); threshold ${pct(t.hitRate)}, churn threshold ${pct(t.churn)}.`,
      chart: () => perSwitch(host, (s) => cacheChart(s, t) + measuredTable(s, t)),
      table: () => perSwitch(host, (s) => cacheTable(s, t) + measuredTable(s, t)),
    }, ui),
    section({
      key: key('mbuf'),
      title: 'Mbuf',
      caption: `Hot working set against the LLC per NUMA node, EDP mbuf beside the heritage stack; threshold ${pct(t.llcShare)} of the LLC.`,
      chart: () => mbufChart(host, t),
      table: () => mbufTable(host, t),
    }, ui),
    section({
      key: key('capacity'),
      title: 'Capacity',
      caption: 'Offered packets against the uplinks\' line rate and the lcores\' capacity; predicted drops.',
      chart: () => perSwitch(host, (s) => capacityChart(s)),
      table: () => perSwitch(host, (s) => capacityTable(s)),
    }, ui),
  ].join('');
  return `<section class="host expanded" id="${hostElementId(host)}">${head}<div class="host-body">${body}</div></section>`;
}
