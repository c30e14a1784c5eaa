// numa/*: bring a VM to its uplinks' node, or give the switch lcores on the node that lacks them.
import { pointerSegments } from '../pointer';
import { plural } from '../present';
import { type Host, numaNodesOf } from '../topology';
import { setValueEdits } from './edits';
import { indicesOf } from './paths';
import type { FixContext, QuickFix } from './types';

/**
 * Adds lcores of switch `s` on `node`: as many as its first group has (or 1). A switch that
 * declares no lcores runs NSX's default single lcore on the first node; that lcore is written
 * out too, so the fix adds lcores rather than moving the only one.
 */
function addLcoresFix(ctx: FixContext, h: number, host: Host, s: number, node: number): QuickFix[] {
  const sw = host.switches[s];
  if (!sw) return [];
  const groups = sw.lcores ?? [];
  const at = ['hosts', h, 'switches', s, 'lcores'];
  const count = groups.length > 0 && Number.isInteger(groups[0].count) && groups[0].count >= 1 ? groups[0].count : 1;
  const edits =
    groups.length > 0
      ? setValueEdits(ctx.text, [...at, -1], { numaNode: node, count })
      : setValueEdits(ctx.text, at, [{ numaNode: numaNodesOf(host)[0]?.id ?? 0, count: 1 }, { numaNode: node, count }]);
  return [{ title: `Add ${plural(count, 'lcore')} on NUMA node ${node} to switch "${sw.name}"`, edits, preferred: true }];
}

export function lcoreRemoteNicFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#', 'switches', '#', 'uplinks', '#']);
  const host = at && ctx.analysis.topology?.hosts[at[0]];
  if (!at || !host) return [];
  const uplink = host.switches[at[1]]?.uplinks[at[2]];
  const nic = host.nics.find((n) => n.name === uplink);
  return nic ? addLcoresFix(ctx, at[0], host, at[1], nic.numaNode) : [];
}

/**
 * numa/vm-remote says one of two things (src/core/model/findings/numa.ts): the VM is on another
 * node than its switch's uplinks (related: the uplink NIC's numaNode) → move the VM there; or the
 * uplinks are local but the switch has no lcores on the VM's node (related: the switch's lcores)
 * → add lcores there (moving the VM would take it away from its uplinks).
 */
export function vmRemoteFixes(ctx: FixContext): QuickFix[] {
  const at = indicesOf(ctx.segments, ['hosts', '#', 'vms', '#']);
  const host = at && ctx.analysis.topology?.hosts[at[0]];
  const vm = at && host?.vms?.[at[1]];
  const related = ctx.finding.related?.[0];
  if (!at || !host || !vm || !related) return [];
  const relatedAt = pointerSegments(related.path);
  const nicAt = indicesOf(relatedAt, ['hosts', '#', 'nics', '#', 'numaNode']);
  const nic = nicAt && host.nics[nicAt[1]];
  if (nic) {
    const edits = setValueEdits(ctx.text, ['hosts', at[0], 'vms', at[1], 'numaNode'], nic.numaNode);
    return [{ title: `Move VM "${vm.name}" to NUMA node ${nic.numaNode}`, edits, preferred: true }];
  }
  const switchAt = indicesOf(relatedAt, ['hosts', '#', 'switches', '#']);
  if (switchAt && vm.numaNode !== undefined) return addLcoresFix(ctx, at[0], host, switchAt[1], vm.numaNode);
  return [];
}
