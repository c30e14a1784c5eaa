// Capacity: offered packets against the uplinks' line rate and the lcores' capacity; drops.
import { dropText, htmlEscape as esc, pct, rate, type ReportSwitch } from '../../core';
import { hbars } from './svg';
import { table } from './section';

export function capacityChart(sw: ReportSwitch): string {
  const over = sw.dropRate > 0;
  // Headroom of the tightest limit: the busiest lcore, or the busier direction on the uplinks.
  const heads = [
    ...(sw.mode === 'standard' || sw.offeredPps <= 0 ? [] : [1 - sw.maxUtilization]),
    ...(sw.lineRatePps > 0 ? [1 - Math.max(sw.rxPps, sw.txPps) / sw.lineRatePps] : []),
  ];
  const bars = [
    { label: 'Offered', value: sw.offeredPps, valueText: rate(sw.offeredPps), cls: over ? 'bar-bad' : 'series-offered', tooltip: `Offered: ${rate(sw.offeredPps)} at ${Math.round(sw.packetBytes)} B per packet` },
    sw.lineRatePps > 0
      ? { label: 'Uplink line rate', value: sw.lineRatePps, valueText: rate(sw.lineRatePps), cls: 'series-line', tooltip: `Σ uplink line rate at ${Math.round(sw.packetBytes)} B, per direction: ${rate(sw.lineRatePps)} (offered ${rate(sw.rxPps)} received, ${rate(sw.txPps)} sent)` }
      : { label: 'Uplink line rate', value: 0, valueText: 'no uplink', cls: 'series-line' },
    ...(sw.mode === 'standard' ? [] : [{ label: 'Datapath capacity', value: sw.capacityPps, valueText: rate(sw.capacityPps), cls: 'series-capacity', tooltip: `What the lcores could process at their predicted hit rates if the load matched them: ${rate(sw.capacityPps)}; each lcore serves only its own queues` }]),
  ];
  const drops = sw.dropRate > 0
    ? `<p class="verdict bad">Predicted drops: ${esc(dropText(sw.dropRate))} of offered packets (${esc(rate(sw.dropPps))}): ${esc(dropCauses(sw))}.</p>`
    : `<p class="verdict ok">No drops predicted${heads.length > 0 ? ` (headroom ${esc(pct(Math.min(...heads)))})` : ''}.</p>`;
  return hbars(bars, { label: `Capacity of switch ${sw.name}: offered ${rate(sw.offeredPps)}, drops ${dropText(sw.dropRate)}` }) + drops;
}

/** Where the drops come from, in words: overloaded lcores, the line rate, or both. */
function dropCauses(sw: ReportSwitch): string {
  const overloaded = sw.lcores.filter((l) => l.dropPps > 0);
  const parts = [
    ...(sw.lcoreDropPps > 0
      ? [`${rate(sw.lcoreDropPps)} by overloaded lcore${overloaded.length === 1 ? '' : 's'} ${overloaded.map((l) => l.index).join(', ')} (an lcore serves only its own queues; idle lcores do not help)`]
      : []),
    ...(sw.lineDropPps > 0 ? [`${rate(sw.lineDropPps)} beyond the uplinks' line rate of ${rate(sw.lineRatePps)} per direction`] : []),
  ];
  return parts.join('; ');
}

export function capacityTable(sw: ReportSwitch): string {
  return table(`Capacity of switch ${sw.name}`, ['Figure', 'Value'], [
    ['Offered (received / sent by the VMs)', esc(`${rate(sw.offeredPps)} (${rate(sw.rxPps)} / ${rate(sw.txPps)})`)],
    ['Mean packet size', esc(`${Math.round(sw.packetBytes)} B`)],
    ['Uplink line rate, per direction', esc(sw.lineRatePps > 0 ? rate(sw.lineRatePps) : 'no uplink')],
    ['Datapath capacity (Σ lcores)', esc(rate(sw.capacityPps))],
    ['Dropped by overloaded lcores', esc(rate(sw.lcoreDropPps))],
    ['Dropped beyond the line rate', esc(rate(sw.lineDropPps))],
    ['Predicted drop rate', `<span class="${sw.dropRate > 0 ? 'bad' : ''}">${esc(dropText(sw.dropRate))}</span>`],
  ]);
}
