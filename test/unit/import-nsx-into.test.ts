// An NSX transport node profile merged into a design (`edp-check import --into`): it fills the
// switches of the hosts it configures (by its attachment, by cluster name, or all hosts when the
// design names no cluster), keeps what the user wrote, lists conflicts and says what it could not match.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { importHosts, isNsxJson, mergeIntoDesign, readNsxJson } from '../../src/core';
import { runCli } from '../support/cli';

const FIXTURES = resolve(__dirname, '../../../test/fixtures');

/** A profile for switch vds-edp: ENS, 2 + 2 lcores, uplinks vmnic4/vmnic5, MTU from its uplink profile. */
const profile = (id: string, name: string, mode = 'ENS') => ({
  resource_type: 'PolicyHostTransportNodeProfile',
  id,
  path: `/infra/host-transport-node-profiles/${id}`,
  display_name: name,
  host_switch_spec: {
    resource_type: 'StandardHostSwitchSpec',
    host_switches: [{
      host_switch_name: 'vds-edp',
      host_switch_type: 'VDS',
      host_switch_mode: mode,
      host_switch_profile_ids: [{ key: 'UplinkHostSwitchProfile', value: '/infra/host-switch-profiles/up-9000' }],
      uplinks: [{ uplink_name: 'vmnic4', vds_uplink_name: 'Uplink 1' }, { uplink_name: 'vmnic5', vds_uplink_name: 'Uplink 2' }],
      cpu_config: [{ num_lcores: 2, numa_node_index: 0 }, { num_lcores: 2, numa_node_index: 1 }],
    }],
  },
});
const uplinkProfile = { resource_type: 'PolicyUplinkHostSwitchProfile', id: 'up-9000', path: '/infra/host-switch-profiles/up-9000', mtu: 9000 };
/** The Policy transport node collection attaching profile `id` to compute collection `cc`. */
const collection = (id: string, cc: string) => ({ resource_type: 'HostTransportNodeCollection', id: `tnc-${id}`, compute_collection_id: cc, transport_node_profile_id: `/infra/host-transport-node-profiles/${id}` });
/** GET /api/v1/fabric/compute-collections: the cluster names behind the ids. */
const computeCollections = { results: [
  { resource_type: 'ComputeCollection', external_id: 'vc-1:domain-c8', display_name: 'edge-a', cm_local_id: 'domain-c8', origin_type: 'VC_Cluster' },
  { resource_type: 'ComputeCollection', external_id: 'vc-1:domain-c9', display_name: 'edge-b', cm_local_id: 'domain-c9', origin_type: 'VC_Cluster' },
] };

const host = (name: string, cluster: string | undefined, sw: string) => `    {
      "name": "${name}",${cluster ? `\n      "cluster": "${cluster}",` : ''}
      "cpu": { "sockets": 2, "coresPerSocket": 16, "ghz": 2.4, "llcMiB": 30 },
      "nics": [{ "name": "vmnic4", "speedGbps": 25, "numaNode": 0 }, { "name": "vmnic5", "speedGbps": 25, "numaNode": 1 }],
      "switches": [${sw}]
    }`;
const design = (...hosts: string[]) => `{
  // written by hand
  "version": 1,
  "target": { "release": "vcf-9.0", "mode": "edp-performance" },
  "hosts": [
${hosts.join(',\n')}
  ]
}
`;
const userSwitch = '{ "name": "vds-edp", "uplinks": ["vmnic4"], "mtu": 1600 }';

type Doc = { hosts: { name: string; switches: { name: string; mode?: string; mtu?: number; uplinks?: string[]; lcores?: unknown }[] }[] };
const nsx = (...docs: unknown[]) => importHosts(docs.map((d, i) => ({ name: `nsx-${i}.json`, text: JSON.stringify(d) })), { deferProfiles: true });

describe('NSX transport node profiles into a design', () => {
  it('attached to a cluster by its collection: only that cluster\'s hosts; gaps filled, the user\'s values kept and listed, comments kept', () => {
    const text = design(host('esx-a1', 'edge-a', userSwitch), host('esx-a2', 'edge-a', ''), host('esx-b1', 'edge-b', ''));
    const imported = nsx(profile('tnp-1', 'any name'), uplinkProfile, collection('tnp-1', 'vc-1:domain-c8'), computeCollections);
    assert.equal(imported.topology.hosts.length, 0);
    assert.ok(imported.nsxProfiles, 'the profile waits for the design');
    const merged = mergeIntoDesign(text, imported.topology.hosts, { nsxProfiles: imported.nsxProfiles });
    assert.ok(!('error' in merged));
    assert.ok(merged.text.includes('// written by hand'));
    const doc = parse(merged.text) as Doc;
    const [a1, a2, b1] = doc.hosts;
    // esx-a1: what the user wrote stays; what they left out is filled
    assert.deepEqual(a1.switches[0].uplinks, ['vmnic4']);
    assert.equal(a1.switches[0].mtu, 1600);
    assert.equal(a1.switches[0].mode, 'edp-performance');
    assert.deepEqual(a1.switches[0].lcores, [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }]);
    assert.ok(merged.conflicts.some((c) => /^hosts\/0\/switches\/0\/mtu: the design has 1600, NSX transport node profile "any name" 9000/.test(c)), merged.conflicts.join('\n'));
    assert.ok(merged.conflicts.some((c) => c.startsWith('hosts/0/switches/0/uplinks:')), merged.conflicts.join('\n'));
    // esx-a2 had no switch: it gets the profile's whole
    assert.deepEqual(a2.switches, [{ name: 'vds-edp', mode: 'edp-performance', uplinks: ['vmnic4', 'vmnic5'], lcores: [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }], mtu: 9000 }]);
    // another cluster: untouched
    assert.deepEqual(b1.switches, []);
    assert.ok(merged.notes.some((n) => n.includes('fills the switches of esx-a1, esx-a2 (attached to cluster "edge-a"')), merged.notes.join('\n'));
  });

  it('named after a cluster when no collection says; several clusters and no match: not applied, and the note says what to import', () => {
    const text = design(host('esx-a1', 'edge-a', ''), host('esx-b1', 'edge-b', ''));
    const byName = nsx(profile('tnp-1', 'EDGE-B'), uplinkProfile);
    const merged = mergeIntoDesign(text, [], { nsxProfiles: byName.nsxProfiles });
    assert.ok(!('error' in merged));
    const doc = parse(merged.text) as Doc;
    assert.deepEqual(doc.hosts.map((h) => h.switches.length), [0, 1]);

    const unmatched = nsx(profile('tnp-1', 'tnp-prod'), uplinkProfile);
    const none = mergeIntoDesign(text, [], { nsxProfiles: unmatched.nsxProfiles });
    assert.ok(!('error' in none));
    assert.equal(none.text, text);
    assert.deepEqual(none.filled, []);
    assert.ok(none.notes.some((n) => /"tnp-prod": which cluster it configures is not in the input .*transport-node-collections.*compute-collections.*"edge-a", "edge-b": not applied/.test(n)), none.notes.join('\n'));
  });

  it('a design without clusters: every host; a host with its own transport node keeps it; NSX uplink names are not taken for NICs', () => {
    const text = design(host('esx01', undefined, ''), host('esx02', undefined, ''));
    const vcfProfile = readFileSync(join(FIXTURES, 'nsx/policy-tnp-vcf9.json'), 'utf8');
    const node = { resource_type: 'HostTransportNode', display_name: 'esx02.lab.example', host_switch_spec: { host_switches: [{ host_switch_name: 'vds-own', host_switch_mode: 'STANDARD', pnics: [{ device_name: 'vmnic4' }] }] } };
    const imported = importHosts([{ name: 'tnp.json', text: vcfProfile }, { name: 'node.json', text: JSON.stringify(node) }], { deferProfiles: true });
    const merged = mergeIntoDesign(text, imported.topology.hosts, { nsxProfiles: imported.nsxProfiles });
    assert.ok(!('error' in merged));
    const doc = parse(merged.text) as Doc;
    // the profile's uplinks are NSX names (uplink-1…): left out, so the checker asks for them
    assert.deepEqual(doc.hosts[0].switches, [{ name: 'vtepha_vds', mode: 'edp-standard' }]);
    assert.deepEqual(doc.hosts[1].switches.map((s) => s.name), ['vds-own']);
    assert.ok(merged.notes.some((n) => /esx02 has its own transport node in the input, which overrides the profile/.test(n)), merged.notes.join('\n'));
    assert.ok(merged.notes.some((n) => /esx01: switch vtepha_vds: the uplinks .*uplink-1, uplink-2.* are not NICs of this host/.test(n)), merged.notes.join('\n'));
  });

  it('a VDS profile naming NSX uplinks: neither its uplinks nor the teaming over them are taken for the host\'s NICs', () => {
    const vds = profile('tnp-1', 'edge-a');
    vds.host_switch_spec.host_switches[0].uplinks = [{ uplink_name: 'uplink-1', vds_uplink_name: 'Uplink 1' }, { uplink_name: 'uplink-2', vds_uplink_name: 'Uplink 2' }];
    const failover = { ...uplinkProfile, teaming: { policy: 'FAILOVER_ORDER', active_list: [{ uplink_name: 'uplink-1', uplink_type: 'PNIC' }], standby_list: [{ uplink_name: 'uplink-2', uplink_type: 'PNIC' }] } };
    const read = readNsxJson([JSON.stringify(vds), JSON.stringify(failover)]);
    assert.ok(read.transportNodes[0].switches[0].teaming, 'the reader gives the teaming (over NSX uplink names)');
    const merged = mergeIntoDesign(design(host('esx-a1', undefined, '')), [], { nsxProfiles: nsx(vds, failover).nsxProfiles });
    assert.ok(!('error' in merged));
    const sw = (parse(merged.text) as Doc).hosts[0].switches[0] as Record<string, unknown>;
    assert.equal(sw.mtu, 9000);
    assert.equal(sw.uplinks, undefined);
    assert.equal(sw.teaming, undefined);
  });

  it('a design without hosts: nothing filled, and the note says there is no host for the profile', () => {
    const text = design();
    const merged = mergeIntoDesign(text, [], { nsxProfiles: nsx(profile('tnp-1', 'edge-a'), uplinkProfile).nsxProfiles });
    assert.ok(!('error' in merged));
    assert.equal(merged.text, text);
    assert.deepEqual(merged.notes, ['Transport node profile "edge-a": there is no host for it to configure (the design has none; import the hosts too).']);
  });

  it('transport node and compute collections are NSX input on their own, in any file of the import', () => {
    assert.ok(isNsxJson(JSON.stringify(computeCollections)));
    assert.ok(isNsxJson(JSON.stringify({ results: [collection('x', 'vc-1:domain-c8')] })));
    const read = readNsxJson([JSON.stringify(profile('tnp-1', 'p')), JSON.stringify({ results: [collection('tnp-1', 'vc-1:domain-c8')] }), JSON.stringify(computeCollections)]);
    assert.deepEqual(read.collections, [{ id: 'tnc-tnp-1', profile: '/infra/host-transport-node-profiles/tnp-1', computeCollectionId: 'vc-1:domain-c8' }]);
    assert.deepEqual(read.computeCollections.map((c) => [c.id, c.name]), [['vc-1:domain-c8', 'edge-a'], ['vc-1:domain-c9', 'edge-b']]);
  });
});

describe('edp-check import --into with an NSX profile', () => {
  it('fills the design\'s hosts from a profile alone; without --into a profile alone is exit 2 saying to give --into', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edp-nsx-into-'));
    const text = design(host('esx-a1', 'edge-a', userSwitch), host('esx-b1', 'edge-b', ''), host('esx-x1', undefined, ''));
    writeFileSync(join(dir, 'rack.edp.json'), text);
    writeFileSync(join(dir, 'tnp.json'), JSON.stringify({ results: [profile('tnp-1', 'edge-a'), uplinkProfile] }));
    const r = await runCli(['import', '--into', 'rack.edp.json', 'tnp.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const doc = parse(r.stdout) as Doc;
    assert.deepEqual(doc.hosts[0].switches[0].lcores, [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }]);
    assert.deepEqual(doc.hosts[1].switches, []);
    assert.match(r.stderr, /^conflict: hosts\/0\/switches\/0\/mtu: the design has 1600, NSX transport node profile "edge-a" 9000 \(kept the design's\)$/m);
    assert.match(r.stderr, /^note: NSX: Transport node profile "edge-a" fills the switches of esx-a1 \(named after cluster "edge-a"\)\.$/m);
    assert.match(r.stderr, /into rack\.edp\.json: 2 facts filled in, 0 hosts added, 2 differences kept/);
    assert.match(r.stderr, /^note: NSX: esx-x1 names no cluster, so no transport node profile was applied: set "cluster" and import again\.$/m);
    assert.deepEqual(doc.hosts[2].switches, []);
    assert.equal(readFileSync(join(dir, 'rack.edp.json'), 'utf8'), text, 'the design itself is not written without --out');

    const alone = await runCli(['import', 'tnp.json'], dir);
    assert.equal(alone.code, 2);
    assert.equal(alone.stdout, '');
    assert.match(alone.stderr, /no host found in the inputs \(a transport node profile alone describes no host: give --into DESIGN\)/);
  });
});
