// The plan as NSX Policy API requests in one JSON document. Each `body` is the API object as
// the NSX REST API documents it (PolicyUplinkHostSwitchProfile, PolicyHostTransportNodeProfile,
// HostTransportNodeCollection, HostTransportNode); the document around them carries what a
// header comment would (the API objects themselves reject unknown fields), so it stays valid
// JSON that jq and the NSX reader read as is. Sources: ../shared/nsx-and-esxi.md, docs/EXPORT.md.
import { type ClusterPlan, type ExportPlan, type ExportWarning, type HostPlan, type HostSwitchPlan, type LagPlan, nsxUplinks, type NsxUplink, type TeamingPlan, type UplinkProfilePlan } from './plan';
import { type Placeholder, Placeholders } from './placeholders';

const POLICY_API = '/policy/api/v1';
/** The default site and enforcement point: where NSX keeps the fabric of a single-site manager. */
const ENFORCEMENT_POINT = '/infra/sites/default/enforcement-points/default';

interface NsxRequest {
  _comment: string;
  method: 'PUT' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

interface NsxPolicyDocument {
  _comment: string[];
  warnings: string[];
  placeholders: Record<string, string>;
  requests: NsxRequest[];
}

const uplinkProfilePath = (p: UplinkProfilePlan) => `/infra/host-switch-profiles/${p.id}`;
const transportNodeProfilePath = (c: ClusterPlan) => `/infra/host-transport-node-profiles/${c.profileId}`;

const ref = (name: string) => `\${${name}}`;

export function warningText(w: ExportWarning): string {
  return `${w.rule ? `${w.rule}: ` : ''}${w.message}${w.path ? ` (at ${w.path === '' ? '/' : w.path})` : ''}`;
}

function placeholderText(p: Placeholder): string {
  return p.example ? `${p.description} For example: ${p.example}` : p.description;
}

export function renderNsxPolicy(plan: ExportPlan, warnings: ExportWarning[], header: string): { text: string; placeholders: Placeholder[] } {
  const ph = new Placeholders();
  const hostSwitch = ({ config: c, uplinkProfile }: HostSwitchPlan): Record<string, unknown> => ({
    host_switch_name: c.name,
    host_switch_id: ref(ph.ref('vds-uuid', { switchName: c.name })),
    host_switch_type: 'VDS',
    host_switch_mode: c.nsxMode,
    host_switch_profile_ids: [{ key: 'UplinkHostSwitchProfile', value: uplinkProfilePath(uplinkProfile) }],
    // NSX uplinks are named after the design's NICs (and LAGs); vCenter maps each VDS uplink to
    // a vmnic, and each VDS LAG to its vmnics.
    uplinks: nsxUplinks(c.uplinks, c.lags).map((u) => u.type === 'LAG'
      ? { uplink_name: u.name, vds_lag_name: ref(ph.ref('vds-lag', { switchName: c.name, lag: u.name })) }
      : { uplink_name: u.name, vds_uplink_name: ref(ph.ref('vds-uplink', { switchName: c.name, nic: u.name })) }),
    is_migrate_pnics: false,
    ip_assignment_spec: { resource_type: 'StaticIpPoolSpec', ip_pool_id: ref(ph.ref('tep-ip-pool', { switchName: c.name })) },
    ...(c.lcores.length > 0 ? { cpu_config: c.lcores.map((l) => ({ num_lcores: l.count, numa_node_index: l.numaNode })) } : {}),
    transport_zone_endpoints: [{ transport_zone_id: ref(ph.ref('transport-zone', { switchName: c.name })), transport_zone_profile_ids: [] }],
  });
  const spec = (switches: HostSwitchPlan[]) => ({ resource_type: 'StandardHostSwitchSpec', host_switches: switches.map(hostSwitch) });

  const requests: NsxRequest[] = [];
  for (const p of plan.uplinkProfiles) {
    requests.push({
      _comment: uplinkProfileComment(p),
      method: 'PUT',
      path: `${POLICY_API}${uplinkProfilePath(p)}`,
      body: {
        resource_type: 'PolicyUplinkHostSwitchProfile',
        id: p.id,
        display_name: p.id,
        mtu: p.mtu,
        ...(p.transportVlan !== undefined ? { transport_vlan: p.transportVlan } : {}),
        ...(p.lags.length > 0 ? { lags: p.lags.map(lagBody) } : {}),
        teaming: teamingBody(p.teaming),
        ...(p.namedTeamings.length > 0 ? { named_teamings: p.namedTeamings.map((t) => ({ name: t.name, ...teamingBody(t) })) } : {}),
      },
    });
  }
  for (const c of plan.clusters) {
    requests.push({
      _comment: `Host transport node profile of cluster "${c.name}" (hosts ${c.hosts.join(', ')}).`,
      method: 'PUT',
      path: `${POLICY_API}${transportNodeProfilePath(c)}`,
      body: {
        resource_type: 'PolicyHostTransportNodeProfile',
        id: c.profileId,
        // Named after the cluster, so that reading it back tells which hosts it configures.
        display_name: c.name,
        description: `EDP design "${plan.prefix}", cluster "${c.name}".`,
        host_switch_spec: spec(c.switches),
      },
    });
    requests.push({
      _comment: `Applies the profile to vSphere cluster "${c.name}".`,
      method: 'PUT',
      path: `${POLICY_API}${ENFORCEMENT_POINT}/transport-node-collections/${c.collectionId}`,
      body: {
        resource_type: 'HostTransportNodeCollection',
        id: c.collectionId,
        display_name: c.collectionId,
        compute_collection_id: ref(ph.ref('compute-collection', { cluster: c.name })),
        transport_node_profile_id: transportNodeProfilePath(c),
      },
    });
  }
  for (const h of plan.hosts) requests.push(hostRequest(h, ph, spec));

  const placeholders = ph.all();
  const doc: NsxPolicyDocument = {
    _comment: header.split('\n'),
    warnings: warnings.map(warningText),
    placeholders: Object.fromEntries(placeholders.map((p) => [p.name, placeholderText(p)])),
    requests,
  };
  return { text: `${JSON.stringify(doc, null, 2)}\n`, placeholders };
}

const uplinkList = (list: NsxUplink[]) => list.map((u) => ({ uplink_name: u.name, uplink_type: u.type }));

function teamingBody(t: TeamingPlan): Record<string, unknown> {
  return { policy: t.policy, active_list: uplinkList(t.active), ...(t.standby.length > 0 ? { standby_list: uplinkList(t.standby) } : {}) };
}

function lagBody(l: LagPlan): Record<string, unknown> {
  return { name: l.name, mode: l.mode, load_balance_algorithm: l.algorithm, number_of_uplinks: l.nics.length, timeout_type: l.timeout };
}

/** What the profile sets, in words; a LAG's NICs are said here because NSX's Lag holds only their number. */
export function uplinkProfileComment(p: UplinkProfilePlan): string {
  const names = (list: NsxUplink[]) => list.map((u) => u.name).join(', ');
  const parts = [`MTU ${p.mtu}`];
  if (p.transportVlan !== undefined) parts.push(`transport VLAN ${p.transportVlan}`);
  for (const l of p.lags) parts.push(`LAG ${l.name} of ${l.nics.join(', ')} (set the same NICs in the VDS's LAG in vCenter)`);
  parts.push(p.teaming.active.length === 0 ? 'no uplinks' : `${names(p.teaming.active)} active${p.teaming.standby.length > 0 ? `, ${names(p.teaming.standby)} standby` : ''}`);
  for (const t of p.namedTeamings) parts.push(`teaming "${t.name}": ${names(t.active)} active${t.standby.length > 0 ? `, ${names(t.standby)} standby` : ''}`);
  return `Uplink profile of switch "${p.switchName}": ${parts.join('; ')}.`;
}

function hostRequest(h: HostPlan, ph: Placeholders, spec: (s: HostSwitchPlan[]) => unknown): NsxRequest {
  return {
    _comment: h.cluster === undefined
      ? `Host "${h.host}" belongs to no cluster: its own transport node configuration.`
      : `Host "${h.host}" differs from the profile of cluster "${h.cluster}": it overrides it with its own configuration.`,
    // PATCH: the node exists (NSX created it from the cluster's profile, or it was prepared), and
    // a PUT would need its current _revision.
    method: 'PATCH',
    path: `${POLICY_API}${ENFORCEMENT_POINT}/host-transport-nodes/${ref(ph.ref('host-transport-node', { host: h.host }))}`,
    body: { resource_type: 'HostTransportNode', display_name: h.host, host_switch_spec: spec(h.switches) },
  };
}
