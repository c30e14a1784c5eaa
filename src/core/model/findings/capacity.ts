// capacity/* findings: offered packets against the uplinks' line rate (per direction) and each
// lcore's capacity. The figures are the model's (dropPps, dropRate), so the report, CodeLens, CLI
// and JSON say the same.
import type { RawFinding } from '../../findings';
import type { HostResult } from '../hostModel';
import type { LcoreModel } from '../types';
import type { SwitchResult } from '../switchModel';
import { hostPath, lcoreGroupPath, switchPropertyPath } from './format';
import { pct, plural, rate } from '../../present';

// A module-level function, not a closure made per call (which loses its optimized code when the
// collector finds it unused): this runs for every switch of every analysis.
function drops(l: LcoreModel): boolean {
  return l.dropPps > 0;
}

export function capacityFindings(hr: HostResult): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of hr.switches) {
    // Most switches have neither: look before building anything.
    const m = s.model;
    if (m.rxPps > m.lineRatePps || m.txPps > m.lineRatePps) out.push(...lineRate(hr, s));
    if (s.resolved.edp && m.lcores.some(drops)) out.push(...datapath(hr, s));
  }
  return out;
}

function lineRate(hr: HostResult, s: SwitchResult): RawFinding[] {
  const m = s.model;
  const h = hr.resolved.index;
  const over = [
    { what: 'received (wire → VM)', pps: m.rxPps },
    { what: 'sent (VM → wire)', pps: m.txPps },
  ].filter((d) => d.pps > m.lineRatePps);
  if (s.resolved.uplinks.length === 0 || over.length === 0) return [];
  const carrying = s.resolved.carrying;
  const standby = s.resolved.uplinks.length - carrying.length;
  const speeds = carrying.map((u) => `${u.nic.name} ${u.nic.speedGbps} Gb/s`).join(' + ') + (standby > 0 ? `; ${standby} more on standby under the teaming` : '');
  const lcoresFirst = m.lcoreDropPps > 0 ? ' after what its lcores already drop' : '';
  return [
    {
      rule: 'capacity/nic-line-rate',
      path: hostPath(h, 'switches', s.resolved.index, 'uplinks'),
      message:
        `Switch "${m.name}" is offered ${over.map((d) => `${rate(d.pps)} ${d.what}`).join(' and ')}, but its uplinks (${speeds}) carry at most ${rate(m.lineRatePps)} per direction at ${Math.round(m.packetBytes)}-byte packets; ` +
        `the uplinks drop ${rate(m.lineDropPps)} (${pct(m.offeredPps > 0 ? m.lineDropPps / m.offeredPps : 0)} of the offered packets${lcoresFirst}), the switch ${pct(m.dropRate)} in all. ` +
        (standby > 0 ? `Make more uplinks active in the teaming, add or upgrade uplinks, or move traffic to another switch.` : `Add or upgrade uplinks, or move traffic to another switch.`),
      related: carrying.map((u) => ({ path: hostPath(h, 'nics', u.nicIndex, 'speedGbps'), message: `NIC "${u.nic.name}": ${u.nic.speedGbps} Gb/s` })),
    },
  ];
}

function datapath(hr: HostResult, s: SwitchResult): RawFinding[] {
  const m = s.model;
  const h = hr.resolved.index;
  const over = m.lcores.filter((l) => l.dropPps > 0);
  if (over.length === 0) return [];
  const worst = over.reduce((a, b) => (b.dropPps > a.dropPps ? b : a));
  const idle = m.lcores.filter((l) => l.utilization < 0.5).length;
  const advice =
    idle > 0
      ? `${plural(idle, 'other lcore')} ${idle === 1 ? 'is' : 'are'} under half busy but cannot take over queues placed elsewhere: give the heavy vNICs more queues so RSS spreads them, or raise the hit rate.`
      : `Add lcores, give the heavy vNICs more queues, or raise the hit rate.`;
  return [
    {
      rule: 'capacity/datapath',
      path: switchPropertyPath(h, s.resolved, 'lcores'),
      message:
        `Switch "${m.name}": ${over.length} of its ${plural(m.lcores.length, 'lcore')} ${over.length === 1 ? 'is' : 'are'} offered more than they can serve (lcore ${worst.index}: ${rate(worst.pps)} offered, at most ${rate(worst.capacityPps)} at ${Math.round(worst.cyclesPerPacket)} cycles/packet); ` +
        `they drop ${rate(m.lcoreDropPps)}, ${pct(m.lcoreDropPps / m.offeredPps)} of the switch's offered packets${m.lineDropPps > 0 ? ` (${pct(m.dropRate)} with what exceeds the uplinks' line rate)` : ''}. ${advice}`,
      related: over.slice(0, 8).map((l) => ({ path: lcoreGroupPath(h, s.resolved, l.index), message: `lcore ${l.index}: ${rate(l.pps)} offered, ${rate(l.dropPps)} dropped` })),
    },
  ];
}
