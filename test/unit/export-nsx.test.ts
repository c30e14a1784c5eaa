// Deploy out, NSX Policy JSON: what the export writes reads back (readNsxJson) as the design's
// switch modes, lcores per NUMA node, uplinks, MTU, transport VLAN, LAGs (but their NICs, which
// are vCenter's) and teamings on every host, for every example and for
// generated designs; a design with errors exports nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, exportDesign, exportNsxPolicy, exportTerraform, type ExportOutput, readNsxJson } from '../../src/core';
import type { Topology } from '../../src/core/topology';
import { designArb, designSwitches, exampleFiles, factsOf, type SwitchFacts } from './export-fixtures';

/**
 * The switches NSX would give each host after the export is applied: the host's own transport
 * node where the export wrote one, else the profile of its cluster (named after the cluster).
 */
function deployedSwitches(text: string, topology: Topology): Map<string, SwitchFacts[]> {
  const read = readNsxJson(text);
  const nodes = read.transportNodes.filter((t) => t.kind === 'node');
  const profiles = read.transportNodes.filter((t) => t.kind === 'profile');
  const out = new Map<string, SwitchFacts[]>();
  for (const host of topology.hosts) {
    const own = nodes.filter((n) => n.name === host.name);
    assert.ok(own.length <= 1, `at most one transport node for ${host.name}`);
    const profile = host.cluster === undefined ? [] : profiles.filter((p) => p.name === host.cluster);
    assert.ok(profile.length <= 1, `at most one profile for cluster ${host.cluster}`);
    const source = own[0] ?? profile[0];
    if (source) out.set(host.name, factsOf(source.switches));
  }
  return out;
}

function assertRoundTrip(topology: Topology, result: ExportOutput): void {
  if (topology.hosts.every((h) => h.switches.length === 0)) {
    assert.deepEqual(JSON.parse(result.text).requests, [], 'no switches, nothing to configure');
    return;
  }
  const deployed = deployedSwitches(result.text, topology);
  for (const host of topology.hosts) {
    // A host without switches gets no node of its own (the export notes it).
    if (host.switches.length === 0) continue;
    assert.deepEqual(deployed.get(host.name), designSwitches(host, topology), `host ${host.name}`);
  }
}

/** Every ${name} in the text is a listed placeholder, and every listed one is used. */
function assertPlaceholdersListed(result: ExportOutput): void {
  const doc = JSON.parse(result.text) as { placeholders: Record<string, string>; requests: unknown[] };
  const used = new Set([...JSON.stringify(doc.requests).matchAll(/\$\{([a-z0-9_]+)\}/g)].map((m) => m[1]));
  assert.deepEqual([...used].sort(), result.placeholders.map((p) => p.name).sort());
  assert.deepEqual(Object.keys(doc.placeholders).sort(), [...used].sort());
  for (const p of result.placeholders) assert.ok(doc.placeholders[p.name].length > 20, `${p.name} says what to put there`);
}

describe('export --format nsx-policy', () => {
  for (const { name, text } of exampleFiles()) {
    it(`${name}: exports and reads back the same switches on every host, or refuses its errors`, () => {
      const analysis = analyze(text);
      const errors = analysis.findings.filter((f) => f.severity === 'error');
      const result = exportNsxPolicy(analysis, { source: name });
      if (errors.length > 0) {
        assert.equal(result.ok, false);
        assert.ok(!result.ok && result.errors.length === errors.length);
        assert.equal(exportTerraform(analysis, { source: name }).ok, false);
        return;
      }
      assert.ok(result.ok);
      assertRoundTrip(analysis.topology!, result);
      assertPlaceholdersListed(result);
    });
  }

  it('the examples include designs that export and designs that are refused', () => {
    const outcomes = exampleFiles().map(({ text }) => exportNsxPolicy(analyze(text)).ok);
    assert.ok(outcomes.includes(true) && outcomes.includes(false));
  });

  it('generated designs: exported and read back, or refused with exactly the design\'s errors', () => {
    let exported = 0;
    let withLags = 0;
    let withTeamings = 0;
    fc.assert(
      fc.property(designArb, (topology) => {
        const analysis = analyze(JSON.stringify(topology));
        const errors = analysis.findings.filter((f) => f.severity === 'error');
        const result = exportDesign(analysis, 'nsx-policy');
        if (errors.length > 0) {
          assert.ok(!result.ok);
          assert.deepEqual(result.errors.map((e) => e.rule), errors.map((e) => e.rule));
          return;
        }
        assert.ok(result.ok, !result.ok ? result.reason : '');
        exported++;
        const switches = topology.hosts.flatMap((h) => h.switches);
        if (switches.some((sw) => sw.lags)) withLags++;
        if (switches.some((sw) => sw.teaming || sw.namedTeamings)) withTeamings++;
        assertRoundTrip(topology, result);
        assertPlaceholdersListed(result);
      }),
      { numRuns: 150 },
    );
    assert.ok(exported > 30, `only ${exported} of 150 generated designs exported`);
    // About 10 and 15 of them on average: at least one of each, whatever the seed.
    assert.ok(withLags > 0 && withTeamings > 0, `exported designs with LAGs: ${withLags}, with teamings: ${withTeamings}`);
  });

  it('a Topology object is analyzed first: the same text as from its analysis', () => {
    const { text } = exampleFiles().find((f) => f.name === 'rack-a.edp.json')!;
    const analysis = analyze(text);
    const fromAnalysis = exportNsxPolicy(analysis);
    const fromTopology = exportNsxPolicy(analysis.topology!);
    assert.ok(fromAnalysis.ok && fromTopology.ok);
    assert.equal(fromTopology.text, fromAnalysis.text);
  });
});

/** Two hosts of a cluster (one per NUMA node of an uplink) and a third that differs, plus one without a cluster. */
function clusterDesign(): Topology {
  const host = (name: string, cluster: string | undefined, lcores: number, mtu: number) => ({
    name,
    ...(cluster ? { cluster } : {}),
    cpu: { sockets: 2, coresPerSocket: 16, ghz: 2.4, llcMiB: 40 },
    nics: [{ name: 'vmnic2', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: 1 }],
    switches: [{ name: 'vds-1', mode: 'edp-performance' as const, uplinks: ['vmnic2'], mtu, lcores: [{ numaNode: 1, count: lcores }] }],
  });
  return {
    version: 1,
    name: 'c',
    target: { release: 'vcf-9.0', mode: 'edp-performance' },
    hosts: [host('a', 'k', 4, 9000), host('b', 'k', 2, 9000), host('c', 'k', 4, 9000), host('solo', undefined, 2, 1700)],
  };
}

describe('export: clusters, overrides and hosts on their own', () => {
  it('the profile is what most hosts of the cluster share; a differing host and a host without a cluster get transport nodes', () => {
    const topology = clusterDesign();
    const result = exportNsxPolicy(topology);
    assert.ok(result.ok);
    const read = readNsxJson(result.text);
    const profiles = read.transportNodes.filter((t) => t.kind === 'profile');
    assert.deepEqual(profiles.map((p) => [p.name, p.switches[0].lcores]), [['k', [{ numaNode: 1, count: 4 }]]]);
    assert.deepEqual(read.transportNodes.filter((t) => t.kind === 'node').map((n) => [n.name, n.switches[0].lcores, n.switches[0].mtu]), [
      ['b', [{ numaNode: 1, count: 2 }], 9000],
      ['solo', [{ numaNode: 1, count: 2 }], 1700],
    ]);
    // Two MTUs of vds-1: two uplink profiles.
    assert.equal(read.uplinkProfiles.length, 2);
    assertRoundTrip(topology, result);
    // The overrides' node ids are placeholders, described.
    assert.deepEqual(result.placeholders.filter((p) => p.kind === 'host-transport-node').map((p) => p.name), ['host_transport_node_b', 'host_transport_node_solo']);
  });

  it('on a tie the first host of the cluster makes the profile', () => {
    const topology = clusterDesign();
    topology.hosts = topology.hosts.slice(0, 2);
    const result = exportNsxPolicy(topology);
    assert.ok(result.ok);
    const read = readNsxJson(result.text);
    assert.deepEqual(read.transportNodes.map((t) => [t.kind, t.name]), [['profile', 'k'], ['node', 'b']]);
  });

  it('the design\'s warnings and what the export fills in are listed in the header', () => {
    const topology = clusterDesign();
    // a VM on the other NUMA node than its switch's uplink: numa/vm-remote (a warning)
    topology.hosts[0].vms = [{ name: 'vm1', numaNode: 0, vcpus: 2, latencySensitivity: 'high', vnics: [{ name: 'eth0', switch: 'vds-1', traffic: { pps: 1000, packetBytes: 512, flows: 100 } }] }];
    delete topology.hosts[3].switches[0].lcores;
    const analysis = analyze(JSON.stringify(topology));
    const warnings = analysis.findings.filter((f) => f.severity === 'warning').map((f) => f.rule);
    assert.ok(warnings.includes('numa/vm-remote'), warnings.join());
    for (const format of ['nsx-policy', 'terraform'] as const) {
      const result = exportDesign(analysis, format);
      assert.ok(result.ok);
      for (const rule of warnings) assert.ok(result.warnings.some((w) => w.rule === rule), rule);
      const noLcores = result.warnings.find((w) => w.rule === undefined && /declares no lcores/.test(w.message));
      assert.ok(noLcores, 'the export says an EDP switch without lcores gets NSX\'s default');
      for (const w of result.warnings) assert.ok(result.text.includes(w.message.replace(/"/g, format === 'nsx-policy' ? '\\"' : '"')), `${format} header lists: ${w.message}`);
    }
  });

  it('a design with errors exports nothing and names each error', () => {
    const topology = clusterDesign();
    topology.hosts[0].switches[0].uplinks = ['vmnic9'];
    const result = exportTerraform(topology);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.some((e) => e.rule === 'ref/unknown-nic'));
    assert.match(!result.ok ? result.reason : '', /1 error/);
  });

  it('a design that is not a topology is refused, not exported', () => {
    const result = exportNsxPolicy(analyze('{ "version": 1 }'));
    assert.equal(result.ok, false);
  });
});
