// Capacity: offered packets against the uplinks' line rate and the lcores' capacity; drops.
import { pct, rate, type ReportSwitch } from '../../core';
import { esc } from './escape';
import { hbars } from './svg';
import { table } from './section';

export function capacityChart(sw: ReportSwitch): string {
  const limit = Math.min(sw.lineRatePps > 0 ? sw.lineRatePps : Infinity, sw.capacityPps > 0 ? sw.capacityPps : Infinity);
  const over = sw.offeredPps > limit;
  const bars = [
    { label: 'Offered', value: sw.offeredPps, valueText: rate(sw.offeredPps), cls: over ? 'bar-bad' : 'series-offered', tooltip: `Offered: ${rate(sw.offeredPps)} at ${Math.round(sw.packetBytes)} B per packet` },
    sw.lineRatePps > 0
      ? { label: 'Uplink line rate', value: sw.lineRatePps, valueText: rate(sw.lineRatePps), cls: 'series-line', tooltip: `Σ uplink line rate at ${Math.round(sw.packetBytes)} B: ${rate(sw.lineRatePps)}` }
      : { label: 'Uplink line rate', value: 0, valueText: 'no uplink', cls: 'series-line' },
    ...(sw.mode === 'standard' ? [] : [{ label: 'Datapath capacity', value: sw.capacityPps, valueText: rate(sw.capacityPps), cls: 'series-capacity', tooltip: `What the lcores can process at the predicted hit rate: ${rate(sw.capacityPps)}` }]),
  ];
  const drops = sw.dropRate > 0
    ? `<p class="verdict bad">Predicted drops: ${esc(pct(sw.dropRate))} of offered packets (${esc(rate(sw.offeredPps * sw.dropRate))}).</p>`
    : `<p class="verdict ok">No drops predicted${limit < Infinity ? ` (headroom ${esc(pct(1 - sw.offeredPps / limit))})` : ''}.</p>`;
  return hbars(bars, { label: `Capacity of switch ${sw.name}: offered ${rate(sw.offeredPps)}, drops ${pct(sw.dropRate)}` }) + drops;
}

export function capacityTable(sw: ReportSwitch): string {
  return table(`Capacity of switch ${sw.name}`, ['Figure', 'Value'], [
    ['Offered', esc(rate(sw.offeredPps))],
    ['Mean packet size', esc(`${Math.round(sw.packetBytes)} B`)],
    ['Uplink line rate', esc(sw.lineRatePps > 0 ? rate(sw.lineRatePps) : 'no uplink')],
    ['Datapath capacity', esc(rate(sw.capacityPps))],
    ['Predicted drop rate', `<span class="${sw.dropRate > 0 ? 'bad' : ''}">${esc(pct(sw.dropRate))}</span>`],
  ]);
}
