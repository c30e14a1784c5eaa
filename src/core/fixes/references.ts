// ref/unknown-*: change the dangling reference to the closest name or id that exists.
import { closestNames } from '../suggest';
import { numaNodesOf } from '../topology';
import { setValueEdits } from './edits';
import { indicesOf, valueAt } from './paths';
import type { FixContext, QuickFix } from './types';

/** How many alternatives the light bulb lists when no name is close. */
const FALLBACK_CHOICES = 3;

/** One fix per close name, the closest preferred; with none close, the first few names, none preferred. */
function renameFixes(ctx: FixContext, current: string, candidates: readonly string[]): QuickFix[] {
  const close = closestNames(current, candidates);
  const names = close.length > 0 ? close : candidates.slice(0, FALLBACK_CHOICES);
  return names.map((name, i) => ({
    title: `Change to "${name}"`,
    edits: setValueEdits(ctx.text, ctx.segments, name),
    preferred: i === 0 && close.length > 0,
  }));
}

export function unknownNicFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#', 'switches', '#', 'uplinks', '#']);
  const host = at && ctx.analysis.topology?.hosts[at[0]];
  const sw = at && host?.switches[at[1]];
  if (!at || !host || !sw) return [];
  const current = sw.uplinks[at[2]];
  // A NIC the switch already uses would become a duplicate uplink.
  const unused = host.nics.map((n) => n.name).filter((n) => !sw.uplinks.includes(n));
  return typeof current === 'string' ? renameFixes(ctx, current, unused) : [];
}

export function unknownSwitchFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#', 'vms', '#', 'vnics', '#', 'switch']);
  const host = at && ctx.analysis.topology?.hosts[at[0]];
  const current = at && host?.vms?.[at[1]]?.vnics[at[2]]?.switch;
  if (!host || typeof current !== 'string') return [];
  return renameFixes(ctx, current, host.switches.map((s) => s.name));
}

export function unknownNumaNodeFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#']);
  const host = at && ctx.analysis.topology?.hosts[at[0]];
  const current = valueAt(ctx.analysis.root, ctx.segments);
  if (!host || typeof current !== 'number') return [];
  const ids = [...new Set(numaNodesOf(host).map((n) => n.id))]
    .sort((a, b) => Math.abs(a - current) - Math.abs(b - current) || a - b)
    .slice(0, FALLBACK_CHOICES);
  return ids.map((id, i) => ({ title: `Change to NUMA node ${id}`, edits: setValueEdits(ctx.text, ctx.segments, id), preferred: i === 0 }));
}

/**
 * ref/unknown-uplink: a LAG's NIC becomes an uplink of the switch that is in no LAG; a teaming's
 * name becomes the LAG that holds the NIC it named (preferred), else the closest uplink or LAG
 * the teaming does not name yet.
 */
export function unknownUplinkFixes(ctx: FixContext): QuickFix[] {
  const s = ctx.segments;
  const at = indicesOf(s, ['hosts', '#', 'switches', '#']);
  const sw = at && ctx.analysis.topology?.hosts[at[0]]?.switches[at[1]];
  if (!sw) return [];
  const lags = sw.lags ?? [];
  const inLag = new Map(lags.flatMap((l) => l.uplinks.map((u) => [u, l.name] as const)));
  const current = valueAt(ctx.analysis.root, s);
  if (typeof current !== 'string') return [];
  if (s[4] === 'lags' && s[6] === 'uplinks') {
    return renameFixes(ctx, current, sw.uplinks.filter((u) => !inLag.has(u) && !lags.some((l) => l.name === u)));
  }
  const teaming = s[4] === 'teaming' ? sw.teaming : s[4] === 'namedTeamings' && typeof s[5] === 'number' ? sw.namedTeamings?.[s[5]] : undefined;
  if (!teaming || !['active', 'standby'].includes(String(s[s.length - 2]))) return [];
  const named = new Set([...teaming.active, ...(teaming.standby ?? [])]);
  const lag = inLag.get(current);
  if (lag !== undefined) return named.has(lag) ? [] : [{ title: `Change to LAG "${lag}"`, edits: setValueEdits(ctx.text, s, lag), preferred: true }];
  const names = [...sw.uplinks.filter((u) => !inLag.has(u)), ...lags.map((l) => l.name)];
  return renameFixes(ctx, current, names.filter((n) => !named.has(n)));
}
