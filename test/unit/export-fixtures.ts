// What the export tests share: the examples, the switches a design gives each host (computed
// here from the design alone, not by the export), and generated designs (fast-check).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { effectiveMode, type Host, type Lag, type NamedTeaming, type Switch, type SwitchMode, type Teaming, type Topology } from '../../src/core/topology';

export const ROOT = resolve(__dirname, '../../..');
export const EXAMPLES = join(ROOT, 'examples');

export function exampleFiles(): { name: string; text: string }[] {
  return readdirSync(EXAMPLES).filter((f) => f.endsWith('.edp.json')).sort().map((name) => ({ name, text: readFileSync(join(EXAMPLES, name), 'utf8') }));
}

/** A switch as NSX can carry it: what the round trip must give back. */
export interface SwitchFacts {
  name: string;
  mode: string | undefined;
  mtu: number | undefined;
  /** The NICs in no LAG: which NICs a LAG holds is vCenter's, not NSX's. */
  uplinks: string[];
  /** [numaNode, count] sorted by node. */
  lcores: [number, number][];
  /** 0 = untagged, NSX's default. */
  transportVlan: number;
  /** [name, mode, loadBalancing, timeout]. */
  lags: [string, string, string, string][];
  /** The teaming in effect: the design's, else every NSX uplink active (docs/EXPORT.md). */
  teaming: Teaming;
  namedTeamings: NamedTeaming[];
}

/** What a switch without `teaming` gets (docs/EXPORT.md): its NICs in no LAG and its LAGs, all active. */
function defaultTeaming(uplinks: string[], lags: string[]): Teaming {
  const all = [...uplinks, ...lags];
  return { policy: all.length > 1 ? 'loadbalance-srcid' : 'failover-order', active: all };
}

type SwitchLike = Pick<Switch, 'name' | 'uplinks' | 'transportVlan' | 'teaming' | 'namedTeamings'> & { lags?: Omit<Lag, 'uplinks'>[] };

function uplinkFacts(sw: SwitchLike, uplinks: string[]): Pick<SwitchFacts, 'uplinks' | 'transportVlan' | 'lags' | 'teaming' | 'namedTeamings'> {
  const lags = sw.lags ?? [];
  return {
    uplinks,
    transportVlan: sw.transportVlan ?? 0,
    lags: lags.map((l): [string, string, string, string] => [l.name, l.mode, l.loadBalancing, l.timeout ?? 'slow']),
    teaming: sw.teaming ? { standby: [], ...sw.teaming } : { ...defaultTeaming(uplinks, lags.map((l) => l.name)), standby: [] },
    namedTeamings: (sw.namedTeamings ?? []).map((t) => ({ standby: [], ...t })),
  };
}

const byName = (a: SwitchFacts, b: SwitchFacts) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** vSphere's default MTU, which the checks assume for a switch without `mtu` (docs/RULES.md readiness/mtu). */
const VSPHERE_DEFAULT_MTU = 1500;

/** The design's switches of a host, as facts: modes resolved, lcores summed per NUMA node (none for standard switches). */
export function designSwitches(host: Host, topology: Topology): SwitchFacts[] {
  return host.switches.map((sw): SwitchFacts => {
    const mode = effectiveMode(sw, topology.target);
    const perNode = new Map<number, number>();
    if (mode !== 'standard') for (const g of sw.lcores ?? []) perNode.set(g.numaNode, (perNode.get(g.numaNode) ?? 0) + g.count);
    const inLag = new Set((sw.lags ?? []).flatMap((l) => l.uplinks));
    return { name: sw.name, mode, mtu: sw.mtu ?? VSPHERE_DEFAULT_MTU, lcores: [...perNode].sort((a, b) => a[0] - b[0]), ...uplinkFacts(sw, sw.uplinks.filter((u) => !inLag.has(u))) };
  }).sort(byName);
}

export function factsOf(fragments: readonly (SwitchLike & { mode?: string; mtu?: number; lcores?: { numaNode: number; count: number }[] })[]): SwitchFacts[] {
  return fragments.map((f) => ({ name: f.name, mode: f.mode, mtu: f.mtu, lcores: (f.lcores ?? []).map((l): [number, number] => [l.numaNode, l.count]), ...uplinkFacts(f, [...f.uplinks]) })).sort(byName);
}

const MODES: readonly (SwitchMode | undefined)[] = ['standard', 'edp-standard', 'edp-performance', 'edp-dedicated', undefined];
/** Names whose identifiers collide once slugged (vds-a, vds_a, "VDS A"), to test unique placeholder names. */
const SWITCH_NAMES = ['vds-a', 'vds_a', 'VDS A', 'vds-b'];
const CLUSTERS = [undefined, 'cluster-1', 'cluster 1', 'c2'];

const switchArb = fc.record({
  name: fc.constantFrom(...SWITCH_NAMES),
  mode: fc.constantFrom(...MODES),
  uplinks: fc.subarray([0, 1, 2, 3]),
  mtu: fc.constantFrom(undefined, 1700, 9000),
  lcores: fc.array(fc.record({ numaNode: fc.integer({ min: 0, max: 1 }), count: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
  transportVlan: fc.constantFrom(undefined, 0, 120),
  /** The first two uplinks as a LAG (when there are two). */
  lag: fc.option(fc.record({ mode: fc.constantFrom<Lag['mode']>('active', 'passive'), loadBalancing: fc.constantFrom<Lag['loadBalancing']>('src-dest-ip-vlan', 'src-mac', 'src-dest-mac-ip-port'), timeout: fc.constantFrom<Lag['timeout']>(undefined, 'slow', 'fast') })),
  /** An explicit teaming: the last NSX uplink active, the others standby (failover order). */
  failover: fc.boolean(),
  named: fc.boolean(),
});

/** The switch's LAG, teaming and named teaming as the generated choices say, over the uplinks it has. */
function uplinkGroups(s: { lag: Omit<Lag, 'name' | 'uplinks'> | null; failover: boolean; named: boolean }, uplinks: string[]): Partial<Switch> {
  const lags: Lag[] = s.lag && uplinks.length >= 2 ? [{ name: 'lag1', uplinks: uplinks.slice(0, 2), ...s.lag, ...(s.lag.timeout ? {} : { timeout: undefined }) }] : [];
  for (const l of lags) if (l.timeout === undefined) delete l.timeout;
  const names = [...uplinks.filter((u) => !lags.some((l) => l.uplinks.includes(u))), ...lags.map((l) => l.name)];
  const out: Partial<Switch> = lags.length > 0 ? { lags } : {};
  if (s.failover && names.length > 0) {
    out.teaming = { policy: 'failover-order', active: names.slice(-1), ...(names.length > 1 ? { standby: names.slice(0, -1) } : {}) };
  }
  if (s.named && names.length > 0) out.namedTeamings = [{ name: 'edp-a', policy: 'loadbalance-src-mac', active: names.slice(0, 1) }];
  return out;
}

const hostArb = fc.record({
  cluster: fc.constantFrom(...CLUSTERS),
  nodes: fc.integer({ min: 1, max: 2 }),
  nics: fc.integer({ min: 1, max: 4 }),
  switches: fc.uniqueArray(switchArb, { selector: (s) => s.name, maxLength: 3 }),
  /** Take the previous host's switches: clusters whose hosts agree, or mostly do. */
  sameAsPrevious: fc.boolean(),
});

/** Designs of 1–6 hosts in a few clusters (or none), with switches of every mode; no VMs. */
export const designArb: fc.Arbitrary<Topology> = fc.record({
  name: fc.constantFrom(undefined, 'gen', 'Gen Design 1'),
  target: fc.constantFrom<SwitchMode>('edp-standard', 'edp-performance', 'standard'),
  hosts: fc.array(hostArb, { minLength: 1, maxLength: 6 }),
}).map(({ name, target, hosts }) => {
  let previous: Switch[] = [];
  const built = hosts.map((h, i): Host => {
    const nics = Array.from({ length: 4 }, (_, n) => ({
      name: `vmnic${n}`, model: 'Intel E810-CQDA2', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: n % h.nodes, queues: 16,
    }));
    const own = h.switches.map((s): Switch => ({
      name: s.name,
      ...(s.mode ? { mode: s.mode } : {}),
      uplinks: s.uplinks.filter((u) => u < h.nics).map((u) => `vmnic${u}`),
      ...(s.mtu ? { mtu: s.mtu } : {}),
      ...(s.lcores.length ? { lcores: s.lcores.map((l) => ({ numaNode: l.numaNode % h.nodes, count: l.count })) } : {}),
      ...(s.transportVlan !== undefined ? { transportVlan: s.transportVlan } : {}),
      ...uplinkGroups(s, s.uplinks.filter((u) => u < h.nics).map((u) => `vmnic${u}`)),
    }));
    const switches = h.sameAsPrevious && i > 0 ? previous.map((s) => structuredClone(s)) : own;
    previous = switches;
    // Every NIC a switch uses exists on this host.
    const needed = Math.max(h.nics, ...switches.flatMap((s) => s.uplinks.map((u) => Number(u.slice(5)) + 1)));
    return {
      name: `esx-${String(i + 1).padStart(2, '0')}`,
      ...(h.cluster ? { cluster: h.cluster } : {}),
      cpu: { model: 'Intel Xeon Gold 6430', sockets: h.nodes, coresPerSocket: 32, threadsPerCore: 2, ghz: 2.1, llcMiB: 60 },
      nics: nics.slice(0, needed),
      switches,
    };
  });
  return { version: 1, ...(name ? { name } : {}), target: { release: 'vcf-9.0', mode: target }, hosts: built };
});
