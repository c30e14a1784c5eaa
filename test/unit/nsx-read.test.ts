// readNsxJson: transport nodes and transport node profiles of the Manager and Policy APIs, one
// object or a list result, with the uplink profile in the same or another text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { isNsxJson, NsxJsonError, readNsxJson } from '../../src/core';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/nsx');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('readNsxJson', () => {
  it('a Policy transport node profile with its uplink profile given in another text: mode, uplinks, MTU, teaming', () => {
    const read = readNsxJson([fixture('policy-tnp-vcf9.json'), fixture('policy-uplink-profile.json')]);
    assert.equal(read.transportNodes.length, 1);
    const [tnp] = read.transportNodes;
    assert.equal(tnp.kind, 'profile');
    assert.equal(tnp.name, 'edge-cluster-a');
    assert.deepEqual(tnp.switches, [{ name: 'vtepha_vds', mode: 'edp-standard', uplinks: ['uplink-1', 'uplink-2'], mtu: 1700 }]);
    const facts = tnp.hostSwitches[0];
    assert.equal(facts.hostSwitchId, '50 22 ee c4 f6 40 79 8b-0e a4 2b da 6a 4c 36 b3');
    assert.equal(facts.uplinkProfileFound, true);
    assert.deepEqual(facts.teaming, { policy: 'LOADBALANCE_SRCID', active: ['uplink-1', 'uplink-2'], standby: [] });
    assert.deepEqual(facts.vdsUplinks, [{ uplinkName: 'uplink-1', vdsUplinkName: 'Uplink 1' }, { uplinkName: 'uplink-2', vdsUplinkName: 'Uplink 2' }]);
    // cpu_config [] on an ENS mode: NSX's default, not invented; NSX uplink names are not vmnics.
    assert.ok(read.notes.some((n) => /no cpu_config/.test(n)), read.notes.join('\n'));
    assert.ok(read.notes.some((n) => /uplink-1, uplink-2 are NSX uplink names/.test(n)), read.notes.join('\n'));
  });

  it('without the uplink profile the MTU is left out and the note says which profile to fetch', () => {
    const read = readNsxJson(fixture('policy-tnp-vcf9.json'));
    assert.equal(read.transportNodes[0].switches[0].mtu, undefined);
    assert.equal(read.transportNodes[0].hostSwitches[0].uplinkProfileFound, false);
    assert.ok(read.notes.some((n) => n.includes('/policy/api/v1/infra/host-switch-profiles/b32e')), read.notes.join('\n'));
  });

  it('a Policy list result: one node per host, ENS lcores per NUMA node, STANDARD without lcores', () => {
    const read = readNsxJson(fixture('policy-host-transport-nodes.json'));
    assert.deepEqual(read.transportNodes.map((t) => [t.kind, t.name]), [['node', 'esx-01'], ['node', 'esx-02']]);
    assert.deepEqual(read.transportNodes[0].switches, [{ name: 'vds-edp', mode: 'edp-performance', uplinks: ['vmnic4', 'vmnic5'], lcores: [{ numaNode: 0, count: 4 }, { numaNode: 1, count: 2 }] }]);
    assert.deepEqual(read.transportNodes[1].switches, [{ name: 'vds-mgmt', mode: 'standard', uplinks: ['uplink-1'] }]);
  });

  it('a Manager transport node with an N-VDS: pnics are the uplinks, the profile is found by its id, its teaming named by NIC', () => {
    const read = readNsxJson(fixture('manager-transport-node-nvds.json'));
    assert.equal(read.transportNodes.length, 1);
    const [node] = read.transportNodes;
    assert.equal(node.kind, 'node');
    // The profile's failover teaming names NSX uplinks; the N-VDS's pnics say which NICs they are.
    const teaming = { policy: 'failover-order', active: ['vmnic2'], standby: ['vmnic3'] };
    assert.deepEqual(node.switches, [{ name: 'nvds-edp', mode: 'edp-performance', uplinks: ['vmnic2', 'vmnic3'], lcores: [{ numaNode: 1, count: 3 }], mtu: 9000, teaming }]);
    assert.deepEqual(node.hostSwitches[0].teaming, { policy: 'FAILOVER_ORDER', active: ['uplink-1'], standby: ['uplink-2'] });
    assert.deepEqual(node.hostSwitches[0].pnics, [{ deviceName: 'vmnic2', uplinkName: 'uplink-1' }, { deviceName: 'vmnic3', uplinkName: 'uplink-2' }]);
  });

  it('maps every host_switch_mode: ENS, ENS_INTERRUPT, STANDARD; LEGACY as standard and unknown left out, with notes', () => {
    const node = (mode: unknown) => JSON.stringify({ resource_type: 'HostTransportNode', display_name: 'h', host_switch_spec: { host_switches: [{ host_switch_name: 's', host_switch_mode: mode, pnics: [{ device_name: 'vmnic0' }] }] } });
    const modeOf = (m: unknown) => readNsxJson(node(m)).transportNodes[0].switches[0].mode;
    assert.equal(modeOf('ENS'), 'edp-performance');
    assert.equal(modeOf('ENS_INTERRUPT'), 'edp-standard');
    assert.equal(modeOf('STANDARD'), 'standard');
    assert.equal(modeOf('LEGACY'), 'standard');
    assert.ok(readNsxJson(node('LEGACY')).notes.some((n) => /LEGACY/.test(n)));
    assert.equal(modeOf('TURBO'), undefined);
    assert.ok(readNsxJson(node('TURBO')).notes.some((n) => /TURBO/.test(n)));
    assert.equal(modeOf(undefined), undefined);
  });

  it('cpu_config entries on one NUMA node add up; malformed entries are skipped with a note', () => {
    const text = JSON.stringify({ resource_type: 'TransportNodeProfile', display_name: 'p', host_switch_spec: { host_switches: [{ host_switch_name: 's', host_switch_mode: 'ENS', cpu_config: [{ num_lcores: 2, numa_node_index: 1 }, { num_lcores: 1, numa_node_index: 0 }, { num_lcores: 2, numa_node_index: 1 }, { num_lcores: 'x' }] }] } });
    const read = readNsxJson(text);
    assert.deepEqual(read.transportNodes[0].switches[0].lcores, [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 4 }]);
    assert.ok(read.notes.some((n) => /cpu_config entry/.test(n)));
  });

  it('odd but JSON input never throws: wrong types are skipped, and a deep nest is bounded', () => {
    const odd = JSON.stringify({ results: [{ host_switch_spec: { host_switches: [null, 3, { host_switch_name: 7, uplinks: 'x', cpu_config: {}, host_switch_profile_ids: [null] }] } }] });
    const read = readNsxJson(odd);
    assert.equal(read.transportNodes.length, 1);
    assert.deepEqual(read.transportNodes[0].switches, [{ name: 'host-switch-3', uplinks: [] }]);
    const depth = 10_000;
    const deep = `${'{"a":['.repeat(depth)}{"host_switch_spec":{"host_switches":[]}}${']}'.repeat(depth)}`;
    assert.throws(() => readNsxJson(deep), NsxJsonError);
  });

  it('text that is not JSON, or JSON with nothing NSX, throws NsxJsonError naming the text', () => {
    assert.throws(() => readNsxJson('lstopo'), (e: unknown) => e instanceof NsxJsonError && e.index === 0);
    assert.throws(() => readNsxJson([fixture('policy-tnp-vcf9.json'), '{"hosts": []}']), (e: unknown) => e instanceof NsxJsonError && e.index === 1);
    assert.equal(isNsxJson('{"hosts": []}'), false);
    assert.equal(isNsxJson('<xml/>'), false);
    assert.equal(isNsxJson(fixture('policy-uplink-profile.json')), true);
    assert.equal(isNsxJson(`\uFEFF${fixture('policy-host-transport-nodes.json')}`), true);
  });
});
