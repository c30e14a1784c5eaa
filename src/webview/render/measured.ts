// Measured beside predicted: the host's flow-cache figures (a switch's `measured` section) next
// to the model's, per lcore paired by NUMA node and order.
import { count, htmlEscape as esc, pct, type ReportSwitch, type ReportThresholds } from '../../core';
import { table } from './section';

export function measuredTable(sw: ReportSwitch, t: ReportThresholds): string {
  const m = sw.measured;
  if (!m) return '';
  const gap = t.hitRateGap;
  const cell = (seen: number | undefined, predicted: number | undefined) => {
    if (seen === undefined) return '–';
    const off = predicted !== undefined && Math.abs(seen - predicted) > gap;
    return `<span class="${off ? 'bad' : ''}">${esc(pct(seen))}</span>`;
  };
  const when = [m.at ? m.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : undefined, m.seconds !== undefined ? `over ${m.seconds} s` : 'cumulative counters', m.source].filter(Boolean).join(', ');
  const rows = m.lcores.map((l) => [
    esc(l.lcore !== undefined ? `lcore ${l.lcore}` : '(not measured)'),
    esc(l.numaNode >= 0 ? l.numaNode : '?'),
    cell(l.hitRate, l.predictedHitRate),
    esc(l.predictedHitRate !== undefined ? pct(l.predictedHitRate) : '–'),
    esc(l.pps !== undefined ? count(l.pps) : '–'),
    esc(l.predictedPps !== undefined ? count(l.predictedPps) : '–'),
    esc(l.flows !== undefined ? count(l.flows) : '–'),
    esc(l.newFlowsPerSec !== undefined ? count(l.newFlowsPerSec) : '–'),
  ]);
  rows.unshift([
    '<strong>switch</strong>',
    '',
    cell(m.hitRate, m.predictedHitRate),
    esc(m.predictedHitRate !== undefined ? pct(m.predictedHitRate) : 'no traffic described'),
    '', '', '', '',
  ]);
  return table(`Measured (${when}) beside predicted, switch ${sw.name}; hit rate = ${m.hitRateFrom ?? 'hits / (hits + miss)'}`, ['Lcore', 'NUMA', 'Hit rate measured', 'predicted', 'pps measured', 'predicted', 'Flows', 'New flows/s'], rows, 1);
}
