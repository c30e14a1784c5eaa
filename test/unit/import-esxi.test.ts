// ESXi command output: each command recognised by its own shape, in any order, under any
// heading, split over files or not; nothing filled in that the output does not say.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { detectKind, importHosts, type ImportInput, NSX_PROFILE_WITHOUT_HOSTS, readNsxJson } from '../../src/core';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/import');
const ESX01 = join(FIXTURES, 'esx01/edp-esx01-20261201T203000Z.txt');
const read = (p: string) => readFileSync(p, 'utf8');
const one = (text: string, name = 'input.txt') => importHosts([{ name, text }]);

/** The collection split at its `=====` headings: [heading, body] pairs. */
function sections(text: string): { heading: string; body: string }[] {
  const parts = text.split(/^(===== .* =====)$/m);
  const out: { heading: string; body: string }[] = [];
  for (let i = 1; i < parts.length; i += 2) out.push({ heading: parts[i], body: parts[i + 1] });
  return out;
}

describe('ESXi output: a collect.sh file', () => {
  const { topology, notes } = one(read(ESX01));
  const host = topology.hosts[0];

  it('CPU, NUMA nodes and the host name come from esxcli', () => {
    assert.equal(host.name, 'esx01.lab.example');
    assert.deepEqual(host.cpu, { model: 'Intel(R) Xeon(R) Gold 6430 CPU @ 2.10GHz', sockets: 2, coresPerSocket: 4, threadsPerCore: 2, ghz: 2.1, llcMiB: 60 });
    assert.deepEqual(host.numaNodes, [{ id: 0, socket: 0, cores: 4 }, { id: 1, socket: 1, cores: 4 }]);
  });

  it('NICs: driver and speed from the nic list, NUMA node from vsish, no speed for a link that is down', () => {
    const byName = Object.fromEntries(host.nics.map((n) => [n.name, n]));
    assert.equal(byName.vmnic4.speedGbps, 100);
    assert.equal(byName.vmnic4.driver, 'icen');
    assert.equal(byName.vmnic4.numaNode, 0);
    assert.equal(byName.vmnic5.numaNode, 1);
    assert.equal(byName.vmnic1.speedGbps, undefined);
    assert.ok(notes.some((n) => /speedGbps of vmnic1/.test(n)), notes.join('\n'));
  });

  it('the EDP switch: mode from ensEnabled/ensInterruptEnabled, MTU, uplinks, lcores per NUMA node (ids need not be contiguous), ring size', () => {
    assert.equal(host.switches.length, 1);
    const sw = host.switches[0];
    assert.equal(sw.name, 'vds-edp');
    assert.equal(sw.mode, 'edp-performance');
    assert.equal(sw.mtu, 9000);
    assert.deepEqual(sw.uplinks, ['vmnic4', 'vmnic5']);
    assert.deepEqual(sw.lcores, [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }]);
    assert.equal(sw.rxRingSize, 4096);
  });

  it('two flow-stats samples 30 s apart give the hit rate and new flows per second per lcore', () => {
    const m = host.switches[0].measured!;
    assert.equal(m.seconds, 30);
    assert.equal(m.at, '2026-12-01T20:30:05.000Z');
    assert.match(m.hitRateFrom!, /hits \/ \(hits \+ miss\)/);
    const l0 = m.lcores.find((l) => l.lcore === 0)!;
    // fixture: +29,400,000 hits, +600,000 misses, +30,000 flows created in 30 s
    assert.equal(l0.hitRate, 0.98);
    assert.equal(l0.newFlowsPerSec, 1000);
    assert.equal(l0.pps, 1_000_000);
    assert.equal(l0.numaNode, 0);
    assert.equal(l0.counters!.hits, 29_400_000);
    assert.deepEqual(m.lcores.map((l) => l.lcore), [0, 1, 3, 4]);
  });
});

describe('ESXi output: order, headings and files do not matter', () => {
  const original = one(read(ESX01)).topology;
  const parts = sections(read(ESX01));
  const samples = parts.filter((p) => /flow-stats sample|nsxdp-cli ens flow-stats/.test(p.heading));
  const others = parts.filter((p) => !samples.includes(p));

  it('sections shuffled and their headings replaced read the same (samples kept in time order)', () => {
    // vsish and ring blocks name their vmnic in the command line: those keep it, in another wording.
    const heading = (p: { heading: string }, i: number) => {
      const nic = /vmnic\d+/.exec(p.heading)?.[0];
      return nic ? `>>> output for ${nic}` : `### part ${i}`;
    };
    const shuffled = [...others].reverse().map((p, i) => `${heading(p, i)}\n${p.body}`);
    shuffled.splice(3, 0, ...samples.map((p) => `${p.heading}\n${p.body}`));
    const again = one(shuffled.join('\n')).topology;
    assert.deepEqual(again, original);
  });

  it('the same sections as separate files of a folder merge into one host', () => {
    const inputs: ImportInput[] = others.map((p, i) => ({ name: `part-${i}.txt`, text: `${p.heading}\n${p.body}` }));
    inputs.push({ name: 'samples.txt', text: samples.map((p) => `${p.heading}\n${p.body}`).join('\n') });
    const merged = importHosts(inputs.reverse()).topology;
    assert.equal(merged.hosts.length, 1);
    assert.deepEqual(merged.hosts[0].cpu, original.hosts[0].cpu);
    // Uplinks in the order of the first file that lists them; the set is the host's.
    const sorted = (t: typeof original) => t.hosts[0].switches.map((s) => ({ ...s, uplinks: [...s.uplinks].sort() }));
    assert.deepEqual(sorted(merged), sorted(original));
    assert.ok(!merged.hosts[0].switches[0].uplinks.some((u) => !['vmnic4', 'vmnic5'].includes(u)));
    assert.deepEqual([...merged.hosts[0].nics].sort((a, b) => a.name.localeCompare(b.name)), original.hosts[0].nics);
  });

  it('another team\'s bundle: esxcfg-nics -l, the older esxcfg-nics -e, the pnic affinity table, NSX CLI key : value flow stats', () => {
    const dir = join(FIXTURES, 'esx02-bundle');
    const inputs = readdirSync(dir).sort().map((f) => ({ name: f, text: read(join(dir, f)) }));
    const r = importHosts(inputs);
    assert.deepEqual(r.kinds.map((k) => k.kind), ['esxi', 'esxi', 'esxi', undefined]);
    const host = r.topology.hosts[0];
    assert.equal(host.name, 'esx02.lab.example');
    assert.deepEqual(host.nics.map((n) => [n.name, n.speedGbps, n.numaNode]), [['vmnic0', 10, 0], ['vmnic2', 25, 0], ['vmnic3', 25, 1]]);
    assert.equal(host.cpu.ghz, undefined, 'no clock in the bundle: none invented');
    const sw = host.switches[0];
    assert.equal(sw.lcoreAssignment, 'vnic-count');
    assert.deepEqual(sw.lcores, [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 1 }]);
    const l2 = sw.measured!.lcores.find((l) => l.lcore === 2)!;
    assert.equal(sw.measured!.seconds, 10);
    assert.equal(sw.measured!.source, 'get ens flow-stats');
    assert.equal(l2.hitRate, 0.9); // +900,000 hits, +100,000 misses
    assert.equal(l2.newFlowsPerSec, 50);
    assert.ok(r.notes.some((n) => /DvsPortset-0/.test(n)), 'the portset-named switch is explained');
  });
});

describe('ESXi output: single commands', () => {
  const dvs = `   Name: vds-a\n   VDS ID: 50 00 00 00 00 00 00 01-00 00 00 00 00 00 00 01\n   MTU: 1700\n   Uplinks: vmnic2, vmnic3\n`;
  const withIntr = (intr: string) => `Name    Driver  ENS Capable  ENS Driven  INTR Capable  INTR Enabled  MAC Address        Description
vmnic2  icen    True         True        True          ${intr}         b4:96:91:a0:00:00  Intel(R) Ethernet Controller E810-C
vmnic3  icen    True         True        True          ${intr}         b4:96:91:a0:00:01  Intel(R) Ethernet Controller E810-C
`;
  const older = `Name    Driver  ENS Capable  ENS Driven  MAC Address        Description
vmnic2  icen    True         True        b4:96:91:a0:00:00  Intel(R) Ethernet Controller E810-C
vmnic3  icen    True         True        b4:96:91:a0:00:01  Intel(R) Ethernet Controller E810-C
`;

  it('the NSX CLI\'s get ens dev affinity list (key : value, on two lines or one) gives each NIC\'s NUMA node; -1 gives none', () => {
    const nodes = (text: string) => Object.fromEntries(one(text).topology.hosts[0].nics.map((n) => [n.name, n.numaNode]));
    assert.deepEqual(nodes('esx-1> get ens dev affinity list\nDev Name : vmnic4\nAffinity : 0\nDev Name : vmnic5\nAffinity : 1\nDev Name : vmnic6\nAffinity : -1\n'), { vmnic4: 0, vmnic5: 1 }, 'affinity -1 is no node: vmnic6 is left to the NIC listings');
    assert.deepEqual(nodes('   Dev Name : vmnic10   Affinity : 1\n'), { vmnic10: 1 });
  });

  it('esxcfg-nics -e with the INTR columns tells EDP Standard from EDP Performance for the switch of those uplinks', () => {
    assert.equal(one(`${dvs}\n${withIntr('True ')}`).topology.hosts[0].switches[0].mode, 'edp-standard');
    assert.equal(one(`${dvs}\n${withIntr('False')}`).topology.hosts[0].switches[0].mode, 'edp-performance');
  });

  it('the older esxcfg-nics -e layout (no INTR columns) says EDP but not which mode: left to the user', () => {
    const r = one(`${dvs}\n${older}`);
    const sw = r.topology.hosts[0].switches[0];
    assert.equal(sw.mode, undefined);
    assert.deepEqual(sw.uplinks, ['vmnic2', 'vmnic3']);
    assert.equal(sw.mtu, 1700);
    assert.deepEqual(r.topology.hosts[0].nics.map((n) => n.driver), ['icen', 'icen']);
    assert.ok(r.notes.some((n) => /mode/.test(n)));
  });

  it('a nic list alone gives NICs and names every fact it lacks; nothing is invented', () => {
    const r = one(`Name    PCI Device    Driver  Admin Status  Link Status  Speed  Duplex  MAC Address        MTU   Description
------  ------------  ------  ------------  -----------  -----  ------  -----------------  ----  -----------
vmnic0  0000:18:00.0  ixgben  Up            Up           10000  Full    3c:ec:ef:10:00:00  1500  Intel(R) Ethernet Controller X550
`);
    const host = r.topology.hosts[0];
    assert.deepEqual(host.cpu, {});
    assert.deepEqual(host.nics, [{ name: 'vmnic0', driver: 'ixgben', speedGbps: 10 }]);
    for (const field of ['cpu.sockets', 'cpu.coresPerSocket', 'cpu.ghz', 'cpu.llcMiB', 'numaNode of vmnic0', 'no input names this host']) {
      assert.ok(r.notes.some((n) => n.includes(field)), `a note says ${field}:\n${r.notes.join('\n')}`);
    }
  });

  it('one flow-stats sample: the hit rate is cumulative and new flows per second stay unknown', () => {
    const r = one(`${dvs}\nLcore ID  Switch        Affinity\n       0  DvsPortset-1         0\n\n{"lcoreID": 0, "numFlows": 10, "numFlowsCreated": 99, "hits": 750, "miss": 250, "slowpath": 2}\n`);
    const m = r.topology.hosts[0].switches[0].measured!;
    assert.equal(m.seconds, undefined);
    assert.equal(m.lcores[0].hitRate, 0.75);
    assert.equal(m.lcores[0].newFlowsPerSec, undefined);
    assert.match(m.hitRateFrom!, /cumulative/);
    assert.ok(r.notes.some((n) => /one sample/.test(n)));
  });

  it('vim-cmd hostsvc/net/info: ensInterruptEnabled = true is EDP Standard, ensEnabled = false the standard datapath', () => {
    const dump = (ens: string, intr: string) => `(vim.host.NetworkInfo) {\n   proxySwitch = (vim.host.HostProxySwitch) [\n      (vim.host.HostProxySwitch) {\n         dvsName = "vds-x",\n         mtu = 1600,\n         pnic = (string) [\n            "key-vim.host.PhysicalNic-vmnic7"\n         ],\n         ensEnabled = ${ens},\n         ensInterruptEnabled = ${intr}\n      }\n   ]\n}\n`;
    assert.equal(one(dump('true', 'true')).topology.hosts[0].switches[0].mode, 'edp-standard');
    assert.equal(one(dump('false', 'false')).topology.hosts[0].switches[0].mode, 'standard');
    assert.deepEqual(one(dump('true', 'false')).topology.hosts[0].switches[0].uplinks, ['vmnic7']);
  });
});

describe('kind by content', () => {
  it('each kind is told by what the file holds, not by its name', () => {
    assert.equal(detectKind(read(ESX01)), 'esxi');
    assert.equal(detectKind(read(join(FIXTURES, '../hwloc/24em64t-2n6c2t-pci.xml'))), 'hwloc');
    assert.equal(detectKind(read(join(FIXTURES, 'vsphere/govc-host-info-esx01.json'))), 'vsphere');
    assert.equal(detectKind(read(join(FIXTURES, 'vsphere/vi-json-host-esx03.json'))), 'vsphere');
    assert.equal(detectKind(read(join(FIXTURES, 'vsphere/govc-vm-info.json'))), 'vsphere');
    assert.equal(detectKind('{"host_switch_spec": {"host_switches": []}}'), 'nsx');
    assert.equal(detectKind('{"host_switches": []}'), 'nsx');
    assert.equal(detectKind('{"results": [{"host_switch_spec": {}}]}'), 'nsx');
    assert.equal(detectKind('{"version": 1, "hosts": []}'), undefined);
    assert.equal(detectKind('hello\nworld\n'), undefined);
    assert.equal(detectKind('<html><body/></html>'), undefined);
  });

  it('NSX transport nodes import as hosts with their switches: mode, lcores per NUMA node, uplinks, MTU from the uplink profile', () => {
    const nsx = (f: string) => ({ name: f, text: readFileSync(join(__dirname, '../../../test/fixtures/nsx', f), 'utf8') });
    // the uplink profile the nodes name, as the Policy API returns it
    const uplinkProfile = { name: 'edp-9000.json', text: JSON.stringify({ resource_type: 'PolicyUplinkHostSwitchProfile', id: 'edp-9000', path: '/infra/host-switch-profiles/edp-9000', display_name: 'edp-9000', mtu: 9000, teaming: { policy: 'LOADBALANCE_SRCID', active_list: [{ uplink_name: 'uplink1', uplink_type: 'PNIC' }] } }) };
    const r = importHosts([nsx('policy-host-transport-nodes.json'), uplinkProfile]);
    assert.deepEqual(r.kinds.map((k) => k.kind), ['nsx', 'nsx']);
    const esx01 = r.topology.hosts.find((h) => h.name === 'esx-01')!;
    const edp = esx01.switches.find((s) => s.name === 'vds-edp')!;
    assert.equal(edp.mode, 'edp-performance');
    assert.deepEqual(edp.lcores, [{ numaNode: 0, count: 4 }, { numaNode: 1, count: 2 }]);
    assert.deepEqual(edp.uplinks, ['vmnic4', 'vmnic5']);
    assert.equal(edp.mtu, 9000);
    assert.equal(r.topology.hosts.find((h) => h.name === 'esx-02')!.switches[0].mode, 'standard');
    // a VDS names NSX uplinks (uplink-1), not vmnics: not taken for NICs, left for the checker to ask
    assert.equal(r.topology.hosts.find((h) => h.name === 'esx-02')!.switches[0].uplinks, undefined);
    assert.ok(r.notes.some((n) => /uplink-1 are NSX uplink names/.test(n)), r.notes.join('\n'));
  });

  it('an NSX transport node profile fills the switches of the hosts imported with it, and says so when there is none', () => {
    const profile = readFileSync(join(__dirname, '../../../test/fixtures/nsx/policy-tnp-vcf9.json'), 'utf8');
    const alone = importHosts([{ name: 'tnp.json', text: profile }]);
    assert.equal(alone.topology.hosts.length, 0);
    assert.ok(alone.notes.some((n) => n.includes(NSX_PROFILE_WITHOUT_HOSTS)), alone.notes.join('\n'));
    const esx = { name: 'esx01.txt', text: readFileSync(join(__dirname, '../../../test/fixtures/import/esx01/edp-esx01-20261201T203000Z.txt'), 'utf8') };
    const both = importHosts([esx, { name: 'tnp.json', text: profile }]);
    const fromProfile = readNsxJson(profile).transportNodes.find((t) => t.kind === 'profile')!.switches;
    const host = both.topology.hosts[0];
    for (const sw of fromProfile) {
      const got = host.switches.find((s) => s.name === sw.name);
      assert.ok(got, `switch ${sw.name} from the profile is on host ${host.name}`);
      // what the host's own output says wins; the profile fills the gaps
      if (sw.lcores && !got.lcores) assert.fail(`lcores of ${sw.name} were not filled`);
    }
  });
});
