// The plan as a Terraform configuration for the vmware/nsxt provider: the resources and
// arguments of its docs (docs/resources/policy_uplink_host_switch_profile.md,
// policy_host_transport_node_profile.md, policy_host_transport_node_collection.md,
// policy_host_transport_node.md; standard_host_switch from getStandardHostSwitchSchema), the
// unknowns as `variable` blocks. Sources: ../shared/nsx-and-esxi.md, docs/EXPORT.md.
import { expr, hclIdentifier, type HclItem, renderHcl } from './hcl';
import { uplinkProfileComment, warningText } from './nsxPolicy';
import { type ExportPlan, type ExportWarning, type HostSwitchPlan, nsxUplinks, type NsxUplink, type TeamingPlan, type UplinkProfilePlan } from './plan';
import { type Placeholder, Placeholders, UniqueNames } from './placeholders';

const UPLINK_PROFILE = 'nsxt_policy_uplink_host_switch_profile';
const PROFILE = 'nsxt_policy_host_transport_node_profile';
const COLLECTION = 'nsxt_policy_host_transport_node_collection';
const HOST_NODE = 'nsxt_policy_host_transport_node';
const COMPUTE_COLLECTION = 'nsxt_compute_collection';

function teamingBody(t: TeamingPlan): HclItem[] {
  const list = (block: 'active' | 'standby', uplinks: NsxUplink[]) => uplinks.flatMap((u): HclItem[] => [
    { blank: true },
    { block, body: [{ attr: 'uplink_name', value: u.name }, { attr: 'uplink_type', value: u.type }] },
  ]);
  return [{ attr: 'policy', value: t.policy }, ...list('active', t.active), ...list('standby', t.standby)];
}

export function renderTerraform(plan: ExportPlan, warnings: ExportWarning[], header: string): { text: string; placeholders: Placeholder[] } {
  const ph = new Placeholders();
  const names = new UniqueNames();
  const nameOf = (type: string, key: string, wanted: string) => names.get(`${type}\u0000${key}`, `${type}.${hclIdentifier(wanted)}`).slice(type.length + 1);
  const variable = (name: string) => expr(`var.${name}`);
  const uplinkProfileName = (p: UplinkProfilePlan) => nameOf(UPLINK_PROFILE, p.id, p.id);

  const hostSwitch = ({ config: c, uplinkProfile }: HostSwitchPlan): HclItem => ({
    block: 'standard_host_switch',
    body: [
      { attr: 'host_switch_name', value: c.name },
      { attr: 'host_switch_id', value: variable(ph.ref('vds-uuid', { switchName: c.name })) },
      { attr: 'host_switch_mode', value: c.nsxMode },
      { attr: 'uplink_profile', value: expr(`${UPLINK_PROFILE}.${uplinkProfileName(uplinkProfile)}.path`) },
      { attr: 'is_migrate_pnics', value: false },
      ...c.lcores.flatMap((l): HclItem[] => [{ blank: true }, { block: 'cpu_config', body: [{ attr: 'num_lcores', value: l.count }, { attr: 'numa_node_index', value: l.numaNode }] }]),
      ...nsxUplinks(c.uplinks, c.lags).flatMap((u): HclItem[] => [
        { blank: true },
        {
          block: 'uplink',
          body: u.type === 'LAG'
            ? [{ attr: 'uplink_name', value: u.name }, { attr: 'vds_lag_name', value: variable(ph.ref('vds-lag', { switchName: c.name, lag: u.name })) }]
            : [{ attr: 'uplink_name', value: u.name }, { attr: 'vds_uplink_name', value: variable(ph.ref('vds-uplink', { switchName: c.name, nic: u.name })) }],
        },
      ]),
      { blank: true },
      { block: 'ip_assignment', body: [{ attr: 'static_ip_pool', value: variable(ph.ref('tep-ip-pool', { switchName: c.name })) }] },
      { blank: true },
      { block: 'transport_zone_endpoint', body: [{ attr: 'transport_zone', value: variable(ph.ref('transport-zone', { switchName: c.name })) }] },
    ],
  });
  const switches = (list: HostSwitchPlan[]): HclItem[] => list.flatMap((s) => [{ blank: true }, hostSwitch(s)] as HclItem[]);

  const resources: HclItem[] = [];
  for (const p of plan.uplinkProfiles) {
    resources.push({ blank: true }, { comment: uplinkProfileComment(p) }, {
      block: 'resource',
      labels: [UPLINK_PROFILE, uplinkProfileName(p)],
      body: [
        { attr: 'nsx_id', value: p.id },
        { attr: 'display_name', value: p.id },
        { attr: 'description', value: `Uplink profile of switch "${p.switchName}"` },
        { attr: 'mtu', value: p.mtu },
        ...(p.transportVlan !== undefined ? [{ attr: 'transport_vlan', value: p.transportVlan }] : []),
        ...p.lags.flatMap((l): HclItem[] => [
          { blank: true },
          {
            block: 'lag',
            body: [
              { attr: 'name', value: l.name },
              { attr: 'mode', value: l.mode },
              { attr: 'load_balance_algorithm', value: l.algorithm },
              { attr: 'number_of_uplinks', value: l.nics.length },
              { attr: 'timeout_type', value: l.timeout },
            ],
          },
        ]),
        { blank: true },
        { block: 'teaming', body: teamingBody(p.teaming) },
        ...p.namedTeamings.flatMap((t): HclItem[] => [
          { blank: true },
          { block: 'named_teaming', body: [{ attr: 'name', value: t.name }, ...teamingBody(t)] },
        ]),
      ],
    });
  }
  for (const c of plan.clusters) {
    const profile = nameOf(PROFILE, c.profileId, c.name);
    const computeCollection = nameOf(COMPUTE_COLLECTION, c.name, c.name);
    resources.push({ blank: true }, {
      block: 'resource',
      labels: [PROFILE, profile],
      body: [
        { attr: 'nsx_id', value: c.profileId },
        { attr: 'display_name', value: c.name },
        { attr: 'description', value: `EDP design "${plan.prefix}", cluster "${c.name}" (hosts ${c.hosts.join(', ')})` },
        ...switches(c.switches),
      ],
    });
    // The design's cluster name is the vSphere cluster's: NSX knows it as a compute collection.
    resources.push({ blank: true }, {
      block: 'data',
      labels: [COMPUTE_COLLECTION, computeCollection],
      body: [{ attr: 'display_name', value: c.name }],
    });
    resources.push({ blank: true }, {
      block: 'resource',
      labels: [COLLECTION, nameOf(COLLECTION, c.collectionId, c.name)],
      body: [
        { attr: 'nsx_id', value: c.collectionId },
        { attr: 'display_name', value: c.collectionId },
        { attr: 'compute_collection_id', value: expr(`data.${COMPUTE_COLLECTION}.${computeCollection}.id`) },
        { attr: 'transport_node_profile_path', value: expr(`${PROFILE}.${profile}.path`) },
      ],
    });
  }
  for (const h of plan.hosts) {
    resources.push({ blank: true }, {
      block: 'resource',
      labels: [HOST_NODE, nameOf(HOST_NODE, h.host, h.host)],
      body: [
        { attr: 'display_name', value: h.host },
        { attr: 'description', value: h.cluster === undefined ? 'Host without a cluster' : `Overrides the profile of cluster "${h.cluster}"` },
        { attr: 'discovered_node_id', value: variable(ph.ref('discovered-node', { host: h.host })) },
        ...switches(h.switches),
      ],
    });
  }

  const placeholders = ph.all();
  const items: HclItem[] = [
    ...header.split('\n').map((line): HclItem => ({ comment: line })),
    { comment: '' },
    ...(warnings.length === 0
      ? [{ comment: 'Warnings: none.' }]
      : [{ comment: `Warnings (${warnings.length}):` }, ...warnings.map((w): HclItem => ({ comment: `- ${warningText(w)}` }))]),
    { comment: '' },
    ...(placeholders.length === 0
      ? [{ comment: 'Variables to set: none.' }]
      : [{ comment: 'Variables to set (terraform.tfvars or -var), described below:' }, ...placeholders.map((p): HclItem => ({ comment: `- ${p.name}` }))]),
    { blank: true },
    {
      block: 'terraform',
      body: [{ block: 'required_providers', body: [{ attr: 'nsxt', value: expr('{\n      source = "vmware/nsxt"\n    }') }] }],
    },
    ...placeholders.flatMap((p): HclItem[] => [
      { blank: true },
      { block: 'variable', labels: [p.name], body: [{ attr: 'description', value: p.example ? `${p.description} For example: ${p.example}` : p.description }, { attr: 'type', value: expr('string') }] },
    ]),
    ...resources,
  ];
  return { text: `${renderHcl(items)}\n`, placeholders };
}
