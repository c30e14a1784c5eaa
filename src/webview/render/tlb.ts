// Thread Load Balancer: utilization of each lcore, grouped by NUMA node, against tlb.utilization;
// and the cores the host's datapath consumes in each mode.
import { cores, CORES_EXPLAINED, hitRateText, htmlEscape as esc, pct, plural, rate, type ReportHost, type ReportLcore, type ReportSwitch, type ReportThresholds } from '../../core';
import { hbars, line, rect, svgChart, text } from './svg';
import { table } from './section';

const MAX_QUEUES_IN_TOOLTIP = 16;

function lcoreTooltip(l: ReportLcore): string {
  const queues = l.assigned.slice(0, MAX_QUEUES_IN_TOOLTIP).map((a) => `  ${a.vm}/${a.vnic} queue ${a.queue}: ${rate(a.pps)}${a.remote ? ' (remote NUMA)' : ''}`);
  if (l.assigned.length > MAX_QUEUES_IN_TOOLTIP) queues.push(`  … and ${l.assigned.length - MAX_QUEUES_IN_TOOLTIP} more`);
  return [
    `lcore ${l.index} on NUMA ${l.numaNode}: ${pct(l.utilization)} utilization`,
    `${rate(l.pps)}, hit rate ${hitRateText(l.hitRate, l.pps)}, ${Math.round(l.cyclesPerPacket)} cycles/packet`,
    ...(l.dropPps > 0 ? [`overloaded: serves at most ${rate(l.capacityPps)}, drops ${rate(l.dropPps)}`] : []),
    `${plural(l.queues, 'queue')}${queues.length > 0 ? ':' : ''}`,
    ...queues,
  ].join('\n');
}

/** lcores in NUMA order (then index), with the x of each bar and of the group labels. */
function layout(lcores: readonly ReportLcore[], left: number, barW: number, gap: number, groupGap: number) {
  const sorted = [...lcores].sort((a, b) => a.numaNode - b.numaNode || a.index - b.index);
  const bars: { l: ReportLcore; x: number }[] = [];
  const groups: { node: number; x1: number; x2: number }[] = [];
  let x = left;
  for (const l of sorted) {
    const g = groups[groups.length - 1];
    if (g && g.node !== l.numaNode) x += groupGap;
    if (!g || g.node !== l.numaNode) groups.push({ node: l.numaNode, x1: x, x2: x });
    bars.push({ l, x });
    groups[groups.length - 1].x2 = x + barW;
    x += barW + gap;
  }
  return { bars, groups, right: x };
}

export function utilizationChart(sw: ReportSwitch, t: ReportThresholds): string {
  const n = sw.lcores.length;
  if (n === 0) return `<p class="empty">Switch "${esc(sw.name)}" has no lcores${sw.mode === 'standard' ? ' (standard mode: the heritage stack)' : ''}.</p>`;
  const left = 44;
  const top = 16;
  const plotH = 150;
  const barW = Math.max(6, Math.min(36, Math.floor(520 / n) - 4));
  const { bars, groups, right } = layout(sw.lcores, left + 8, barW, 4, 14);
  const width = Math.max(320, right + 60);
  const yMax = Math.max(1, sw.maxUtilization * 1.1, t.utilization * 1.1);
  const y = (u: number) => top + plotH - (Math.min(u, yMax) / yMax) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1, ...(yMax > 1.5 ? [Math.floor(yMax * 2) / 2] : [])];
  const parts: string[] = [];
  for (const tick of ticks) parts.push(line(left, y(tick), right, y(tick), 'grid'), text(left - 6, y(tick) + 4, pct(tick).replace('.0%', '%'), 'tick', 'end'));
  for (const { l, x } of bars) {
    const over = l.utilization > t.utilization;
    parts.push(rect(x, y(l.utilization), barW, y(0) - y(l.utilization), `bar ${over ? 'bar-bad' : 'bar-ok'}`, lcoreTooltip(l)));
    if (barW >= 18) parts.push(text(x + barW / 2, y(0) + 13, String(l.index), 'tick', 'middle'));
  }
  for (const g of groups) {
    parts.push(line(g.x1, y(0) + 18, g.x2, y(0) + 18, 'group-rule'), text((g.x1 + g.x2) / 2, y(0) + 31, `NUMA ${g.node}`, 'label', 'middle'));
  }
  const thresholdText = `threshold ${pct(t.utilization)} (tlb.utilization)`;
  parts.push(line(left, y(t.utilization), right, y(t.utilization), 'threshold', thresholdText), text(right + 4, y(t.utilization) + 4, pct(t.utilization), 'threshold-label'));
  parts.push(line(left, top, left, y(0), 'axis'), line(left, y(0), right, y(0), 'axis'));
  const label = `lcore utilization of switch ${sw.name}: highest ${pct(sw.maxUtilization)}, threshold ${pct(t.utilization)}`;
  return svgChart(width, top + plotH + 40, label, parts.join(''));
}

export function utilizationTable(sw: ReportSwitch, t: ReportThresholds): string {
  const rows = [...sw.lcores]
    .sort((a, b) => a.numaNode - b.numaNode || a.index - b.index)
    .map((l) => [
      esc(`lcore ${l.index}`),
      esc(l.numaNode),
      `<span class="${l.utilization > t.utilization ? 'bad' : ''}">${esc(pct(l.utilization))}</span>`,
      esc(rate(l.pps)),
      esc(hitRateText(l.hitRate, l.pps)),
      esc(l.queues),
      esc(l.assigned.map((a) => `${a.vm}/${a.vnic}#${a.queue}${a.remote ? ' (remote)' : ''}`).join(', ')),
    ]);
  return table(`lcores of switch ${sw.name} (threshold ${pct(t.utilization)})`, ['lcore', 'NUMA', 'Utilization', 'Packets', 'Hit rate', 'Queues', 'Assigned queues'], rows);
}

/**
 * What each mode's figure counts, under the chart and the table, and why a switch whose hit rate
 * is below the break-even costs EDP more than the heritage stack.
 */
export function coresExplained(host: ReportHost): string {
  const dearer = host.switches
    .filter((s) => s.mode !== 'standard' && s.offeredPps > 0 && s.hitRate < s.heritageBreakEvenHitRate)
    .map((s) => `Switch ${s.name}: at its ${pct(s.hitRate)} hit rate, below the ${pct(s.heritageBreakEvenHitRate)} break-even, a packet costs EDP more than the heritage stack: each miss runs the heritage pipeline plus the flow-cache lookup and insertion. Raise the hit rate (flowCache.entries, fewer flows per lcore, less churn).`);
  const notes = [...(['edpStandard', 'edpPerformance', 'heritage'] as const).map((k) => CORES_EXPLAINED[k]), ...dearer];
  return `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
}

export function coresChart(host: ReportHost): string {
  const c = host.coresUsed;
  return hbars(
    [
      { label: 'EDP Standard', value: c.edpStandard, valueText: `${cores(c.edpStandard)} cores`, cls: 'series-edp', tooltip: `${CORES_EXPLAINED.edpStandard} = ${cores(c.edpStandard)} cores` },
      { label: 'EDP Performance', value: c.edpPerformance, valueText: `${cores(c.edpPerformance)} cores`, cls: 'series-perf', tooltip: `${CORES_EXPLAINED.edpPerformance} = ${cores(c.edpPerformance)} cores` },
      { label: 'Heritage stack', value: c.heritage, valueText: `${cores(c.heritage)} cores`, cls: 'series-heritage', tooltip: `${CORES_EXPLAINED.heritage} = ${cores(c.heritage)} cores` },
    ],
    { label: `Cores consumed by host ${host.name}'s datapath in each mode` },
  );
}

export function coresTable(host: ReportHost): string {
  const rows = host.switches.map((s) => [esc(s.name), esc(s.mode), esc(cores(s.coresUsed.edpStandard)), esc(cores(s.coresUsed.edpPerformance)), esc(cores(s.coresUsed.heritage))]);
  const c = host.coresUsed;
  rows.push(['Host total', '', esc(cores(c.edpStandard)), esc(cores(c.edpPerformance)), esc(cores(c.heritage))]);
  return table(`Cores consumed by host ${host.name}`, ['Switch', 'Mode', 'EDP Standard', 'EDP Performance', 'Heritage'], rows, 2) + coresExplained(host);
}
