// readiness/mtu and readiness/flow-table-size: set the value the profile or NSX expects. Values
// are read from the syntax tree: these rules also fire where the schema check failed.
import { MAX_FLOW_TABLE, MIN_FLOW_TABLE, roundFlowTableSize } from '../model/flowcache';
import { setValueEdits } from './edits';
import { indicesOf, valueAt } from './paths';
import type { FixContext, QuickFix } from './types';

/** Jumbo frames (the usual EDP design) first; 1700 is the least the profiles accept without a finding. */
const MTU_CHOICES = [9000, 1700];

/** The finding points at the switch's `mtu`, or at the switch itself when it has none. */
export function mtuFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#', 'switches', '#']);
  if (!at) return [];
  const path = ['hosts', at[0], 'switches', at[1], 'mtu'];
  const current = valueAt(ctx.analysis.root, path);
  return MTU_CHOICES.filter((mtu) => mtu !== current).map((mtu, i) => ({
    title: `Set MTU to ${mtu}`,
    edits: setValueEdits(ctx.text, path, mtu),
    preferred: i === 0,
  }));
}

/** flowCache.entries as NSX `set ens flow-table size` would take it: the next power of two, within 4..524288. */
export function flowTableSizeFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#', 'switches', '#']);
  if (!at) return [];
  const path = ['hosts', at[0], 'switches', at[1], 'flowCache', 'entries'];
  const current = valueAt(ctx.analysis.root, path);
  if (typeof current !== 'number' || !Number.isFinite(current)) return [];
  const size = roundFlowTableSize(current);
  if (size === current) return [];
  const title =
    current > MAX_FLOW_TABLE ? `Set flowCache.entries to ${size} (the most NSX allows)`
    : current < MIN_FLOW_TABLE ? `Set flowCache.entries to ${size} (the least NSX allows)`
    : `Round flowCache.entries up to ${size} (a power of two)`;
  const fixes: QuickFix[] = [{ title, edits: setValueEdits(ctx.text, path, size), preferred: true }];
  // The rule's message offers the size below too, for when memory matters more than hits.
  const below = size / 2;
  if (current > MIN_FLOW_TABLE && current < MAX_FLOW_TABLE && below >= MIN_FLOW_TABLE) {
    fixes.push({ title: `Round flowCache.entries down to ${below} (a power of two)`, edits: setValueEdits(ctx.text, path, below) });
  }
  return fixes;
}
