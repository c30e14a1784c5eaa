// Which hosts an NSX transport node profile configures. NSX applies a profile to a vCenter
// cluster through a transport node collection, which names the cluster only by its compute
// collection id (`<compute manager id>:domain-c8`: terraform-provider-nsxt issue #1505); the
// cluster's name is in the compute collection's JSON, its vCenter id (`cm_local_id`, domain-c8) in
// both. So, in this order:
//   A. the hosts whose vCenter cluster id (the HostSystem's parent in vSphere JSON) is the id of a
//      compute collection a transport node collection attaches the profile to; when hosts carry
//      cluster ids and the profile's collections name other clusters, no host;
//   0. when no host names its cluster (hosts imported from ESXi, vSphere or hwloc), all of them;
//   1. the collections attaching the profile, their clusters named by imported compute collections;
//   2. the profile named after a cluster of the hosts (`edp-check export` names it so);
//   3. when every host is in one cluster, all of them.
// Otherwise nothing matches and a note says what to import or set. A host with its own transport
// node in the input keeps that (NSX lets a host override its cluster's profile).
import type { NsxImport, NsxSwitchFragment, NsxTransportNode } from './nsx';
import { refersToProfile } from './nsx';
import { sameHost } from './merge';

interface ProfileHost {
  name: string;
  cluster?: string;
  /** The vCenter cluster's managed object id (domain-c8), from the host's vSphere JSON. */
  clusterRef?: string;
}

interface ProfilePlacement {
  profile: NsxTransportNode;
  /** Names of the hosts it configures. */
  hosts: string[];
  /** Why these hosts, for the user. */
  how: string;
}

/**
 * The NSX facts a profile needs to find its hosts: what `importHosts` passes on when profiles wait
 * for a design, with the vCenter cluster ids of the hosts imported beside them (by host name).
 */
export type NsxProfiles = Pick<NsxImport, 'transportNodes' | 'collections' | 'computeCollections'> & { clusterRefs?: { host: string; clusterRef: string }[] };

/** The vCenter cluster id (domain-c8) of a compute collection id: the compute collection's cm_local_id when its JSON is in, else what follows the last colon. */
function clusterRefOf(computeCollectionId: string, nsx: Pick<NsxImport, 'computeCollections'>): string | undefined {
  const cc = nsx.computeCollections.find((x) => x.id === computeCollectionId);
  if (cc?.localId) return cc.localId;
  const m = /:([^:]+)$/.exec(computeCollectionId);
  return m && /^domain-c\d+$/.test(m[1]) ? m[1] : undefined;
}

const sameCluster = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const quote = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

export function placeProfiles(nsx: NsxProfiles, hosts: readonly ProfileHost[], notes: string[]): ProfilePlacement[] {
  const own = nsx.transportNodes.filter((t) => t.kind === 'node');
  const hasOwnNode = (h: ProfileHost) => own.some((n) => sameHost(n.name, h.name));
  const clusters = [...new Set(hosts.map((h) => h.cluster).filter((c): c is string => c !== undefined))];
  const out: ProfilePlacement[] = [];
  for (const profile of nsx.transportNodes.filter((t) => t.kind === 'profile')) {
    const what = `Transport node profile "${profile.name}"`;
    const attached: string[] = [];
    const unnamed: string[] = [];
    for (const c of nsx.collections) {
      if (c.profile === undefined || !refersToProfile(c.profile, profile)) continue;
      const cc = nsx.computeCollections.find((x) => x.id === c.computeCollectionId || (x.localId !== undefined && c.computeCollectionId?.endsWith(`:${x.localId}`)));
      if (cc?.name !== undefined) attached.push(cc.name);
      else unnamed.push(c.computeCollectionId ?? c.id ?? '(no compute_collection_id)');
    }
    // The vCenter cluster ids the profile's collections attach it to.
    const refs = [
      ...new Set(
        nsx.collections
          .filter((c) => c.profile !== undefined && refersToProfile(c.profile, profile) && c.computeCollectionId !== undefined)
          .map((c) => clusterRefOf(c.computeCollectionId!, nsx))
          .filter((r): r is string => r !== undefined),
      ),
    ];
    const withRefs = hosts.filter((h) => h.clusterRef !== undefined);
    let targets: ProfileHost[];
    let how: string;
    if (hosts.length === 0) {
      notes.push(`${what}: there is no host for it to configure (the design has none; import the hosts too).`);
      continue;
    } else if (refs.length > 0 && withRefs.length > 0) {
      targets = withRefs.filter((h) => refs.includes(h.clusterRef!));
      how = `attached to vCenter cluster ${quote(refs)} by its transport node collection, the hosts' parent in vSphere`;
      if (targets.length === 0) {
        notes.push(`${what} is attached to vCenter cluster ${quote(refs)}, and the imported hosts are in ${quote([...new Set(withRefs.map((h) => h.clusterRef!))])} (their parent in vSphere): not applied.`);
        continue;
      }
    } else if (clusters.length === 0) {
      targets = [...hosts];
      how = 'no host names its cluster, so it applies to every host';
    } else if (attached.length > 0) {
      targets = hosts.filter((h) => h.cluster !== undefined && attached.some((c) => sameCluster(c, h.cluster!)));
      how = `attached to cluster ${quote(attached)} by its transport node collection`;
      if (targets.length === 0) {
        notes.push(`${what} is attached to cluster ${quote(attached)}, and no host is in ${attached.length === 1 ? 'it' : 'them'} (a host's "cluster"): not applied.`);
        continue;
      }
    } else {
      // `edp-check export` writes a placeholder there: nothing to fetch about that.
      if (unnamed.some((id) => !/^\$\{[^}]*\}$/.test(id))) {
        notes.push(`${what} is attached to compute collection ${unnamed.join(', ')}, whose cluster name is not in the input (import GET /api/v1/fabric/compute-collections too).`);
      }
      const byName = clusters.filter((c) => sameCluster(c, profile.name));
      if (byName.length > 0) {
        targets = hosts.filter((h) => h.cluster !== undefined && sameCluster(h.cluster, profile.name));
        how = `named after cluster "${byName[0]}"`;
      } else if (clusters.length === 1 && hosts.every((h) => h.cluster !== undefined)) {
        targets = [...hosts];
        how = `every host is in cluster "${clusters[0]}"`;
      } else {
        notes.push(`${what}: which cluster it configures is not in the input (import its transport node collection and the compute collections, GET /policy/api/v1/infra/sites/default/enforcement-points/default/transport-node-collections and /api/v1/fabric/compute-collections), and its name matches none of the clusters ${quote(clusters)}: not applied.`);
        continue;
      }
    }
    const overridden = targets.filter(hasOwnNode);
    if (overridden.length > 0) notes.push(`${what}: ${overridden.map((h) => h.name).join(', ')} ${overridden.length === 1 ? 'has its' : 'have their'} own transport node in the input, which overrides the profile: not applied there.`);
    const names = targets.filter((h) => !hasOwnNode(h)).map((h) => h.name);
    if (names.length > 0) {
      out.push({ profile, hosts: names, how });
      notes.push(`${what} fills the switches of ${names.join(', ')} (${how}).`);
    }
  }
  const loose = clusters.length > 0 ? hosts.filter((h) => h.cluster === undefined && !out.some((p) => p.hosts.includes(h.name))) : [];
  if (loose.length > 0 && nsx.transportNodes.some((t) => t.kind === 'profile')) {
    notes.push(`${loose.map((h) => h.name).join(', ')} ${loose.length === 1 ? 'names' : 'name'} no cluster, so no transport node profile was applied: set "cluster" and import again.`);
  }
  const taken = new Map<string, string[]>();
  for (const p of out) for (const h of p.hosts) taken.set(h, [...(taken.get(h) ?? []), p.profile.name]);
  for (const [h, names] of taken) if (names.length > 1) notes.push(`${h} matches transport node profiles ${quote(names)}; NSX applies one profile per cluster: check which is the host's.`);
  return out;
}

/**
 * An NSX switch as facts for one host: its uplinks, and the teamings that name them, only when
 * they are NICs of the host (`isNic`). A VDS names NSX uplinks (uplink-1), which vCenter maps to
 * vmnics (the reader's note says so); taking them would disagree with the host's own NICs.
 */
export function nsxSwitchFor(sw: NsxSwitchFragment, isNic: (name: string) => boolean): Partial<NsxSwitchFragment> & { name: string } {
  const { uplinks, teaming, namedTeamings, ...rest } = sw;
  if (!(uplinks.length > 0 && uplinks.every(isNic))) return rest;
  // A teaming names uplinks, or LAGs of the switch.
  const lagNames = new Set((rest.lags ?? []).map((l) => l.name));
  const known = (t: { active: string[]; standby?: string[] }) => [...t.active, ...(t.standby ?? [])].every((u) => isNic(u) || lagNames.has(u));
  const named = (namedTeamings ?? []).filter(known);
  const own = teaming && known(teaming) ? teaming : undefined;
  return { ...rest, uplinks, ...(own ? { teaming: own } : {}), ...(named.length ? { namedTeamings: named } : {}) };
}

/** A profile's switch for a host whose NICs are `nicNames`. */
export function profileSwitchFor(sw: NsxSwitchFragment, nicNames: ReadonlySet<string>): Partial<NsxSwitchFragment> & { name: string } {
  return nsxSwitchFor(sw, (u) => nicNames.has(u));
}
