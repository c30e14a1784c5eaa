// capacity/* findings: offered packets against the uplinks' line rate and the lcores' capacity.
import type { RawFinding } from '../../findings';
import type { HostResult } from '../hostModel';
import type { SwitchResult } from '../switchModel';
import { hostPath, pct, rate, switchPropertyPath } from './format';

export function capacityFindings(hr: HostResult): RawFinding[] {
  return hr.switches.flatMap((s) => [...lineRate(hr, s), ...(s.resolved.edp ? datapath(hr, s) : [])]);
}

function lineRate(hr: HostResult, s: SwitchResult): RawFinding[] {
  const m = s.model;
  const h = hr.resolved.index;
  if (s.resolved.uplinks.length === 0 || !(m.offeredPps > m.lineRatePps)) return [];
  const speeds = s.resolved.uplinks.map((u) => `${u.nic.name} ${u.nic.speedGbps} Gb/s`).join(' + ');
  return [
    {
      rule: 'capacity/nic-line-rate',
      path: hostPath(h, 'switches', s.resolved.index, 'uplinks'),
      message:
        `Switch "${m.name}" is offered ${rate(m.offeredPps)}, but its uplinks (${speeds}) carry at most ${rate(m.lineRatePps)} at ${Math.round(m.packetBytes)}-byte packets; ` +
        `${pct(1 - m.lineRatePps / m.offeredPps)} of the packets would be dropped. Add or upgrade uplinks, or move traffic to another switch.`,
      related: s.resolved.uplinks.map((u) => ({ path: hostPath(h, 'nics', u.nicIndex, 'speedGbps'), message: `NIC "${u.nic.name}": ${u.nic.speedGbps} Gb/s` })),
    },
  ];
}

function datapath(hr: HostResult, s: SwitchResult): RawFinding[] {
  const m = s.model;
  if (!(m.offeredPps > m.capacityPps)) return [];
  return [
    {
      rule: 'capacity/datapath',
      path: switchPropertyPath(hr.resolved.index, s.resolved, 'lcores'),
      message:
        `Switch "${m.name}" is offered ${rate(m.offeredPps)}, but its ${m.lcores.length} lcore(s) can process about ${rate(m.capacityPps)} at a ${pct(m.hitRate)} flow-cache hit rate; ` +
        `${pct(1 - m.capacityPps / m.offeredPps)} of the packets would be dropped. Add lcores (about ${Math.ceil((m.lcores.length * m.offeredPps) / m.capacityPps)} needed), or raise the hit rate.`,
    },
  ];
}
