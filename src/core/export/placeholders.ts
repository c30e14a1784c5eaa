// Values the design does not know (VDS UUIDs, transport zones, TEP pools, NSX ids) become named
// placeholders: `${name}` inside the NSX Policy JSON (fill them with envsubst or by hand), a
// `variable "name"` in Terraform. One name per unknown fact, listed with what to put there.

export type PlaceholderKind =
  | 'vds-uuid'
  | 'vds-uplink'
  | 'vds-lag'
  | 'transport-zone'
  | 'tep-ip-pool'
  | 'compute-collection'
  | 'host-transport-node'
  | 'discovered-node';

export interface Placeholder {
  /** Lower-case identifier: the JSON's `${name}` and the Terraform variable's name. */
  name: string;
  kind: PlaceholderKind;
  /** What to put there and where to find it. */
  description: string;
  /** An example of the value's form, when it has one. */
  example?: string;
}

interface PlaceholderSubject {
  switchName?: string;
  nic?: string;
  lag?: string;
  cluster?: string;
  host?: string;
}

/** An identifier fragment from a name: lower case, runs of other characters as one `_`. */
function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return s === '' ? 'x' : s;
}

/** Gives each distinct name a distinct identifier (vds-edp and vds_edp must not share one). */
export class UniqueNames {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  get(key: string, wanted: string): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let name = wanted;
    for (let n = 2; this.taken.has(name); n++) name = `${wanted}_${n}`;
    this.taken.add(name);
    this.byKey.set(key, name);
    return name;
  }
}

const q = (s: string) => JSON.stringify(s);

function describe(kind: PlaceholderKind, s: PlaceholderSubject): Pick<Placeholder, 'description' | 'example'> {
  switch (kind) {
    case 'vds-uuid':
      return {
        description: `UUID of the vSphere Distributed Switch ${q(s.switchName!)} (NSX host_switch_id), as vCenter shows it (the VDS's uuid in the vSphere API).`,
        example: '50 22 ee c4 f6 40 79 8b-0e a4 2b da 6a 4c 36 b3',
      };
    case 'vds-uplink':
      return {
        description: `Name of the uplink port of VDS ${q(s.switchName!)} that carries ${s.nic} on the hosts (vCenter: the VDS's uplink names); the NSX uplink is named ${q(s.nic!)} after the NIC.`,
        example: 'Uplink 1',
      };
    case 'vds-lag':
      return {
        description: `Name of the LAG of VDS ${q(s.switchName!)} that NSX LAG ${q(s.lag!)} maps to (vCenter: the VDS's LACP settings; its ports carry the NICs the design puts in ${q(s.lag!)}).`,
        example: 'lag1',
      };
    case 'transport-zone':
      return {
        description: `Policy path of the transport zone switch ${q(s.switchName!)} joins (usually the overlay transport zone).`,
        example: '/infra/sites/default/enforcement-points/default/transport-zones/<id>',
      };
    case 'tep-ip-pool':
      return {
        description: `Policy path of the IP pool the tunnel endpoints (TEPs) of switch ${q(s.switchName!)} take their addresses from.`,
        example: '/infra/ip-pools/<id>',
      };
    case 'compute-collection':
      return {
        description: `NSX compute collection id of vSphere cluster ${q(s.cluster!)} (GET /api/v1/fabric/compute-collections?display_name=${encodeURIComponent(s.cluster!)}: its external_id).`,
        example: '<vcenter-id>:domain-c<N>',
      };
    case 'host-transport-node':
      return {
        description: `NSX id of the host transport node of ${q(s.host!)} (GET /policy/api/v1/infra/sites/default/enforcement-points/default/host-transport-nodes: the entry whose display_name is the host).`,
      };
    case 'discovered-node':
      return {
        description: `NSX discovered node id of host ${q(s.host!)} (data source nsxt_discovered_node, or GET /api/v1/fabric/discovered-nodes).`,
      };
  }
}

function wantedName(kind: PlaceholderKind, s: PlaceholderSubject): string {
  switch (kind) {
    case 'vds-uuid':
      return `vds_uuid_${slug(s.switchName!)}`;
    case 'vds-uplink':
      return `vds_uplink_${slug(s.switchName!)}_${slug(s.nic!)}`;
    case 'vds-lag':
      return `vds_lag_${slug(s.switchName!)}_${slug(s.lag!)}`;
    case 'transport-zone':
      return `transport_zone_${slug(s.switchName!)}`;
    case 'tep-ip-pool':
      return `tep_ip_pool_${slug(s.switchName!)}`;
    case 'compute-collection':
      return `compute_collection_${slug(s.cluster!)}`;
    case 'host-transport-node':
      return `host_transport_node_${slug(s.host!)}`;
    case 'discovered-node':
      return `discovered_node_${slug(s.host!)}`;
  }
}

/** The placeholders one export uses, in order of first use. */
export class Placeholders {
  private readonly names = new UniqueNames();
  private readonly list: Placeholder[] = [];
  private readonly seen = new Set<string>();

  /** The placeholder's name for this fact, registering it on first use. */
  ref(kind: PlaceholderKind, subject: PlaceholderSubject): string {
    const key = JSON.stringify([kind, subject.switchName, subject.nic, subject.lag, subject.cluster, subject.host]);
    const name = this.names.get(key, wantedName(kind, subject));
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.list.push({ name, kind, ...describe(kind, subject) });
    }
    return name;
  }

  all(): Placeholder[] {
    return [...this.list];
  }
}
