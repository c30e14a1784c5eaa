// LAGs, teamings and the transport VLAN of a switch: what the format accepts and refuses
// (ref/unknown-uplink), the NSX uplink profile they export as (NSX REST API Lag, TeamingPolicy;
// terraform-provider-nsxt policy_uplink_host_switch_profile), and what the NSX reader gives back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from '@cdktf/hcl2json';
import { analyze, applyTextEdits, exportNsxPolicy, exportTerraform, quickFixes, readNsxJson } from '../../src/core';
import type { Switch, Topology } from '../../src/core/topology';

const NIC = { model: 'Intel E810-CQDA2', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: 0, queues: 16 };

function design(sw: Partial<Switch>, mode: Switch['mode'] = 'edp-performance'): Topology {
  return {
    version: 1,
    name: 'lags',
    target: { release: 'vcf-9.0', mode: 'edp-performance' },
    hosts: [{
      name: 'esx01',
      cluster: 'c1',
      cpu: { model: 'Intel Xeon Gold 6430', sockets: 2, coresPerSocket: 32, threadsPerCore: 2, ghz: 2.1, llcMiB: 60 },
      nics: ['vmnic4', 'vmnic5', 'vmnic6'].map((name) => ({ name, ...NIC })),
      switches: [{ name: 'vds-edp', mode, uplinks: ['vmnic4', 'vmnic5', 'vmnic6'], mtu: 9000, lcores: [{ numaNode: 0, count: 4 }], ...sw }],
    }],
  };
}

const LAG_AND_TEAMINGS: Partial<Switch> = {
  transportVlan: 120,
  lags: [{ name: 'lag1', uplinks: ['vmnic4', 'vmnic5'], mode: 'active', loadBalancing: 'src-dest-ip-vlan', timeout: 'fast' }],
  teaming: { policy: 'failover-order', active: ['lag1'], standby: ['vmnic6'] },
  namedTeamings: [{ name: 'vmnic6-only', policy: 'loadbalance-src-mac', active: ['vmnic6'] }],
};

const rulesOf = (t: Topology) => analyze(JSON.stringify(t)).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);

describe('LAGs and teamings in the design', () => {
  it('a LAG of the switch\'s uplinks, a teaming naming it and a named teaming are valid', () => {
    assert.deepEqual(rulesOf(design(LAG_AND_TEAMINGS)), []);
  });

  it('ref/unknown-uplink: a LAG NIC the switch lacks, a NIC in two LAGs, a teaming naming a LAG\'s NIC or an unknown name', () => {
    const errors = rulesOf(design({
      lags: [
        { name: 'lag1', uplinks: ['vmnic4', 'vmnic7'], mode: 'active', loadBalancing: 'src-mac' },
        { name: 'lag2', uplinks: ['vmnic4', 'vmnic5'], mode: 'passive', loadBalancing: 'src-mac' },
      ],
      teaming: { policy: 'failover-order', active: ['vmnic5', 'lag9'], standby: ['lag1'] },
    }));
    const base = '/hosts/0/switches/0';
    assert.deepEqual(errors.sort(), [
      `ref/unknown-uplink ${base}/lags/0/uplinks/1`, // vmnic7: no uplink of the switch
      `ref/unknown-uplink ${base}/lags/1/uplinks/0`, // vmnic4: already in lag1
      `ref/unknown-uplink ${base}/teaming/active/0`, // vmnic5: in lag2, name the LAG
      `ref/unknown-uplink ${base}/teaming/active/1`, // lag9: no such LAG
    ]);
  });

  it('ref/unknown-uplink: the same uplink active and standby; a LAG named like an uplink; two named teamings of one name', () => {
    const errors = rulesOf(design({
      lags: [
        { name: 'vmnic6', uplinks: ['vmnic4', 'vmnic5'], mode: 'active', loadBalancing: 'src-mac' },
      ],
      namedTeamings: [
        { name: 't', policy: 'failover-order', active: ['vmnic6'], standby: ['vmnic6'] },
        { name: 't', policy: 'failover-order', active: ['vmnic6'] },
      ],
    }));
    const base = '/hosts/0/switches/0';
    assert.deepEqual(errors.sort(), [
      `ref/duplicate-name ${base}/namedTeamings/1/name`,
      `ref/unknown-uplink ${base}/lags/0/name`,
      `ref/unknown-uplink ${base}/namedTeamings/0/standby/0`,
    ]);
  });

  it('the schema refuses a LAG of one NIC, a VLAN past 4094 and a policy NSX does not have', () => {
    const errors = rulesOf(design({
      transportVlan: 4095,
      lags: [{ name: 'lag1', uplinks: ['vmnic4'], mode: 'active', loadBalancing: 'src-mac' }],
      teaming: { policy: 'round-robin' as never, active: ['vmnic6'] },
    }));
    assert.deepEqual(errors.map((e) => e.split(' ')[1]).sort(), ['/hosts/0/switches/0/lags/0/uplinks', '/hosts/0/switches/0/teaming/policy', '/hosts/0/switches/0/transportVlan']);
  });
});

describe('quick fixes for ref/unknown-uplink', () => {
  const text = JSON.stringify(design({
    lags: [{ name: 'lag1', uplinks: ['vmnic4', 'vmnic9'], mode: 'active', loadBalancing: 'src-mac' }],
    teaming: { policy: 'failover-order', active: ['vmnic4'], standby: ['vmnic6'] },
    namedTeamings: [{ name: 't', policy: 'failover-order', active: ['vmnci6'] }],
  }), null, 2);
  const base = '/hosts/0/switches/0';
  const fix = (path: string) => {
    const a = analyze(text);
    const finding = a.findings.find((f) => f.rule === 'ref/unknown-uplink' && f.path === path);
    assert.ok(finding, `a finding at ${path}: ${a.findings.map((f) => `${f.rule} ${f.path}`).join(', ')}`);
    const fixes = quickFixes(text, a, finding);
    const preferred = fixes.find((f) => f.preferred);
    assert.ok(preferred, JSON.stringify(fixes.map((f) => f.title)));
    const after = analyze(applyTextEdits(text, preferred.edits));
    assert.ok(!after.findings.some((f) => f.path === path), `fixed by "${preferred.title}"`);
    return { title: preferred.title, after };
  };

  it('a LAG\'s NIC the switch lacks becomes an uplink in no LAG', () => {
    assert.equal(fix(`${base}/lags/0/uplinks/1`).title, 'Change to "vmnic5"');
  });

  it('a teaming naming a LAG\'s NIC names the LAG; a misspelt name becomes the closest', () => {
    assert.equal(fix(`${base}/teaming/active/0`).title, 'Change to LAG "lag1"');
    assert.equal(fix(`${base}/namedTeamings/0/active/0`).title, 'Change to "vmnic6"');
  });
});

type Request = { path: string; body: Record<string, unknown> };
const requestsOf = (text: string) => (JSON.parse(text) as { requests: Request[] }).requests;
const hostSwitchOf = (text: string) => {
  const profile = requestsOf(text).find((r) => r.body.resource_type === 'PolicyHostTransportNodeProfile')!;
  return (profile.body.host_switch_spec as { host_switches: Record<string, unknown>[] }).host_switches[0];
};

describe('LAGs and teamings in the NSX export', () => {
  it('the uplink profile carries the transport VLAN, LAGs, teaming and named teamings in NSX\'s words', () => {
    const result = exportNsxPolicy(design(LAG_AND_TEAMINGS));
    assert.ok(result.ok);
    const profile = requestsOf(result.text).find((r) => r.body.resource_type === 'PolicyUplinkHostSwitchProfile')!;
    const { resource_type: _t, id: _i, display_name: _d, ...fields } = profile.body;
    assert.deepEqual(fields, {
      mtu: 9000,
      transport_vlan: 120,
      lags: [{ name: 'lag1', mode: 'ACTIVE', load_balance_algorithm: 'SRCDESTIPVLAN', number_of_uplinks: 2, timeout_type: 'FAST' }],
      teaming: { policy: 'FAILOVER_ORDER', active_list: [{ uplink_name: 'lag1', uplink_type: 'LAG' }], standby_list: [{ uplink_name: 'vmnic6', uplink_type: 'PNIC' }] },
      named_teamings: [{ name: 'vmnic6-only', policy: 'LOADBALANCE_SRC_MAC', active_list: [{ uplink_name: 'vmnic6', uplink_type: 'PNIC' }] }],
    });
    // The host switch maps the NIC in no LAG to a VDS uplink and the LAG to a VDS LAG (VdsUplink).
    assert.deepEqual(hostSwitchOf(result.text).uplinks, [
      { uplink_name: 'vmnic6', vds_uplink_name: '${vds_uplink_vds_edp_vmnic6}' },
      { uplink_name: 'lag1', vds_lag_name: '${vds_lag_vds_edp_lag1}' },
    ]);
    assert.ok(result.placeholders.some((p) => p.name === 'vds_lag_vds_edp_lag1' && p.kind === 'vds-lag'));
    // Which NICs the LAG holds is vCenter's: said beside the request.
    assert.match((JSON.parse(result.text) as { requests: { _comment: string }[] }).requests[0]._comment, /LAG lag1 of vmnic4, vmnic5/);
  });

  it('hosts whose LAG takes other NICs get their own uplink profile, each comment naming its NICs', () => {
    const t = design(LAG_AND_TEAMINGS);
    const other = structuredClone(t.hosts[0]);
    other.name = 'esx02';
    other.switches[0].lags![0].uplinks = ['vmnic5', 'vmnic6'];
    other.switches[0].teaming = { policy: 'failover-order', active: ['lag1'], standby: ['vmnic4'] };
    other.switches[0].namedTeamings = [{ name: 'vmnic6-only', policy: 'loadbalance-src-mac', active: ['vmnic4'] }];
    t.hosts.push(other);
    const result = exportNsxPolicy(t);
    assert.ok(result.ok);
    const comments = (JSON.parse(result.text) as { requests: { _comment: string; body: { resource_type: string } }[] }).requests
      .filter((r) => r.body.resource_type === 'PolicyUplinkHostSwitchProfile').map((r) => /LAG lag1 of ([^(]*) \(/.exec(r._comment)?.[1]);
    assert.deepEqual(comments, ['vmnic4, vmnic5', 'vmnic5, vmnic6']);
  });

  it('without a teaming every uplink is active; without a VLAN none is sent', () => {
    const result = exportNsxPolicy(design({}));
    assert.ok(result.ok);
    const profile = requestsOf(result.text)[0].body;
    assert.equal('transport_vlan' in profile, false);
    assert.equal('lags' in profile, false);
    assert.deepEqual(profile.teaming, { policy: 'LOADBALANCE_SRCID', active_list: ['vmnic4', 'vmnic5', 'vmnic6'].map((u) => ({ uplink_name: u, uplink_type: 'PNIC' })) });
  });

  it('reads back: VLAN, LAG settings, teamings; the LAG\'s NICs are left for the user, with a note', () => {
    const result = exportNsxPolicy(design(LAG_AND_TEAMINGS));
    assert.ok(result.ok);
    const read = readNsxJson(result.text);
    const [sw] = read.transportNodes[0].switches;
    assert.deepEqual(sw.uplinks, ['vmnic6']);
    assert.equal(sw.transportVlan, 120);
    assert.deepEqual(sw.lags, [{ name: 'lag1', mode: 'active', loadBalancing: 'src-dest-ip-vlan', timeout: 'fast' }]);
    assert.deepEqual(sw.teaming, LAG_AND_TEAMINGS.teaming);
    assert.deepEqual(sw.namedTeamings, LAG_AND_TEAMINGS.namedTeamings);
    assert.ok(read.notes.some((n) => /LAG "lag1" has 2 uplinks; which vmnics are in it is set in vCenter/.test(n)), read.notes.join('\n'));
    assert.deepEqual(read.transportNodes[0].hostSwitches[0].lags, [{ name: 'lag1', mode: 'ACTIVE', loadBalanceAlgorithm: 'SRCDESTIPVLAN', numberOfUplinks: 2, timeoutType: 'FAST' }]);
  });

  it('an NSX profile with values the design cannot say: left out with a note, the rest read', () => {
    const text = JSON.stringify({
      results: [
        { resource_type: 'PolicyUplinkHostSwitchProfile', id: 'up', mtu: 1700, transport_vlan: 0, teaming: { policy: 'WEIGHTED', active_list: [{ uplink_name: 'uplink-1', uplink_type: 'PNIC' }] },
          lags: [{ name: 'lagx', mode: 'SOMETIMES', load_balance_algorithm: 'SRCMAC', number_of_uplinks: 2 }] },
        { resource_type: 'PolicyHostTransportNodeProfile', display_name: 'c1', host_switch_spec: { resource_type: 'StandardHostSwitchSpec', host_switches: [
          { host_switch_name: 'vds', host_switch_mode: 'ENS', host_switch_profile_ids: [{ key: 'UplinkHostSwitchProfile', value: '/infra/host-switch-profiles/up' }],
            uplinks: [{ uplink_name: 'vmnic4', vds_uplink_name: 'Uplink 1' }, { uplink_name: 'lagx', vds_lag_name: 'lag-x' }], cpu_config: [{ num_lcores: 2, numa_node_index: 0 }] },
        ] } },
      ],
    });
    const read = readNsxJson(text);
    const [sw] = read.transportNodes[0].switches;
    assert.deepEqual(sw, { name: 'vds', mode: 'edp-performance', uplinks: ['vmnic4'], lcores: [{ numaNode: 0, count: 2 }], mtu: 1700 });
    assert.ok(read.notes.some((n) => /LAG "lagx" has mode SOMETIMES/.test(n)), read.notes.join('\n'));
    assert.ok(read.notes.some((n) => /the teaming has policy WEIGHTED/.test(n)), read.notes.join('\n'));
  });
});

describe('LAGs of an N-VDS read back', () => {
  it('the LAG\'s member uplinks (as NSX returns them) map to pnics: the LAG gets its NICs, the teaming names the LAG', () => {
    const text = JSON.stringify([
      { resource_type: 'UplinkHostSwitchProfile', id: 'p1', mtu: 9000,
        lags: [{ name: 'lag1', mode: 'PASSIVE', load_balance_algorithm: 'SRCMAC', number_of_uplinks: 2, timeout_type: 'SLOW', uplinks: [{ uplink_name: 'lag1-0', uplink_type: 'PNIC' }, { uplink_name: 'lag1-1', uplink_type: 'PNIC' }] }],
        teaming: { policy: 'FAILOVER_ORDER', active_list: [{ uplink_name: 'lag1', uplink_type: 'LAG' }], standby_list: [{ uplink_name: 'u3', uplink_type: 'PNIC' }] } },
      { resource_type: 'TransportNode', display_name: 'esx-09', host_switch_spec: { host_switches: [{ host_switch_name: 'nvds', host_switch_type: 'NVDS', host_switch_mode: 'ENS',
        host_switch_profile_ids: [{ key: 'UplinkHostSwitchProfile', value: 'p1' }],
        pnics: [{ device_name: 'vmnic2', uplink_name: 'lag1-0' }, { device_name: 'vmnic3', uplink_name: 'lag1-1' }, { device_name: 'vmnic4', uplink_name: 'u3' }] }] } },
    ]);
    const read = readNsxJson(text);
    const [sw] = read.transportNodes[0].switches;
    assert.deepEqual(sw.uplinks, ['vmnic2', 'vmnic3', 'vmnic4']);
    assert.deepEqual(sw.lags, [{ name: 'lag1', uplinks: ['vmnic2', 'vmnic3'], mode: 'passive', loadBalancing: 'src-mac', timeout: 'slow' }]);
    assert.deepEqual(sw.teaming, { policy: 'failover-order', active: ['lag1'], standby: ['vmnic4'] });
    assert.ok(!read.notes.some((n) => /LAG "lag1"/.test(n)), 'nothing to fill in');
    // What it reads is a valid switch of the design: no finding about its uplinks.
    const t = design({});
    t.hosts[0].nics.push({ name: 'vmnic2', ...NIC }, { name: 'vmnic3', ...NIC });
    t.hosts[0].nics = t.hosts[0].nics.filter((n, i, all) => all.findIndex((m) => m.name === n.name) === i);
    t.hosts[0].switches = [{ ...sw, lcores: [{ numaNode: 0, count: 2 }] } as Switch];
    assert.deepEqual(rulesOf(t), []);
  });
});

describe('LAGs and teamings in the Terraform export', () => {
  it('HashiCorp\'s parser reads the lag, teaming and named_teaming blocks and the uplink of the LAG', async () => {
    const result = exportTerraform(design(LAG_AND_TEAMINGS));
    assert.ok(result.ok);
    type Tf = { resource: Record<string, Record<string, Record<string, unknown>[]>> };
    const tf = (await parse('main.tf', result.text)) as Tf;
    const [profile] = Object.values(tf.resource.nsxt_policy_uplink_host_switch_profile)[0];
    const uplink = (u: string, type: string) => ({ uplink_name: u, uplink_type: type });
    assert.equal(profile.transport_vlan, 120);
    assert.deepEqual(profile.lag, [{ name: 'lag1', mode: 'ACTIVE', load_balance_algorithm: 'SRCDESTIPVLAN', number_of_uplinks: 2, timeout_type: 'FAST' }]);
    assert.deepEqual(profile.teaming, [{ policy: 'FAILOVER_ORDER', active: [uplink('lag1', 'LAG')], standby: [uplink('vmnic6', 'PNIC')] }]);
    assert.deepEqual(profile.named_teaming, [{ name: 'vmnic6-only', policy: 'LOADBALANCE_SRC_MAC', active: [uplink('vmnic6', 'PNIC')] }]);
    const [tnp] = Object.values(tf.resource.nsxt_policy_host_transport_node_profile)[0];
    const [hostSwitch] = tnp.standard_host_switch as Record<string, unknown>[];
    assert.deepEqual(hostSwitch.uplink, [
      { uplink_name: 'vmnic6', vds_uplink_name: '${var.vds_uplink_vds_edp_vmnic6}' },
      { uplink_name: 'lag1', vds_lag_name: '${var.vds_lag_vds_edp_lag1}' },
    ]);
  });
});

describe('cpu_config of ENS_INTERRUPT switches: an assumption, said in the header', () => {
  const assumption = /Assumed: NSX applies cpu_config to ENS_INTERRUPT/;
  it('an edp-standard switch with lcores: the header says the assumption, in both formats', () => {
    for (const exportIt of [exportNsxPolicy, exportTerraform]) {
      const result = exportIt(design({}, 'edp-standard'));
      assert.ok(result.ok);
      assert.match(result.text, assumption);
    }
  });

  it('edp-performance switches (ENS) and edp-standard ones without lcores: no such line', () => {
    const noLcores = design({}, 'edp-standard');
    delete noLcores.hosts[0].switches[0].lcores;
    for (const t of [design({}), noLcores]) {
      const result = exportTerraform(t);
      assert.ok(result.ok);
      assert.doesNotMatch(result.text, assumption);
    }
  });
});
