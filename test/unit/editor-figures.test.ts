// The model's figures as the editor shows them: CodeLens line, hovers, status bar.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { cores, dropText, pct } from '../../src/core/present';
import { BUNDLED_CATALOG, entryForDriver } from '../../src/core/readiness/catalog';
import {
  catalogFacts, lcoreGroupHoverMarkdown, lcoreIndicesOfGroup, nicHoverMarkdown, queuesOf, switchHoverMarkdown, switchLensText, vnicHoverMarkdown, worstFiguresText,
} from '../../src/extension/figures';
import { edpSwitch, host, nic, topology, traffic, vm, vnic } from './model-fixtures';

const root = join(__dirname, '..', '..', '..');
const example = (name: string) => analyze(readFileSync(join(root, 'examples', name), 'utf8'));


it('the lens above a switch reads hit rate, lcores, busiest lcore and cores used in its mode', () => {
  // Figures come from the model (its calibration may change); the line's shape and rounding may not.
  const rack = example('rack-a.edp.json').model!.hosts[0].switches[0];
  const lens = switchLensText(rack);
  assert.equal(lens, `hit ${pct(rack.hitRate)} · 4 lcores · max util ${pct(rack.maxUtilization)} · ${cores(rack.coresUsed.edpStandard)} cores`);
  // An overloaded switch says so, drops included.
  const over = example('mistakes.edp.json').model!.hosts[0].switches[0];
  const overLens = switchLensText(over);
  assert.match(overLens, /^hit [\d.]+% · 2 lcores · max util 1\d\d\.\d% · [\d.]+ cores · drops [\d.]+%$/);
  assert.equal(overLens.split(' · drops ')[1], dropText(over.dropRate));
});

it('the lens of a switch without traffic or on the heritage stack does not invent a hit rate', () => {
  const idle = analyze(JSON.stringify(topology([host()]))).model!.hosts[0].switches[0];
  assert.equal(switchLensText(idle), 'no traffic · 2 lcores · 0 cores');
  const heritage = analyze(JSON.stringify(topology([host({
    switches: [edpSwitch('vss', ['vmnic0'], [], { mode: 'standard' })],
    vms: [vm('a', 0, [vnic('eth0', 'vss', traffic(1_000_000))])],
  })]))).model!.hosts[0].switches[0];
  assert.match(switchLensText(heritage), /^standard stack · 1\.00 Mpps · [\d.]+ cores$/);
});

it('the status bar figure is the worst lcore and the worst hit rate of the file', () => {
  const model = analyze(JSON.stringify(topology([
    host({ name: 'busy', vms: [vm('a', 0, [vnic('eth0', 'vds', traffic(3_000_000, { flows: 100 }), { queues: 2 })])] }),
    host({ name: 'missy', vms: [vm('b', 0, [vnic('eth0', 'vds', traffic(10_000, { flows: 1_000_000, zipf: 0.5 }), { queues: 2 })])] }),
  ]))).model!;
  const [busy, missy] = model.hosts.map((h) => h.switches[0]);
  assert.ok(busy.maxUtilization > missy.maxUtilization && missy.hitRate < busy.hitRate, 'each host holds one of the worst figures');
  assert.equal(worstFiguresText(model), `max lcore ${pct(busy.maxUtilization)} · hit ${pct(missy.hitRate)}`);
  // Nothing to say without traffic or without a model.
  assert.equal(worstFiguresText(analyze(JSON.stringify(topology([host()]))).model), undefined);
  assert.equal(worstFiguresText(undefined), undefined);
});

it('names from the file cannot break the hover Markdown', () => {
  const t = topology([host({
    switches: [edpSwitch('vds|<b>x</b>', ['vmnic0'], [{ numaNode: 0, count: 2 }])],
    vms: [vm('fw|1', 0, [vnic('eth0', 'vds|<b>x</b>', traffic(100_000), { queues: 2 })])],
  })]);
  const a = analyze(JSON.stringify(t));
  const text = switchHoverMarkdown(a.model!.hosts[0].switches[0]);
  assert.ok(text.includes('vds\\|\\<b\\>x\\</b\\>'), text);
  const vnicText = vnicHoverMarkdown(a.topology!.hosts[0], a.model!.hosts[0], a.topology!.hosts[0].vms![0], 0);
  // Each table row has exactly the columns of its header: no stray pipe from the name.
  const rows = vnicText.split('\n').filter((l) => l.startsWith('|'));
  const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
  assert.ok(rows.length >= 4);
  for (const r of rows) assert.equal(cells(r), cells(rows[0]), r);
});

/** Two lcore groups, the second on the remote node, and a 4-queue vNIC spread over them. */
function twoGroups() {
  const t = topology([host({
    nics: [nic('vmnic0', 0), nic('vmnic1', 1, 25)],
    switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }], { lcoreAssignment: 'vnic-count' })],
    // Uniform popularity: RSS gives each of the 4 queues a quarter of the flows and packets.
    vms: [vm('fw', 0, [vnic('eth0', 'vds', traffic(400_000, { zipf: 0 }), { queues: 4 })])],
  })]);
  const a = analyze(JSON.stringify(t));
  return { host: a.topology!.hosts[0], hostModel: a.model!.hosts[0], sw: a.model!.hosts[0].switches[0] };
}

it('a vNIC hover lists each queue with the lcore it landed on and whether that is cross-NUMA', () => {
  const { host: h, hostModel, sw } = twoGroups();
  const placed = queuesOf(sw, 'fw', 'eth0');
  assert.deepEqual(placed.map((p) => p.queue.queue), [0, 1, 2, 3]);
  const text = vnicHoverMarkdown(h, hostModel, h.vms![0], 0);
  assert.match(text, /^\*\*vNIC fw \/ eth0\*\* on switch vds · 400\.0 kpps over 4 queues/);
  const rows = text.split('\n').filter((l) => /^\| \d/.test(l)).map((l) => l.split('|').map((c) => c.trim()).filter(Boolean));
  assert.equal(rows.length, 4);
  for (const [i, { queue, lcore }] of placed.entries()) {
    assert.deepEqual(rows[i].slice(0, 5), [String(queue.queue), String(lcore.index), String(lcore.numaNode), '100.0 kpps', queue.remote ? '**yes**' : 'no']);
  }
  assert.doesNotMatch(text, /served across NUMA nodes/);
});

it('a vNIC whose queues are served from the other NUMA node is flagged cross-NUMA', () => {
  const t = topology([host({
    switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }])],
    vms: [vm('far', 1, [vnic('eth0', 'vds', traffic(200_000), { queues: 2 })])],
  })]);
  const a = analyze(JSON.stringify(t));
  const text = vnicHoverMarkdown(a.topology!.hosts[0], a.model!.hosts[0], a.topology!.hosts[0].vms![0], 0);
  assert.match(text, /2 of its queues are served across NUMA nodes/);
  assert.equal(text.split('\n').filter((l) => l.includes('| **yes** |')).length, 2);
});

it('a vNIC without traffic, or on a switch the host lacks, says why it shows no queues', () => {
  const { host: h, hostModel } = twoGroups();
  assert.match(vnicHoverMarkdown(h, hostModel, vm('idle', 0, [vnic('eth0', 'vds', undefined)]), 0), /No `traffic` given/);
  assert.match(vnicHoverMarkdown(h, hostModel, vm('lost', 0, [vnic('eth0', 'nope', traffic(1))]), 0), /"nope" is not a switch of host esx-01/);
});

it('an lcore group hover shows exactly its own lcores, in file order', () => {
  const { host: h, sw } = twoGroups();
  assert.deepEqual(lcoreIndicesOfGroup(h, 0, 1), [2, 3]);
  const text = lcoreGroupHoverMarkdown(h, sw, 0, 1);
  assert.match(text, /^\*\*lcore group 1 of switch vds\*\* · 2 lcores on NUMA node 1/);
  const indices = text.split('\n').filter((l) => /^\| \d/.test(l)).map((l) => Number(l.split('|')[1]));
  assert.deepEqual(indices, [2, 3]);
  for (const i of indices) assert.equal(sw.lcores[i].numaNode, 1);
});

it('a NIC hover gives its line rate at each switch it uplinks, or says it uplinks none', () => {
  const { host: h, hostModel } = twoGroups();
  const up = nicHoverMarkdown(h, hostModel, h.nics[0], 20);
  // 100 Gb/s at 64 B + 20 B framing: 148.81 Mpps.
  assert.match(up, /Uplink of vds: line rate 148\.81 Mpps at its 64 B mean packet size/);
  assert.match(up, /100 Gb\/s on NUMA node 0/);
  assert.match(nicHoverMarkdown(h, hostModel, h.nics[1], 20), /Not an uplink of any switch/);
});

it('a NIC hover shows its catalog entry: EDP modes, minimums and whether the source is verified', () => {
  const { host: h, hostModel } = twoGroups();
  const text = nicHoverMarkdown(h, hostModel, { ...h.nics[0], driver: 'icen' }, 20, catalogFacts({
    vendor: 'Intel', family: 'E810', driver: 'icen', edpModes: ['interrupt'], minDriverVersion: '1.9.0', source: 'VCG', verified: false,
  }, 'vcf-9.0'));
  assert.match(text, /- Catalog: Intel E810 \(icen\): EDP interrupt mode \(EDP Standard\)\n/);
  assert.match(text, /- Minimums: driver 1\.9\.0 or later/);
  assert.match(text, /- Source: VCG \(unverified\)/);
  const none = catalogFacts({ vendor: 'X', family: 'Y', driver: 'z', edpModes: [], source: 's', verified: true }, 'vcf-9.0');
  assert.equal(none.modes, 'X Y (z): no EDP mode');
  assert.equal(none.minimums, 'none published');
  assert.equal(none.source, 's');
});

it('a NIC hover does not quote a minimum published for another release as the target\'s (issue 13.6)', () => {
  // The bundled i40en-ens entry: 1.1.3 was stated for NSX-T 3.0 on ESXi 6.7 (minimumsApplyTo: []).
  const entry = entryForDriver(BUNDLED_CATALOG, 'i40en-ens')!;
  assert.deepEqual([entry.minDriverVersion, entry.minimumsApplyTo], ['1.1.3', []]);
  const facts = catalogFacts(entry, 'vcf-9.0');
  assert.equal(facts.minimums, 'none published for vcf-9.0 (driver 1.1.3 was stated for another release, so it is not checked)');
  // Where the catalog says the minimum applies, it is quoted as the minimum.
  assert.equal(catalogFacts({ ...entry, minimumsApplyTo: ['vcf-9.0'] }, 'vcf-9.0').minimums, 'driver 1.1.3 or later');
  // And the readiness rules agree: the example's i40en-ens 1.1.2 on VCF 9.0 has no driver-too-old finding.
  const readiness = example('readiness.edp.json');
  assert.ok(!readiness.findings.some((f) => f.rule === 'readiness/driver-too-old'));
});
