// `edp-check import --into DESIGN`: imported hosts merged into a design the user wrote. Hosts are
// matched by name; what the design says is kept, imported facts fill its gaps, and where the two
// disagree the design wins and the difference is listed. New hosts are appended. The edits go
// through jsonc-parser, so the design's comments and layout stay as they were. NSX transport node
// profiles then fill the switches of the design's hosts they configure (profiles.ts says which).
import { applyEdits, type FormattingOptions, modify, type ParseError, parse } from 'jsonc-parser';
import { applyTextEdits, formattingOptionsOf } from '../fixes/edits';
import { appendHostEdits } from './append-host';
import type { ImportedHost } from './hwloc';
import { sameHost } from './merge';
import { type NsxProfiles, placeProfiles, profileSwitchFor } from './profiles';

export interface MergeIntoResult {
  text: string;
  /** JSON paths the import filled in (hosts/0/cpu/llcMiB). */
  filled: string[];
  /** Hosts appended. */
  added: string[];
  /** Where the design and the import disagree; the design's value was kept. */
  conflicts: string[];
  /** What could not be matched or applied (NSX profiles without hosts), one sentence each. */
  notes: string[];
}

export interface MergeIntoOptions {
  /** NSX transport node profiles to apply to the design's hosts (HostsImport.nsxProfiles). */
  nsxProfiles?: NsxProfiles;
}

/** Arrays whose elements are matched by a key, not by position. */
const KEYS: Record<string, string> = { hosts: 'name', nics: 'name', switches: 'name', vms: 'name', vnics: 'name', numaNodes: 'id' };

export function mergeIntoDesign(designText: string, hosts: readonly ImportedHost[], options: MergeIntoOptions = {}): MergeIntoResult | { error: string } {
  const errors: ParseError[] = [];
  const design = parse(designText, errors, { allowTrailingComma: true }) as { hosts?: unknown } | undefined;
  if (errors.length > 0 || !design || typeof design !== 'object' || Array.isArray(design)) {
    return { error: 'is not a topology document (JSON with comments); fix it before importing into it' };
  }
  let text = designText;
  const formattingOptions: FormattingOptions = formattingOptionsOf(designText);
  const result: MergeIntoResult = { text, filled: [], added: [], conflicts: [], notes: [] };
  const setAll = (sets: { path: (string | number)[]; value: unknown }[]) => {
    for (const { path, value } of sets) {
      text = applyEdits(text, modify(text, path, value, { formattingOptions }));
      result.filled.push(path.join('/'));
    }
  };
  for (const host of hosts) {
    const current = parse(text, [], { allowTrailingComma: true }) as { hosts?: unknown[] };
    const list = Array.isArray(current.hosts) ? current.hosts : [];
    const index = list.findIndex((h) => typeof (h as { name?: unknown })?.name === 'string' && sameHost((h as { name: string }).name, host.name));
    if (index < 0) {
      text = applyTextEdits(text, appendHostEdits(text, host));
      result.added.push(host.name);
      continue;
    }
    const sets: { path: (string | number)[]; value: unknown }[] = [];
    walk(list[index], host, ['hosts', index], sets, result, 'the import');
    setAll(sets);
  }
  if (options.nsxProfiles) {
    const current = parse(text, [], { allowTrailingComma: true }) as { hosts?: unknown[] };
    const list = (Array.isArray(current.hosts) ? current.hosts : []).map((h) => (isObject(h) ? h : {}));
    // A host's vCenter cluster id comes from the vSphere JSON imported with the profiles (the design has no field for it).
    const refOf = (name: string) => options.nsxProfiles?.clusterRefs?.find((r) => sameHost(r.host, name))?.clusterRef;
    const named = list.flatMap((h, i) => {
      if (typeof h.name !== 'string') return [];
      const clusterRef = refOf(h.name);
      return [{ name: h.name, cluster: typeof h.cluster === 'string' ? h.cluster : undefined, ...(clusterRef ? { clusterRef } : {}), index: i }];
    });
    for (const p of placeProfiles(options.nsxProfiles, named, result.notes)) {
      for (const name of p.hosts) {
        const { index } = named.find((h) => h.name === name)!;
        const design = parse(text, [], { allowTrailingComma: true }) as { hosts: Record<string, unknown>[] };
        const mine = design.hosts[index];
        const nics = new Set((Array.isArray(mine.nics) ? mine.nics : []).map((n) => (isObject(n) ? n.name : undefined)).filter((n): n is string => typeof n === 'string'));
        const switches = p.profile.switches.map((sw) => profileSwitchFor(sw, nics));
        for (const sw of switches) {
          if (sw.uplinks === undefined && p.profile.switches.find((x) => x.name === sw.name)!.uplinks.length > 0) {
            result.notes.push(`${name}: switch ${sw.name}: the uplinks of transport node profile "${p.profile.name}" (${p.profile.switches.find((x) => x.name === sw.name)!.uplinks.join(', ')}) are not NICs of this host (NSX uplink names; vCenter maps them to vmnics): not taken.`);
          }
        }
        const sets: { path: (string | number)[]; value: unknown }[] = [];
        walk(mine, { name, switches }, ['hosts', index], sets, result, `NSX transport node profile "${p.profile.name}"`);
        setAll(sets);
      }
    }
  }
  result.text = text;
  return result;
}

function walk(mine: unknown, theirs: unknown, path: (string | number)[], sets: { path: (string | number)[]; value: unknown }[], result: MergeIntoResult, source: string): void {
  const key = path.at(-1);
  if (mine === undefined) {
    sets.push({ path, value: theirs });
    return;
  }
  if (typeof key === 'string' && KEYS[key] && Array.isArray(mine) && Array.isArray(theirs)) {
    const k = KEYS[key];
    for (const item of theirs) {
      const i = mine.findIndex((m) => (m as Record<string, unknown>)?.[k] === (item as Record<string, unknown>)[k]);
      if (i >= 0) walk(mine[i], item, [...path, i], sets, result, source);
      else sets.push({ path: [...path, -1], value: item });
    }
    return;
  }
  if (key === 'measured') {
    // A measurement describes the host now: a newer one replaces the old.
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) sets.push({ path, value: theirs });
    return;
  }
  if (isObject(mine) && isObject(theirs)) {
    for (const [k, v] of Object.entries(theirs)) walk(mine[k], v, [...path, k], sets, result, source);
    return;
  }
  if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
    result.conflicts.push(`${path.join('/')}: the design has ${JSON.stringify(mine)}, ${source} ${JSON.stringify(theirs)} (kept the design's)`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
