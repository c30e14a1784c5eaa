// flowcache/low-hit-rate: raise the switch's flow cache to the smallest size that clears the finding.
import { effectiveConstants } from '../model/constants';
import { bytes, pct } from '../present';
import { entriesForHitRate, MAX_FLOW_TABLE } from '../model/flowcache';
import { hostResult } from '../model/hostModel';
import { resolveHost } from '../model/resolve';
import { lowestHitLcore } from '../model/switchModel';
import type { Topology } from '../topology';
import { setValueEdits } from './edits';
import { indicesOf } from './paths';
import type { FixContext, QuickFix } from './types';

/**
 * The switch's model, and its lcores' flow mixes, with `entries` per lcore. The model is rerun
 * on the switch's host alone, with the constants in effect, so the size found is the one that
 * makes the finding go away (thresholds from settings and the file's `model` section included).
 * Lcore placement does not depend on the cache size, so lcore indices stay comparable.
 */
function switchWith(topology: Topology, h: number, s: number, entries: number | undefined, constants: Record<string, number>) {
  const host = topology.hosts[h];
  const switches = entries === undefined ? host.switches : host.switches.map((sw, i) => (i === s ? { ...sw, flowCache: { ...sw.flowCache, entries } } : sw));
  return hostResult(resolveHost({ ...host, switches }, h, topology.target), effectiveConstants(constants)).switches[s];
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
  // The hit rate grows with the size: each low lcore's smallest size solved directly (as the
  // finding's advice does), then checked on the model at that size.
  const mixes = switchWith(topology, h, s, undefined, model.constants).mixes;
  const needed = low(current.lcores).map((l) => entriesForHitRate(mixes.of(l.index), threshold, l.churnMissShare));
  if (needed.some((n) => n === undefined)) return [];
  let entries = Math.max(...(needed as number[]));
  let after = switchWith(topology, h, s, entries, model.constants).model;
  while (low(after.lcores).length > 0 && entries < MAX_FLOW_TABLE) after = switchWith(topology, h, s, (entries *= 2), model.constants).model;
  if (low(after.lcores).length > 0 || !(entries > current.entries)) return [];
  // The figure the finding's message quotes: its worst lcore at the new size.
  const reached = after.lcores[worst.index]?.hitRate ?? threshold;
  // Not free: the occupied entries join the LLC working set (docs/MODEL.md §7).
  const llc = after.mbuf.flowTableBytes - current.mbuf.flowTableBytes;
  return [{
    title: `Raise flowCache.entries to ${entries} (predicted hit rate ${pct(reached)}, +${bytes(llc)} of LLC for flow tables)`,
    edits: setValueEdits(ctx.text, ['hosts', h, 'switches', s, 'flowCache', 'entries'], entries),
    preferred: true,
  }];
}
