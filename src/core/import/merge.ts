// Merging what two inputs say about one host: the first input's value stands, the second fills
// gaps, and a disagreement is a note naming both values (the user decides; nothing is averaged).
import type { HostFacts } from './facts';

/** Host names match without case and by their first label (esx01 = esx01.lab.local). */
export function sameHost(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.split('.')[0] === y.split('.')[0];
}

export function mergeHostFacts(into: HostFacts, from: HostFacts, source: string, notes: string[]): void {
  const label = into.name ?? from.name ?? 'the host';
  if (!into.name && from.name) into.name = from.name;
  else if (from.name && into.name && into.name.length < from.name.length && sameHost(into.name, from.name)) into.name = from.name;
  fill(into.cpu, from.cpu, `${label}: cpu`, source, notes);
  if (from.numaNodes) {
    if (!into.numaNodes) into.numaNodes = from.numaNodes;
    else for (const n of from.numaNodes) {
      const mine = into.numaNodes.find((m) => m.id === n.id);
      if (mine) fill(mine as never, n as never, `${label}: NUMA node ${n.id}`, source, notes);
      else notes.push(`${label}: ${source} has NUMA node ${n.id}, which other inputs do not: not added.`);
    }
  }
  for (const n of from.nics) {
    const mine = into.nics.find((m) => m.name === n.name);
    if (mine) fill(mine as never, n as never, `${label}: ${n.name}`, source, notes);
    else into.nics.push(n);
  }
  for (const s of from.switches) {
    // ESXi lists lcores by portset; a switch known only by its portset joins the one switch of that portset or the one EDP switch.
    let mine = into.switches.find((m) => m.name === s.name) ?? (s.portset ? into.switches.find((m) => m.portset === s.portset) : undefined);
    if (!mine && s.name === s.portset) {
      const edp = into.switches.filter((m) => m.mode !== 'standard' && !m.portset);
      if (edp.length === 1) mine = edp[0];
    }
    if (!mine && s.portset === undefined) {
      const portsetOnly = into.switches.filter((m) => m.portset !== undefined && m.name === m.portset);
      if (portsetOnly.length === 1 && s.mode !== 'standard') {
        portsetOnly[0].name = s.name;
        mine = portsetOnly[0];
      }
    }
    if (mine) {
      if (mine.name === mine.portset && s.name !== s.portset) mine.name = s.name;
      fill(mine as never, s as never, `${label}: switch ${mine.name}`, source, notes);
    } else into.switches.push(s);
  }
  for (const v of from.vms) if (!into.vms.some((m) => m.name === v.name)) into.vms.push(v);
  if (from.esxi) {
    const a = into.esxi ?? { lcores: [], samples: [], ensDriven: [], rxRing: [] };
    const seen = new Set(a.lcores.map((r) => r.lcore));
    // Samples keep their order across inputs (a folder is read in name order: sample-1 before sample-2).
    const offset = Math.max(0, ...a.samples.map((x) => x.line + 1));
    into.esxi = {
      lcores: [...a.lcores, ...from.esxi.lcores.filter((r) => !seen.has(r.lcore))],
      samples: [...a.samples, ...from.esxi.samples.map((x) => ({ ...x, line: x.line + offset }))],
      ensDriven: [...a.ensDriven, ...from.esxi.ensDriven],
      rxRing: [...a.rxRing, ...from.esxi.rxRing],
      ...(a.pciProps || from.esxi.pciProps ? { pciProps: [...(a.pciProps ?? []), ...(from.esxi.pciProps ?? [])] } : {}),
      ...(a.assignment ?? from.esxi.assignment ? { assignment: a.assignment ?? from.esxi.assignment } : {}),
    };
  }
  into.ids = [...new Set([...(into.ids ?? []), ...(from.ids ?? [])])];
  if (from.addresses?.length) into.addresses = [...new Set([...(into.addresses ?? []), ...from.addresses])];
  into.clusterRef ??= from.clusterRef;
  into.nsxNodeId ??= from.nsxNodeId;
  into.cluster ??= from.cluster;
}

function fill(into: Record<string, unknown>, from: Record<string, unknown>, label: string, source: string, notes: string[]): void {
  for (const [k, v] of Object.entries(from)) {
    if (v === undefined || k === 'name') continue;
    if (into[k] === undefined) into[k] = v;
    else if (!same(into[k], v) && k !== 'portset') {
      notes.push(`${label}: ${k} is ${JSON.stringify(into[k])} in an earlier input but ${JSON.stringify(v)} in ${source}: kept ${JSON.stringify(into[k])}.`);
    }
  }
}

/** Equal values; lists of names (uplinks) are equal in any order. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b) && [...(a as unknown[]), ...(b as unknown[])].every((x) => typeof x === 'string')) {
    return a.length === b.length && [...(a as string[])].sort().join('\n') === [...(b as string[])].sort().join('\n');
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
