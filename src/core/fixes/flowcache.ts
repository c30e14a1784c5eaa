// flowcache/low-hit-rate: raise the switch's flow cache to the smallest size that clears the finding.
import { computeModel } from '../model';
import { mib, pct } from '../model/findings/format';
import { MAX_FLOW_TABLE, MIN_FLOW_TABLE } from '../model/flowcache';
import { lowestHitLcore } from '../model/switchModel';
import type { Topology } from '../topology';
import { setValueEdits } from './edits';
import { indicesOf } from './paths';
import type { FixContext, QuickFix } from './types';

/**
 * The switch's model with `entries` per lcore. The model is rerun on the switch's host alone,
 * with the constants in effect, so the size found is the one that makes the finding go away
 * (thresholds from settings and the file's `model` section included). Lcore placement does not
 * depend on the cache size, so lcore indices stay comparable.
 */
function switchWith(topology: Topology, h: number, s: number, entries: number, constants: Record<string, number>) {
  const host = topology.hosts[h];
  const switches = host.switches.map((sw, i) => (i === s ? { ...sw, flowCache: { ...sw.flowCache, entries } } : sw));
  const single: Topology = { ...topology, hosts: [{ ...host, switches }] };
  return computeModel(single, constants).model.hosts[0].switches[s];
}

export function lowHitRateFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#', 'switches', '#']);
  const { topology, model } = ctx.analysis;
  const current = at && model?.hosts[at[0]]?.switches[at[1]];
  if (!at || !topology || !model || !current) return [];
  const [h, s] = at;
  const threshold = model.constants['flowcache.hitRate'];
  // The same test as the rule: every lcore with traffic at or above the threshold.
  const low = (lcores: typeof current.lcores) => lcores.filter((l) => l.pps > 0 && l.hitRate < threshold);
  const worst = lowestHitLcore(low(current.lcores));
  if (!worst) return [];
  const clears = (entries: number) => low(switchWith(topology, h, s, entries, model.constants).lcores).length === 0;
  // The hit rate grows with the size: bisect over the exponents between the current size and the largest.
  let lo = Math.max(Math.log2(MIN_FLOW_TABLE) - 1, Math.floor(Math.log2(current.entries)));
  let hi = Math.log2(MAX_FLOW_TABLE);
  if (lo >= hi || !clears(2 ** hi)) return [];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (clears(2 ** mid)) hi = mid;
    else lo = mid;
  }
  const entries = 2 ** hi;
  // The figure the finding's message quotes: its worst lcore at the new size.
  const after = switchWith(topology, h, s, entries, model.constants);
  const reached = after.lcores[worst.index]?.hitRate ?? threshold;
  // Not free: the occupied entries join the LLC working set (docs/MODEL.md §7).
  const llc = after.mbuf.flowTableBytes - current.mbuf.flowTableBytes;
  return [{
    title: `Raise flowCache.entries to ${entries} (predicted hit rate ${pct(reached)}, +${mib(llc)} of LLC for flow tables)`,
    edits: setValueEdits(ctx.text, ['hosts', h, 'switches', s, 'flowCache', 'entries'], entries),
    preferred: true,
  }];
}
