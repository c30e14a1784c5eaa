// NSX transport node and transport node profile JSON (Manager or Policy API, one object or a
// list result `{results: […]}`, or any document holding them, such as `edp-check export
// --format nsx-policy`) → the EDP switches they configure, as topology fragments. Shapes and
// sources: ../shared/nsx-and-esxi.md. Pure; never throws on JSON it does not understand (it
// says so in `notes`), only on text that is not JSON or holds nothing NSX.
import { modeOfNsx } from '../export/modes';
import { lcoresPerNode, nsxUplinks } from '../export/plan';
import { lacpModeOfNsx, lacpTimeoutOfNsx, lagLoadBalancingOfNsx, teamingPolicyOfNsx } from '../export/teaming';
import { stripBom } from '../text';
import { defined } from './facts';
import type { Lag, LcoreGroup, NamedTeaming, Switch, Teaming } from '../topology';

/** A switch as far as NSX describes it: the topology's switch fields, each only when NSX states it. */
export type NsxSwitchFragment = Pick<Switch, 'name' | 'uplinks'> & Partial<Pick<Switch, 'mode' | 'mtu' | 'lcores' | 'transportVlan' | 'teaming' | 'namedTeamings'>> & {
  /** A VDS LAG's NICs are vCenter's, not NSX's: its `uplinks` are then left out for the user to fill in. */
  lags?: (Omit<Lag, 'uplinks'> & { uplinks?: string[] })[];
};

/** The NSX facts behind one switch fragment (for notes and for matching against vCenter/ESXi facts). */
export interface NsxHostSwitchFacts {
  /** host_switch_id: the VDS UUID for a VDS. */
  hostSwitchId?: string;
  /** host_switch_type: VDS or NVDS. */
  hostSwitchType?: string;
  /** host_switch_mode as written. */
  hostSwitchMode?: string;
  /** The uplink profile the switch names (host_switch_profile_ids, key UplinkHostSwitchProfile). */
  uplinkProfile?: string;
  /** Whether that profile was in the input (its MTU and teaming were then applied). */
  uplinkProfileFound: boolean;
  /** VDS: NSX uplink name → VDS uplink name (or VDS LAG name). */
  vdsUplinks: { uplinkName: string; vdsUplinkName?: string; vdsLagName?: string }[];
  /** NVDS: physical NIC → NSX uplink name. */
  pnics: { deviceName: string; uplinkName?: string }[];
  teaming?: NsxTeaming;
  /** The LAGs of the uplink profile, as NSX states them. */
  lags?: NsxLag[];
}

export interface NsxTeaming {
  policy?: string;
  active: string[];
  standby: string[];
}

export interface NsxLag {
  name: string;
  mode?: string;
  loadBalanceAlgorithm?: string;
  numberOfUplinks?: number;
  timeoutType?: string;
  /** The NSX uplink names of its members (read-only, in what NSX returns); an N-VDS maps them to pnics. */
  uplinkNames?: string[];
}

export interface NsxTransportNode {
  /**
   * 'profile': a transport node profile (PolicyHostTransportNodeProfile / TransportNodeProfile):
   * it applies to the hosts of a cluster, so its switches go to every host of the design (or
   * cluster) it is merged into. 'node': one host's transport node (HostTransportNode /
   * TransportNode), matched to a host of the design by `name`.
   */
  kind: 'profile' | 'node';
  /** display_name, else id: for a node, the host's name as NSX shows it. */
  name: string;
  id?: string;
  /** The Policy path (/infra/host-transport-node-profiles/<id>), when the object states it. */
  path?: string;
  resourceType?: string;
  switches: NsxSwitchFragment[];
  /** hostSwitches[i] describes switches[i]. */
  hostSwitches: NsxHostSwitchFacts[];
  /** A node's IP addresses (node_deployment_info.ip_addresses, or its display name when that is an IPv4 address). */
  addresses?: string[];
  /** A node's UUIDs (id, node_id, unique_id): the id an NSX-prepared host carries as nsxTransportNodeId is one of them. */
  nodeIds?: string[];
}

export interface NsxUplinkProfile {
  id?: string;
  path?: string;
  name?: string;
  mtu?: number;
  transportVlan?: number;
  teaming?: NsxTeaming;
  namedTeamings?: (NsxTeaming & { name?: string })[];
  lags?: NsxLag[];
}

/**
 * A transport node collection (HostTransportNodeCollection / TransportNodeCollection): NSX's
 * attachment of a transport node profile to a compute collection, i.e. a vCenter cluster.
 */
export interface NsxCollection {
  id?: string;
  name?: string;
  /** transport_node_profile_id: the profile's Policy path or Manager id. */
  profile?: string;
  /** compute_collection_id: NSX's id of the cluster (`<vCenter uuid>:domain-c8`), not its name. */
  computeCollectionId?: string;
}

/** A compute collection (GET /api/v1/fabric/compute-collections): the cluster's name behind its id. */
export interface NsxComputeCollection {
  /** external_id, what a transport node collection's compute_collection_id holds. */
  id: string;
  /** display_name: the vCenter cluster's name. */
  name?: string;
  /** cm_local_id: the vCenter managed object id (domain-c8). */
  localId?: string;
}

export interface NsxImport {
  /** Transport nodes and transport node profiles, in document order. */
  transportNodes: NsxTransportNode[];
  /** Which profile NSX applies to which compute collection (cluster). */
  collections: NsxCollection[];
  computeCollections: NsxComputeCollection[];
  /** The uplink profiles found (already applied to the switches that name them). */
  uplinkProfiles: NsxUplinkProfile[];
  /** What is missing or inferred, one sentence each, for the user. */
  notes: string[];
}

export class NsxJsonError extends Error {
  constructor(
    message: string,
    /** Which of the texts given (0-based) it is about. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'NsxJsonError';
  }
}

const PROFILE_TYPES = new Set(['PolicyHostTransportNodeProfile', 'TransportNodeProfile']);
const NODE_TYPES = new Set(['HostTransportNode', 'TransportNode']);
const UPLINK_PROFILE_TYPES = new Set(['PolicyUplinkHostSwitchProfile', 'UplinkHostSwitchProfile']);
const COLLECTION_TYPES = new Set(['HostTransportNodeCollection', 'TransportNodeCollection']);
/** Deeper than any NSX document; a guard against pathological input. */
const MAX_DEPTH = 64;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** True when the text is JSON holding a transport node (profile), an uplink profile or a (compute / transport node) collection. */
export function isNsxJson(text: string): boolean {
  const value = parse(text);
  if (value === undefined) return false;
  return count(collect(value)) > 0;
}

const count = (f: ReturnType<typeof collect>) => f.nodes.length + f.uplinkProfiles.length + f.collections.length + f.computeCollections.length;

/**
 * Reads NSX JSON. Give every NSX file of one import together: a transport node profile names
 * its uplink profile by path or id, and the MTU and teaming come from that profile's own JSON.
 * Throws NsxJsonError when a text is not JSON or holds nothing this reader understands.
 */
export function readNsxJson(texts: string | readonly string[]): NsxImport {
  const all = typeof texts === 'string' ? [texts] : texts;
  const nodes: Json[] = [];
  const profileObjects: Json[] = [];
  const collectionObjects: Json[] = [];
  const computeObjects: Json[] = [];
  all.forEach((text, index) => {
    const value = parse(text);
    if (value === undefined) throw new NsxJsonError('not JSON', index);
    const found = collect(value);
    if (count(found) === 0) {
      throw new NsxJsonError('JSON without an NSX transport node, transport node profile, uplink profile or transport node collection (no host_switch_spec, no resource_type UplinkHostSwitchProfile)', index);
    }
    nodes.push(...found.nodes);
    profileObjects.push(...found.uplinkProfiles);
    collectionObjects.push(...found.collections);
    computeObjects.push(...found.computeCollections);
  });
  const notes: string[] = [];
  const uplinkProfiles = profileObjects.map(readUplinkProfile);
  const transportNodes = nodes.map((n, i) => readTransportNode(n, i, uplinkProfiles, notes));
  const collections = collectionObjects.map(readCollection);
  const computeCollections = computeObjects.map(readComputeCollection).filter((c): c is NsxComputeCollection => c !== undefined);
  if (transportNodes.length === 0) notes.push(`The input holds ${uplinkProfiles.length > 0 ? 'uplink profiles' : 'collections'} but no transport node or transport node profile, so it describes no switch.`);
  return { transportNodes, collections, computeCollections, uplinkProfiles, notes };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(stripBom(text));
  } catch {
    return undefined;
  }
}

/** Every transport node (profile) and uplink profile anywhere in the document. */
function collect(value: unknown): { nodes: Json[]; uplinkProfiles: Json[]; collections: Json[]; computeCollections: Json[] } {
  const nodes: Json[] = [];
  const uplinkProfiles: Json[] = [];
  const collections: Json[] = [];
  const computeCollections: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
      return;
    }
    if (!isObject(v)) return;
    const type = str(v.resource_type);
    if (isObject(v.host_switch_spec) || (Array.isArray(v.host_switches) && (type === undefined || NODE_TYPES.has(type) || PROFILE_TYPES.has(type)))) {
      nodes.push(v);
      return;
    }
    if (type === 'StandardHostSwitchSpec' && Array.isArray(v.host_switches)) {
      nodes.push({ host_switch_spec: v });
      return;
    }
    if (type !== undefined && UPLINK_PROFILE_TYPES.has(type)) {
      uplinkProfiles.push(v);
      return;
    }
    if ((type !== undefined && COLLECTION_TYPES.has(type)) || (type === undefined && v.transport_node_profile_id !== undefined && v.compute_collection_id !== undefined)) {
      collections.push(v);
      return;
    }
    if (type === 'ComputeCollection' && str(v.external_id) !== undefined) {
      computeCollections.push(v);
      return;
    }
    for (const child of Object.values(v)) visit(child, depth + 1);
  };
  visit(value, 0);
  return { nodes, uplinkProfiles, collections, computeCollections };
}

function readCollection(c: Json): NsxCollection {
  return defined({ id: str(c.id), name: str(c.display_name), profile: str(c.transport_node_profile_id), computeCollectionId: str(c.compute_collection_id) });
}

function readComputeCollection(c: Json): NsxComputeCollection | undefined {
  const id = str(c.external_id);
  return id === undefined ? undefined : defined({ id, name: str(c.display_name), localId: str(c.cm_local_id) });
}

/** Whether a reference (Policy path or Manager id) names this transport node profile. */
export function refersToProfile(ref: string, profile: Pick<NsxTransportNode, 'id' | 'path'>): boolean {
  if (profile.path !== undefined && ref === profile.path) return true;
  return profile.id !== undefined && (ref === profile.id || ref.split('/').pop() === profile.id);
}

function readTeaming(v: unknown): NsxTeaming | undefined {
  if (!isObject(v)) return undefined;
  const names = (l: unknown) => list(l).map((u) => (isObject(u) ? str(u.uplink_name) : undefined)).filter((u): u is string => u !== undefined);
  return { policy: str(v.policy), active: names(v.active_list), standby: names(v.standby_list) };
}

function readUplinkProfile(p: Json): NsxUplinkProfile {
  const lags = list(p.lags).filter(isObject).flatMap((l): NsxLag[] => {
    const lagName = str(l.name);
    if (lagName === undefined) return [];
    const members = list(l.uplinks).map((u) => (isObject(u) ? str(u.uplink_name) : undefined)).filter((u): u is string => u !== undefined);
    return [defined({ name: lagName, mode: str(l.mode), loadBalanceAlgorithm: str(l.load_balance_algorithm), numberOfUplinks: int(l.number_of_uplinks), timeoutType: str(l.timeout_type), uplinkNames: members.length > 0 ? members : undefined })];
  });
  const named = list(p.named_teamings).flatMap((t) => {
    const read = readTeaming(t);
    const teamingName = isObject(t) ? str(t.name) : undefined;
    return read ? [teamingName === undefined ? read : { ...read, name: teamingName }] : [];
  });
  return defined({
    transportVlan: int(p.transport_vlan),
    lags: lags.length > 0 ? lags : undefined,
    namedTeamings: named.length > 0 ? named : undefined,
    id: str(p.id),
    path: str(p.path),
    name: str(p.display_name),
    mtu: int(p.mtu),
    teaming: readTeaming(p.teaming),
  });
}

/** A profile reference is a Policy path (/infra/host-switch-profiles/<id>) or a Manager id. */
function findUplinkProfile(ref: string, profiles: NsxUplinkProfile[]): NsxUplinkProfile | undefined {
  const last = ref.split('/').pop();
  return profiles.find((p) => p.path === ref || p.id === ref)
    ?? profiles.find((p) => p.id !== undefined && p.id === last && (ref.startsWith('/infra/') || !ref.includes('/')));
}

function readTransportNode(n: Json, i: number, profiles: NsxUplinkProfile[], notes: string[]): NsxTransportNode {
  const type = str(n.resource_type);
  const kind: NsxTransportNode['kind'] = type !== undefined && PROFILE_TYPES.has(type) ? 'profile'
    : type !== undefined && NODE_TYPES.has(type) ? 'node'
    : n.node_id !== undefined || n.node_deployment_info !== undefined || n.discovered_node_id !== undefined ? 'node' : 'profile';
  const id = str(n.id);
  const name = str(n.display_name) ?? id ?? `transport node ${i + 1}`;
  const what = `${kind === 'profile' ? 'Transport node profile' : 'Transport node'} "${name}"`;
  if (type === undefined) notes.push(`${what} has no resource_type; read as a ${kind === 'profile' ? 'transport node profile' : 'transport node'}.`);
  const spec = isObject(n.host_switch_spec) ? n.host_switch_spec : { host_switches: n.host_switches };
  const specType = str(spec.resource_type);
  if (specType === 'PreconfiguredHostSwitchSpec') notes.push(`${what} uses preconfigured host switches: NSX does not state their mode, MTU or lcores.`);
  const switches: NsxSwitchFragment[] = [];
  const hostSwitches: NsxHostSwitchFacts[] = [];
  list(spec.host_switches).forEach((hs, s) => {
    if (!isObject(hs)) return;
    const read = readHostSwitch(hs, s, profiles, `${what}, host switch`, notes);
    switches.push(read.fragment);
    hostSwitches.push(read.facts);
  });
  if (switches.length === 0) notes.push(`${what} has no host switches.`);
  // A host transport node's management addresses (node_deployment_info.ip_addresses of a HostNode):
  // NSX often names a host by its IP, which then finds the host by address instead of by name.
  const ips = list(isObject(n.node_deployment_info) ? n.node_deployment_info.ip_addresses : undefined).map(str).filter((a): a is string => a !== undefined);
  const addresses = [...new Set([...ips, ...(IPV4.test(name) ? [name] : [])])];
  const nodeIds = kind === 'node' ? [...new Set([id, str(n.node_id), str(n.unique_id)].filter((x): x is string => x !== undefined && UUID.test(x)))] : [];
  return defined({ kind, name, switches, hostSwitches, id, path: str(n.path), resourceType: type, addresses: addresses.length ? addresses : undefined, nodeIds: nodeIds.length ? nodeIds : undefined });
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readHostSwitch(hs: Json, s: number, profiles: NsxUplinkProfile[], context: string, notes: string[]): { fragment: NsxSwitchFragment; facts: NsxHostSwitchFacts } {
  const hostSwitchId = str(hs.host_switch_id);
  const name = str(hs.host_switch_name) ?? hostSwitchId ?? `host-switch-${s + 1}`;
  const what = `${context} "${name}"`;
  if (str(hs.host_switch_name) === undefined) notes.push(`${what} has no host_switch_name; named ${hostSwitchId ? 'by its host_switch_id' : 'by its position'}. Rename it to the VDS's name.`);

  const facts: NsxHostSwitchFacts = { uplinkProfileFound: false, vdsUplinks: [], pnics: [] };
  if (hostSwitchId !== undefined) facts.hostSwitchId = hostSwitchId;
  const type = str(hs.host_switch_type);
  if (type !== undefined) facts.hostSwitchType = type;

  const fragment: NsxSwitchFragment = { name, uplinks: [] };
  const rawMode = str(hs.host_switch_mode);
  if (rawMode !== undefined) facts.hostSwitchMode = rawMode;
  const mode = modeOfNsx(rawMode);
  if (mode !== undefined) fragment.mode = mode;
  if (rawMode === undefined) notes.push(`${what} states no host_switch_mode; its mode is left out.`);
  else if (mode === undefined) notes.push(`${what} has host_switch_mode ${rawMode}, which no design mode matches; its mode is left out.`);
  else if (rawMode === 'LEGACY') notes.push(`${what} is in LEGACY mode, read as a standard switch.`);

  // cpu_config: lcores per NUMA node (ENS modes; NSX ignores it otherwise).
  const groups: LcoreGroup[] = [];
  for (const c of list(hs.cpu_config)) {
    if (!isObject(c)) continue;
    const count = int(c.num_lcores);
    const numaNode = int(c.numa_node_index);
    if (count === undefined || numaNode === undefined || count < 1 || numaNode < 0) {
      notes.push(`${what} has a cpu_config entry without a positive num_lcores and a numa_node_index; it is skipped.`);
      continue;
    }
    groups.push({ numaNode, count });
  }
  const lcores = lcoresPerNode(groups);
  const ens = rawMode === 'ENS' || rawMode === 'ENS_INTERRUPT';
  if (lcores.length > 0) fragment.lcores = lcores;
  else if (ens) notes.push(`${what} has no cpu_config: NSX places its default of one lcore on NUMA node 0; lcores are left out.`);

  // Uplinks: a VDS names NSX uplinks (mapped to VDS uplinks in vCenter), an N-VDS its pnics.
  for (const u of list(hs.uplinks)) {
    if (!isObject(u)) continue;
    const uplinkName = str(u.uplink_name);
    if (uplinkName === undefined) continue;
    const vdsUplinkName = str(u.vds_uplink_name);
    const vdsLagName = str(u.vds_lag_name);
    facts.vdsUplinks.push({ uplinkName, ...(vdsUplinkName === undefined ? {} : { vdsUplinkName }), ...(vdsLagName === undefined ? {} : { vdsLagName }) });
  }
  for (const p of list(hs.pnics)) {
    if (!isObject(p)) continue;
    const deviceName = str(p.device_name);
    if (deviceName === undefined) continue;
    const uplinkName = str(p.uplink_name);
    facts.pnics.push(uplinkName === undefined ? { deviceName } : { deviceName, uplinkName });
  }
  // A VDS uplink mapped to a VDS LAG, or named like a LAG of the uplink profile, is a LAG.
  const profileRef = list(hs.host_switch_profile_ids).find((p) => isObject(p) && p.key === 'UplinkHostSwitchProfile');
  const profileRefValue = isObject(profileRef) ? str(profileRef.value) : undefined;
  const profileLags = (profileRefValue === undefined ? undefined : findUplinkProfile(profileRefValue, profiles))?.lags ?? [];
  const isLag = (u: { uplinkName: string; vdsLagName?: string }) => u.vdsLagName !== undefined || profileLags.some((l) => l.name === u.uplinkName);
  if (facts.pnics.length > 0) {
    fragment.uplinks = facts.pnics.map((p) => p.deviceName);
  } else {
    fragment.uplinks = facts.vdsUplinks.filter((u) => !isLag(u)).map((u) => u.uplinkName);
    const notNics = fragment.uplinks.filter((u) => !/^vmnic\d+$/.test(u));
    if (notNics.length > 0) {
      notes.push(`${what}: uplinks ${notNics.join(', ')} are NSX uplink names; which vmnics they are is known to vCenter (the VDS's uplinks), not to NSX. Set the switch's uplinks to the host's NIC names.`);
    }
  }

  // The uplink profile: MTU, transport VLAN, LAGs and teamings.
  const refValue = profileRefValue;
  if (refValue === undefined) {
    notes.push(`${what} names no uplink profile; its MTU is not known.`);
  } else {
    facts.uplinkProfile = refValue;
    const profile = findUplinkProfile(refValue, profiles);
    if (!profile) {
      notes.push(`${what} uses uplink profile ${refValue}, which is not in the input, so its MTU is not known. Add the profile's JSON (GET /policy/api/v1${refValue.startsWith('/infra/') ? refValue : `/infra/host-switch-profiles/${refValue}`}).`);
    } else {
      facts.uplinkProfileFound = true;
      if (profile.teaming) facts.teaming = profile.teaming;
      if (profile.lags) facts.lags = profile.lags;
      if (profile.mtu !== undefined) fragment.mtu = profile.mtu;
      else notes.push(`${what}: uplink profile ${refValue} sets no mtu, so NSX's global default MTU applies (1700 unless changed); the MTU is left out.`);
      applyUplinkProfile(fragment, profile, facts, what, notes);
    }
  }
  return { fragment, facts };
}

/**
 * The profile's transport VLAN, LAGs and teamings as the switch's. Teamings name NSX uplinks:
 * an N-VDS maps them to pnics (the design names NICs), a VDS names them after what vCenter
 * calls them (the export names them after the NICs). What equals the design's default (VLAN 0;
 * every uplink active, failover order for one and spread by virtual port for more) is left out,
 * as a hand-written design would. A VDS LAG's NICs are vCenter's: left out for the user to fill in.
 */
function applyUplinkProfile(fragment: NsxSwitchFragment, profile: NsxUplinkProfile, facts: NsxHostSwitchFacts, what: string, notes: string[]): void {
  if (profile.transportVlan !== undefined && profile.transportVlan !== 0) fragment.transportVlan = profile.transportVlan;
  const nvds = facts.pnics.length > 0;
  const nicOf = (uplinkName: string) => (nvds ? facts.pnics.find((p) => p.uplinkName === uplinkName)?.deviceName : uplinkName);
  const lags: NonNullable<NsxSwitchFragment['lags']> = [];
  for (const l of profile.lags ?? []) {
    const mode = lacpModeOfNsx(l.mode);
    const loadBalancing = lagLoadBalancingOfNsx(l.loadBalanceAlgorithm);
    if (mode === undefined || loadBalancing === undefined) {
      notes.push(`${what}: LAG "${l.name}" has mode ${l.mode ?? '(none)'} and load_balance_algorithm ${l.loadBalanceAlgorithm ?? '(none)'}, which the design cannot say; it is left out.`);
      continue;
    }
    const timeout = lacpTimeoutOfNsx(l.timeoutType);
    const nics = nvds ? (l.uplinkNames ?? []).map(nicOf).filter((n): n is string => n !== undefined) : [];
    lags.push({ name: l.name, ...(nics.length >= 2 ? { uplinks: nics } : {}), mode, loadBalancing, ...(timeout === undefined ? {} : { timeout }) });
    if (nics.length < 2) {
      notes.push(`${what}: LAG "${l.name}"${l.numberOfUplinks === undefined ? '' : ` has ${l.numberOfUplinks} uplinks`}; which vmnics are in it is set in vCenter (the VDS's LAG), not in NSX: add them to the LAG's uplinks and to the switch's uplinks.`);
    }
  }
  if (lags.length > 0) fragment.lags = lags;
  const lagNames = new Set(lags.map((l) => l.name));
  const teamingOf = (t: NsxTeaming, label: string): Teaming | undefined => {
    const policy = teamingPolicyOfNsx(t.policy);
    const names = (list: string[]) => list.map((u) => (lagNames.has(u) ? u : nicOf(u)));
    const active = names(t.active);
    const standby = names(t.standby);
    if (policy === undefined || active.length === 0 || [...active, ...standby].includes(undefined)) {
      const why = policy === undefined ? `policy ${t.policy ?? '(none)'}, which the design cannot say` : active.length === 0 ? 'no active uplink' : 'an uplink that is no pnic or LAG of the switch';
      notes.push(`${what}: ${label} has ${why}; it is left out.`);
      return undefined;
    }
    return { policy, active: active as string[], ...(standby.length > 0 ? { standby: standby as string[] } : {}) };
  };
  if (profile.teaming) {
    const teaming = teamingOf(profile.teaming, 'the teaming');
    const all = nsxUplinks(fragment.uplinks, lags.map((l) => ({ name: l.name, nics: l.uplinks ?? [] }))).map((u) => u.name);
    const byDefault = teaming !== undefined && !teaming.standby && teaming.policy === (all.length > 1 ? 'loadbalance-srcid' : 'failover-order')
      && teaming.active.length === all.length && teaming.active.every((u, i) => u === all[i]);
    if (teaming && !byDefault) fragment.teaming = teaming;
  }
  const named: NamedTeaming[] = [];
  for (const t of profile.namedTeamings ?? []) {
    if (t.name === undefined) continue;
    const teaming = teamingOf(t, `named teaming "${t.name}"`);
    if (teaming) named.push({ name: t.name, ...teaming });
  }
  if (named.length > 0) fragment.namedTeamings = named;
}
