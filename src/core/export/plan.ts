// What a design deploys as in NSX, independent of the output format: per vSphere cluster one
// host transport node profile (the switch configuration most of its hosts share) applied to the
// cluster, one transport node per host that differs from its cluster or has none, and the
// uplink profiles (MTU, teaming) the host switches name.
import { plural } from '../present';
import { DEFAULT_MTU } from '../readiness/check';
import { effectiveMode, type Host, type LcoreGroup, type Switch, type SwitchMode, type Teaming, type Topology } from '../topology';
import { type NsxHostSwitchMode, nsxModeOf, takesCpuConfig } from './modes';
import { type NsxLacpMode, nsxLacpMode, nsxLacpTimeout, type NsxLacpTimeout, type NsxLagAlgorithm, nsxLagAlgorithm, type NsxTeamingPolicy, nsxTeamingPolicy } from './teaming';

/** One switch as NSX configures it. */
export interface SwitchConfig {
  name: string;
  mode: Exclude<SwitchMode, 'edp-dedicated'>;
  nsxMode: Exclude<NsxHostSwitchMode, 'LEGACY'>;
  /** The switch's MTU, or the vSphere default the checks assumed when the design sets none. */
  mtu: number;
  /** The switch's NICs (a LAG's NICs included). */
  uplinks: string[];
  /** Lcores per NUMA node, merged per node and sorted; empty for STANDARD and when none are declared. */
  lcores: LcoreGroup[];
  /** As the design sets it; absent: not sent (NSX's default, 0 = untagged). */
  transportVlan?: number;
  lags: LagPlan[];
  /** The design's teaming, or every NSX uplink active when it sets none. */
  teaming: TeamingPlan;
  namedTeamings: NamedTeamingPlan[];
}

/** An NSX uplink of a host switch: a NIC in no LAG (PNIC) or a LAG. */
export interface NsxUplink {
  name: string;
  type: 'PNIC' | 'LAG';
}

export interface LagPlan {
  name: string;
  /** The design's NICs in it: NSX counts them (number_of_uplinks); vCenter's VDS LAG holds them. */
  nics: string[];
  mode: NsxLacpMode;
  algorithm: NsxLagAlgorithm;
  timeout: NsxLacpTimeout;
}

export interface TeamingPlan {
  policy: NsxTeamingPolicy;
  active: NsxUplink[];
  standby: NsxUplink[];
}

export interface NamedTeamingPlan extends TeamingPlan {
  name: string;
}

export interface UplinkProfilePlan {
  id: string;
  switchName: string;
  mtu: number;
  transportVlan?: number;
  lags: LagPlan[];
  teaming: TeamingPlan;
  namedTeamings: NamedTeamingPlan[];
}

export interface HostSwitchPlan {
  config: SwitchConfig;
  uplinkProfile: UplinkProfilePlan;
}

export interface ClusterPlan {
  name: string;
  /** Ids of the transport node profile and of the collection that applies it to the cluster. */
  profileId: string;
  collectionId: string;
  hosts: string[];
  switches: HostSwitchPlan[];
}

/** A host configured on its own: it differs from its cluster's profile, or has no cluster. */
export interface HostPlan {
  host: string;
  cluster?: string;
  switches: HostSwitchPlan[];
}

export interface ExportWarning {
  /** The rule id of a finding of the analysis; absent for what the export itself notes. */
  rule?: string;
  message: string;
  /** JSON pointer into the topology. */
  path?: string;
}

export interface ExportPlan {
  /** Prefix of every NSX id the export creates (the design's name). */
  prefix: string;
  uplinkProfiles: UplinkProfilePlan[];
  clusters: ClusterPlan[];
  hosts: HostPlan[];
  notes: ExportWarning[];
  /** Whether an ENS_INTERRUPT host switch is exported with a cpu_config (an assumption: docs/EXPORT.md). */
  interruptCpuConfig: boolean;
}

/** Lower case letters, digits and dashes: safe in NSX ids and in URL paths. */
function idSlug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s;
}

/** Lcore groups merged per NUMA node, sorted by node; groups of zero lcores dropped. */
export function lcoresPerNode(groups: readonly LcoreGroup[] | undefined): LcoreGroup[] {
  const byNode = new Map<number, number>();
  for (const g of groups ?? []) {
    if (!(g.count > 0)) continue;
    byNode.set(g.numaNode, (byNode.get(g.numaNode) ?? 0) + g.count);
  }
  return [...byNode].sort((a, b) => a[0] - b[0]).map(([numaNode, count]) => ({ numaNode, count }));
}

function switchConfig(sw: Switch, topology: Topology): SwitchConfig {
  const mode = effectiveMode(sw, topology.target);
  const nsxMode = nsxModeOf(mode);
  const lags = (sw.lags ?? []).map((l): LagPlan => ({
    name: l.name,
    nics: [...l.uplinks],
    mode: nsxLacpMode(l.mode),
    algorithm: nsxLagAlgorithm(l.loadBalancing),
    timeout: nsxLacpTimeout(l.timeout),
  }));
  const uplinks = nsxUplinks(sw.uplinks, lags);
  const lagNames = new Set(lags.map((l) => l.name));
  const teamingOf = (t: Teaming): TeamingPlan => {
    const ref = (name: string): NsxUplink => ({ name, type: lagNames.has(name) ? 'LAG' : 'PNIC' });
    return { policy: nsxTeamingPolicy(t.policy), active: t.active.map(ref), standby: (t.standby ?? []).map(ref) };
  };
  return {
    name: sw.name,
    mode,
    nsxMode,
    mtu: sw.mtu ?? DEFAULT_MTU,
    uplinks: [...sw.uplinks],
    lcores: takesCpuConfig(nsxMode) ? lcoresPerNode(sw.lcores) : [],
    ...(sw.transportVlan !== undefined ? { transportVlan: sw.transportVlan } : {}),
    lags,
    // Without a teaming in the design every uplink is active (our choice: the design says
    // nothing about failover order): failover order for one, spread by virtual port for more.
    teaming: sw.teaming
      ? teamingOf(sw.teaming)
      : { policy: uplinks.length > 1 ? 'LOADBALANCE_SRCID' : 'FAILOVER_ORDER', active: uplinks, standby: [] },
    namedTeamings: (sw.namedTeamings ?? []).map((t) => ({ name: t.name, ...teamingOf(t) })),
  };
}

/** The host switch's NSX uplinks: its NICs that are in no LAG, in order, then its LAGs. */
export function nsxUplinks(nics: readonly string[], lags: readonly Pick<LagPlan, 'name' | 'nics'>[]): NsxUplink[] {
  const inLag = new Set(lags.flatMap((l) => l.nics));
  return [
    ...nics.filter((n) => !inLag.has(n)).map((name): NsxUplink => ({ name, type: 'PNIC' })),
    ...lags.map((l): NsxUplink => ({ name: l.name, type: 'LAG' })),
  ];
}

/** Hosts with the same key configure their switches identically. */
function signatureOf(configs: SwitchConfig[]): string {
  return JSON.stringify([...configs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

export function planExport(topology: Topology, fallbackName = 'edp'): ExportPlan {
  const prefix = idSlug(topology.name ?? fallbackName);
  const notes: ExportWarning[] = [];
  const profiles = new Map<string, UplinkProfilePlan>();
  const profileIds = new Set<string>();
  const uplinkProfileOf = (c: SwitchConfig): UplinkProfilePlan => {
    // NSX sees only the number of a LAG's NICs, but the profile's comment names them (they are
    // set in vCenter): hosts whose LAGs take other NICs get a profile of their own.
    const key = JSON.stringify([c.name, c.mtu, c.transportVlan ?? null, c.lags, c.teaming, c.namedTeamings]);
    let profile = profiles.get(key);
    if (!profile) {
      const base = `${prefix}-${idSlug(c.name)}-uplink`;
      let id = base;
      for (let n = 2; profileIds.has(id); n++) id = `${base}-${n}`;
      profileIds.add(id);
      profile = {
        id,
        switchName: c.name,
        mtu: c.mtu,
        ...(c.transportVlan !== undefined ? { transportVlan: c.transportVlan } : {}),
        lags: c.lags,
        teaming: c.teaming,
        namedTeamings: c.namedTeamings,
      };
      profiles.set(key, profile);
    }
    return profile;
  };
  const hostSwitches = (configs: SwitchConfig[]) => configs.map((config) => ({ config, uplinkProfile: uplinkProfileOf(config) }));

  const configsOf = new Map<Host, SwitchConfig[]>();
  // One note per switch and fact, naming the hosts: a 48-host cluster is one fact, not 48.
  const grouped = new Map<string, { note: SwitchNote; hosts: string[] }>();
  topology.hosts.forEach((host, h) => {
    configsOf.set(host, host.switches.map((sw) => switchConfig(sw, topology)));
    host.switches.forEach((sw, s) => {
      for (const note of switchNotes(sw, configsOf.get(host)![s], `/hosts/${h}/switches/${s}`)) {
        const key = `${note.kind}\u0000${sw.name}`;
        const entry = grouped.get(key) ?? { note, hosts: [] };
        entry.hosts.push(host.name);
        grouped.set(key, entry);
      }
    });
    if (host.switches.length === 0) {
      notes.push({
        message: host.cluster === undefined
          ? `Host "${host.name}" has no switches: there is nothing to configure on it, so it is left out.`
          : `Host "${host.name}" has no switches, but NSX applies the profile of cluster "${host.cluster}" to every host of the cluster; give it its switches, or move it out of the cluster.`,
        path: `/hosts/${h}`,
      });
    }
  });
  for (const { note, hosts: on } of grouped.values()) {
    const where = `Switch "${note.switchName}" on host "${on[0]}"${on.length > 1 ? ` (and ${plural(on.length - 1, 'more host')})` : ''}`;
    notes.push({ message: `${where} ${note.text}`, path: note.path });
  }

  const clusters: ClusterPlan[] = [];
  const hosts: HostPlan[] = [];
  const clusterIds = new Set<string>();
  const byCluster = new Map<string, Host[]>();
  for (const host of topology.hosts) {
    if (host.switches.length === 0) continue;
    if (host.cluster === undefined) {
      hosts.push({ host: host.name, switches: hostSwitches(configsOf.get(host)!) });
      continue;
    }
    const members = byCluster.get(host.cluster) ?? [];
    members.push(host);
    byCluster.set(host.cluster, members);
  }
  for (const [name, members] of byCluster) {
    // The configuration most hosts share is the cluster's profile (on a tie, the first host's);
    // the others override it, as cluster/vmotion-incompatible picks its reference.
    const signatures = members.map((m) => signatureOf(configsOf.get(m)!));
    const counts = new Map<string, number>();
    for (const s of signatures) counts.set(s, (counts.get(s) ?? 0) + 1);
    const majority = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
    const reference = members[signatures.indexOf(majority)];
    const base = `${prefix}-${idSlug(name)}`;
    let id = base;
    for (let n = 2; clusterIds.has(id); n++) id = `${base}-${n}`;
    clusterIds.add(id);
    clusters.push({
      name,
      profileId: `${id}-tnp`,
      collectionId: `${id}-tnc`,
      hosts: members.map((m) => m.name),
      switches: hostSwitches(configsOf.get(reference)!),
    });
    members.forEach((m, i) => {
      if (signatures[i] !== majority) hosts.push({ host: m.name, cluster: name, switches: hostSwitches(configsOf.get(m)!) });
    });
  }
  // In file order, whether on their own or overriding a cluster's profile.
  const order = new Map(topology.hosts.map((h, i) => [h.name, i]));
  hosts.sort((a, b) => order.get(a.host)! - order.get(b.host)!);
  if (clusters.length === 0 && hosts.length === 0) notes.push({ message: 'The design has no switches: there is nothing to configure in NSX.' });
  const exported = [...clusters, ...hosts].flatMap((x) => x.switches.map((sw) => sw.config));
  const interruptCpuConfig = exported.some((c) => c.nsxMode === 'ENS_INTERRUPT' && c.lcores.length > 0);
  return { prefix, uplinkProfiles: [...profiles.values()], clusters, hosts, notes, interruptCpuConfig };
}

interface SwitchNote {
  kind: string;
  switchName: string;
  /** Where the first switch with this note is. */
  path: string;
  /** The sentence after "Switch X on host Y". */
  text: string;
}

/** What the export cannot say in NSX terms as the design does, or fills in. */
function switchNotes(sw: Switch, c: SwitchConfig, path: string): SwitchNote[] {
  const out: SwitchNote[] = [];
  const note = (kind: string, text: string, at = path) => out.push({ kind, switchName: sw.name, path: at, text });
  if (!takesCpuConfig(c.nsxMode) && (sw.lcores?.length ?? 0) > 0) {
    note('lcores-standard', 'is a standard switch: its lcores are not exported (NSX takes cpu_config only for ENS and ENS_INTERRUPT).', `${path}/lcores`);
  }
  if (takesCpuConfig(c.nsxMode) && c.lcores.length === 0) {
    note('no-lcores', 'declares no lcores: it is exported without cpu_config, so NSX applies its default (one lcore on NUMA node 0).');
  }
  if (sw.mtu === undefined) {
    note('no-mtu', `sets no mtu: its uplink profile gets ${DEFAULT_MTU}, the vSphere default the checks assumed (NSX would otherwise apply its global default, 1700).`);
  }
  if (sw.uplinks.length === 0) {
    note('no-uplinks', "has no uplinks: its uplink profile's teaming has no active uplink, which NSX requires. Add the switch's uplinks to the design.", `${path}/uplinks`);
  }
  return out;
}
