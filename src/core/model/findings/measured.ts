// measured/hit-rate-gap: the host's measured flow-cache hit rate against the model's prediction.
import type { RawFinding } from '../../findings';
import type { ModelConstants } from '../constants';
import type { HostResult } from '../hostModel';
import { measuredHitRate } from '../measured';
import { hostPath } from './format';
import { fixed, pct, plural } from '../../present';

export function measuredFindings(hr: HostResult, c: ModelConstants): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of hr.switches) {
    const measured = s.resolved.sw.measured;
    // Without described traffic there is no prediction to compare with.
    if (!measured || !(s.model.offeredPps > 0)) continue;
    const seen = measuredHitRate(measured);
    if (seen === undefined) continue;
    const predicted = s.model.hitRate;
    const gap = seen - predicted;
    if (!(Math.abs(gap) > c['measured.hitRateGap'])) continue;
    const how = [measured.source, measured.seconds !== undefined ? `${measured.seconds} s` : 'cumulative counters', plural(measured.lcores.length, 'lcore')].filter(Boolean).join(', ');
    const advice =
      gap < 0
        ? ' The host sees more flows, a flatter popularity (lower zipf) or more churn than its vNICs\' traffic describes.'
        : ' The host\'s traffic is more concentrated than described: fewer flows or a steeper popularity (higher zipf).';
    out.push({
      rule: 'measured/hit-rate-gap',
      path: hostPath(hr.resolved.index, 'switches', s.resolved.index, 'measured'),
      message:
        `Measured flow-cache hit rate of switch "${s.model.name}" is ${pct(seen)} (${how}) but the model predicts ${pct(predicted)}: ` +
        `${fixed(Math.abs(gap) * 100, 1)} points apart, more than the ${fixed(c['measured.hitRateGap'] * 100, 1)}-point threshold.${advice}` +
        ' Correct the traffic, or run "EDP: Calibrate Model from Measurements".',
    });
  }
  return out;
}
