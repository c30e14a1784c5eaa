// The plan as NSX Policy API requests in one JSON document. Each `body` is the API object as
// the NSX REST API documents it (PolicyUplinkHostSwitchProfile, PolicyHostTransportNodeProfile,
// HostTransportNodeCollection, HostTransportNode); the document around them carries what a
// header comment would (the API objects themselves reject unknown fields), so it stays valid
// JSON that jq and the NSX reader read as is. Sources: ../shared/nsx-and-esxi.md, docs/EXPORT.md.
import type { ClusterPlan, ExportPlan, ExportWarning, HostPlan, HostSwitchPlan, UplinkProfilePlan } from './plan';
import { type Placeholder, Placeholders } from './placeholders';

export const POLICY_API = '/policy/api/v1';
/** The default site and enforcement point: where NSX keeps the fabric of a single-site manager. */
export const ENFORCEMENT_POINT = '/infra/sites/default/enforcement-points/default';

export interface NsxRequest {
  _comment: string;
  method: 'PUT' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

export interface NsxPolicyDocument {
  _comment: string[];
  warnings: string[];
  placeholders: Record<string, string>;
  requests: NsxRequest[];
}

export const uplinkProfilePath = (p: UplinkProfilePlan) => `/infra/host-switch-profiles/${p.id}`;
export const transportNodeProfilePath = (c: ClusterPlan) => `/infra/host-transport-node-profiles/${c.profileId}`;

const ref = (name: string) => `\${${name}}`;

export function warningText(w: ExportWarning): string {
  return `${w.rule ? `${w.rule}: ` : ''}${w.message}${w.path ? ` (at ${w.path === '' ? '/' : w.path})` : ''}`;
}

export function placeholderText(p: Placeholder): string {
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
    // NSX uplinks are named after the design's NICs; vCenter maps each VDS uplink to a vmnic.
    uplinks: c.uplinks.map((nic) => ({ uplink_name: nic, vds_uplink_name: ref(ph.ref('vds-uplink', { switchName: c.name, nic })) })),
    is_migrate_pnics: false,
    ip_assignment_spec: { resource_type: 'StaticIpPoolSpec', ip_pool_id: ref(ph.ref('tep-ip-pool', { switchName: c.name })) },
    ...(c.lcores.length > 0 ? { cpu_config: c.lcores.map((l) => ({ num_lcores: l.count, numa_node_index: l.numaNode })) } : {}),
    transport_zone_endpoints: [{ transport_zone_id: ref(ph.ref('transport-zone', { switchName: c.name })), transport_zone_profile_ids: [] }],
  });
  const spec = (switches: HostSwitchPlan[]) => ({ resource_type: 'StandardHostSwitchSpec', host_switches: switches.map(hostSwitch) });

  const requests: NsxRequest[] = [];
  for (const p of plan.uplinkProfiles) {
    requests.push({
      _comment: `Uplink profile of switch "${p.switchName}": MTU ${p.mtu}, ${p.uplinks.length === 0 ? 'no uplinks' : `${p.uplinks.join(', ')} active`}.`,
      method: 'PUT',
      path: `${POLICY_API}${uplinkProfilePath(p)}`,
      body: {
        resource_type: 'PolicyUplinkHostSwitchProfile',
        id: p.id,
        display_name: p.id,
        mtu: p.mtu,
        teaming: { policy: p.teaming, active_list: p.uplinks.map((u) => ({ uplink_name: u, uplink_type: 'PNIC' })) },
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
