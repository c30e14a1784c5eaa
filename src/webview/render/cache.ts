// Flow cache: hit rate against flow-table size (log x) for a switch's worst lcore, the current
// size and the threshold marked; churn (first packets of new flows) shown on its own.
import { type CurvePoint, entries as entriesText, hitRateText, htmlEscape as esc, pct, type ReportSwitch, type ReportThresholds } from '../../core';
import { chartWidth, circle, hbars, line, path, svgChart, text } from './svg';
import { table } from './section';

const LOG_MIN = 6; // 2^6 entries
const LOG_MAX = 19; // 2^19 = 524288, NSX's largest flow table

/** The curve's value at `entries`: the point itself, or log-linear between neighbours. */
export function hitAt(curve: readonly CurvePoint[], entries: number): number | undefined {
  if (curve.length === 0) return undefined;
  const exact = curve.find((p) => p.entries === entries);
  if (exact) return exact.hitRate;
  if (entries <= curve[0].entries) return curve[0].hitRate;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1];
    const b = curve[i];
    if (entries <= b.entries) {
      const f = (Math.log2(entries) - Math.log2(a.entries)) / (Math.log2(b.entries) - Math.log2(a.entries));
      return a.hitRate + f * (b.hitRate - a.hitRate);
    }
  }
  return curve[curve.length - 1].hitRate;
}

export function cacheChart(sw: ReportSwitch, t: ReportThresholds): string {
  if (sw.mode === 'standard') return `<p class="empty">Switch "${esc(sw.name)}" runs the heritage stack: no EDP flow cache.</p>`;
  const curve = sw.cacheCurve;
  if (curve === undefined) return `<p class="empty loading">Computing the flow-cache curve of "${esc(sw.name)}"…</p>`;
  if (curve.length === 0) return `<p class="empty">Switch "${esc(sw.name)}" carries no traffic: nothing to cache.</p>`;
  const left = 44;
  // The "now" label sits above the plot, clear of the curve and the threshold line.
  const top = 22;
  const plotW = chartWidth(534) - left - 50;
  const plotH = 160;
  const x = (e: number) => left + ((Math.log2(Math.min(Math.max(e, 2 ** LOG_MIN), 2 ** LOG_MAX)) - LOG_MIN) / (LOG_MAX - LOG_MIN)) * plotW;
  const y = (h: number) => top + plotH - Math.max(0, Math.min(1, h)) * plotH;
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) parts.push(line(left, y(tick), left + plotW, y(tick), 'grid'), text(left - 6, y(tick) + 4, `${tick * 100}%`, 'tick', 'end'));
  for (let k = LOG_MIN; k <= LOG_MAX; k += 1) {
    parts.push(line(x(2 ** k), y(0), x(2 ** k), y(0) + 4, 'axis'));
    if (k % 2 === 0) parts.push(text(x(2 ** k), y(0) + 16, entriesText(2 ** k), 'tick', 'middle'));
  }
  parts.push(text(left + plotW / 2, y(0) + 32, 'flow-table entries per lcore (log scale)', 'label', 'middle'));
  const thresholdText = `threshold ${pct(t.hitRate)} (flowcache.hitRate)`;
  parts.push(line(left, y(t.hitRate), left + plotW, y(t.hitRate), 'threshold', thresholdText), text(left + plotW + 4, y(t.hitRate) + 4, pct(t.hitRate), 'threshold-label'));
  const d = curve.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.entries).toFixed(1)},${y(p.hitRate).toFixed(1)}`).join(' ');
  parts.push(path(d, 'curve'));
  for (const p of curve) parts.push(circle(x(p.entries), y(p.hitRate), 3, p.hitRate < t.hitRate ? 'marker marker-bad' : 'marker', `${p.entries} entries: ${pct(p.hitRate)} hit rate`));
  const now = hitAt(curve, sw.entries);
  const nowText = `current size ${sw.entries} entries per lcore: ${now === undefined ? '' : `${pct(now)} hit rate on the worst lcore`}`;
  parts.push(line(x(sw.entries), top, x(sw.entries), y(0), 'current', nowText));
  if (now !== undefined) parts.push(circle(x(sw.entries), y(now), 5, now < t.hitRate ? 'current-dot bad' : 'current-dot', nowText));
  const labelRight = x(sw.entries) > left + plotW - 90;
  parts.push(text(x(sw.entries) + (labelRight ? -4 : 4), top - 8, `now: ${entriesText(sw.entries)}`, 'current-label', labelRight ? 'end' : 'start'));
  parts.push(line(left, top, left, y(0), 'axis'), line(left, y(0), left + plotW, y(0), 'axis'));
  const label = `Flow-cache hit rate of switch ${sw.name} against table size; now ${sw.entries} entries, ${now === undefined ? '' : `${pct(now)}, `}threshold ${pct(t.hitRate)}`;
  return svgChart(left + plotW + 50, top + plotH + 40, label, parts.join('')) + churnChart(sw, t);
}

function churnChart(sw: ReportSwitch, t: ReportThresholds): string {
  const over = sw.churnMissShare > t.churn;
  const busy = sw.offeredPps > 0;
  return hbars(
    [
      { label: 'Hit rate (switch)', value: busy ? sw.hitRate : 0, valueText: hitRateText(sw.hitRate, sw.offeredPps), cls: busy && sw.hitRate < t.hitRate ? 'bar-bad' : 'bar-ok', tooltip: `pps-weighted hit rate over the switch's lcores: ${hitRateText(sw.hitRate, sw.offeredPps)}` },
      { label: 'Churn misses', value: sw.churnMissShare, valueText: pct(sw.churnMissShare), cls: over ? 'bar-bad' : 'series-churn', tooltip: `Share of packets that are the first of a new flow: ${pct(sw.churnMissShare)} (threshold ${pct(t.churn)}); no table size fixes these.` },
    ],
    { label: `Hit rate and churn of switch ${sw.name}`, max: 1, marker: { value: t.churn, text: `churn threshold ${pct(t.churn)}` } },
  );
}

export function cacheTable(sw: ReportSwitch, t: ReportThresholds): string {
  const curve = sw.cacheCurve ?? [];
  const rows = curve.map((p) => [
    esc(p.entries === sw.entries ? `${p.entries} (now)` : p.entries),
    `<span class="${p.hitRate < t.hitRate ? 'bad' : ''}">${esc(pct(p.hitRate))}</span>`,
  ]);
  const summary = table(`Flow cache of switch ${sw.name}`, ['Figure', 'Value'], [
    ['Entries per lcore (now)', esc(sw.entries)],
    ['Hit rate (switch, pps-weighted)', esc(hitRateText(sw.hitRate, sw.offeredPps))],
    ['Churn misses (first packets of new flows)', esc(pct(sw.churnMissShare))],
    ['Hit-rate threshold', esc(pct(t.hitRate))],
    ['Churn threshold', esc(pct(t.churn))],
  ]);
  return summary + (rows.length > 0 ? table(`Hit rate of the worst lcore by table size`, ['Entries per lcore', 'Hit rate'], rows) : '');
}
