// Findings carry structure (issue 17, item 2): each says its kind and which objects it is about,
// so the report, the CLI and the editor need not read rule ids, paths or message text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aboutOfPath } from '../../src/core/about';
import { analyze } from '../../src/core/analyze';
import { createAnalyzer } from '../../src/core/analyzer';
import type { FindingKind } from '../../src/core/findings';
import { reportViewModel } from '../../src/core/report/viewModel';
import { INTERNAL_ERROR_RULE, RULES, ruleInfo } from '../../src/core/rules/registry';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const KINDS: readonly FindingKind[] = ['syntax', 'schema', 'reference', 'readiness', 'model', 'internal'];

describe('finding kinds', () => {
  it('every registered rule has one of the six kinds, and each rule family one kind', () => {
    const byFamily = new Map<string, FindingKind>();
    for (const rule of RULES) {
      assert.ok(KINDS.includes(rule.kind), `${rule.id}: ${rule.kind}`);
      const family = rule.id.split('/')[0];
      assert.equal(byFamily.get(family) ?? rule.kind, rule.kind, `${rule.id} differs from its family`);
      byFamily.set(family, rule.kind);
    }
    // The kinds adapters rely on to tell findings apart.
    assert.equal(ruleInfo('parse/invalid-json')?.kind, 'syntax');
    assert.equal(ruleInfo('schema/invalid')?.kind, 'schema');
    assert.equal(ruleInfo('ref/unknown-nic')?.kind, 'reference');
    assert.equal(ruleInfo('readiness/mtu')?.kind, 'readiness');
    assert.equal(ruleInfo('tlb/lcore-overloaded')?.kind, 'model');
    assert.equal(ruleInfo(INTERNAL_ERROR_RULE)?.kind, 'internal');
  });

  it('findings carry their rule\'s kind', () => {
    const texts = ['{ "version": 1,, }', '{ "version": 1, "hosts": [ { "name": 3 } ] }', JSON.stringify(topology([host({ vms: [loadVm('vm', 1, 5e7)] })]))];
    let seen = 0;
    for (const text of texts) {
      for (const f of analyze(text).findings) {
        assert.equal(f.kind, ruleInfo(f.rule)?.kind, f.rule);
        seen++;
      }
    }
    assert.ok(seen >= 3);
    assert.equal(analyze(texts[0]).findings[0].kind, 'syntax');
    assert.equal(analyze(texts[1]).findings[0].kind, 'schema');
  });
});

describe('what a finding is about', () => {
  const cases: [string, object][] = [
    ['', {}],
    ['/target/release', {}],
    ['/hosts', {}],
    ['/hosts/x', {}],
    ['/hosts/3', { host: 3 }],
    ['/hosts/3/name', { host: 3 }],
    ['/hosts/3/cpu/ghz', { host: 3 }],
    ['/hosts/3/switches/1/mtu', { host: 3, switch: 1 }],
    ['/hosts/3/switches/1/uplinks/0', { host: 3, switch: 1 }],
    ['/hosts/3/switches/1/lcores/2/count', { host: 3, switch: 1, lcoreGroup: 2 }],
    ['/hosts/3/switches/1/measured/lcores/2', { host: 3, switch: 1 }],
    ['/hosts/0/nics/4/numaNode', { host: 0, nic: 4 }],
    ['/hosts/0/vms/2', { host: 0, vm: 2 }],
    ['/hosts/0/vms/2/vnics/1/switch', { host: 0, vm: 2, vnic: 1 }],
    ['/hosts/0/numaNodes/1/cores', { host: 0 }],
    ['/hosts/0/switches/name', { host: 0 }],
    ['/hosts/0/switches/01', { host: 0 }],
  ];
  for (const [path, about] of cases) {
    it(`${path || '(document)'} → ${JSON.stringify(about)}`, () => assert.deepEqual(aboutOfPath(path), about));
  }

  it('a finding about one lcore names it; one about a VM\'s NUMA node names the switch too', () => {
    const t = topology([host({
      nics: [nic('vmnic0', 0)],
      switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }])],
      vms: [loadVm('far', 1, 5e7)],
    })]);
    const findings = analyze(JSON.stringify(t)).findings;
    const overloaded = findings.find((f) => f.rule === 'tlb/lcore-overloaded');
    assert.deepEqual(overloaded?.about, { host: 0, switch: 0, lcoreGroup: 0, lcore: 0 });
    const remote = findings.find((f) => f.rule === 'numa/vm-remote');
    assert.deepEqual(remote?.about, { host: 0, vm: 0, switch: 0 });
  });

  it('a host\'s findings follow it when a host is inserted before it (kept results are re-indexed)', () => {
    const far = host({ name: 'esx-far', vms: [loadVm('far', 1, 5e7)] });
    const analyzer = createAnalyzer();
    const before = analyzer.analyze(JSON.stringify(topology([far]), null, 2)).findings.filter((f) => f.rule === 'numa/vm-remote');
    const after = analyzer.analyze(JSON.stringify(topology([host({ name: 'esx-new' }), far]), null, 2)).findings.filter((f) => f.rule === 'numa/vm-remote');
    assert.deepEqual(before.map((f) => f.about), [{ host: 0, vm: 0, switch: 0 }]);
    assert.deepEqual(after.map((f) => f.about), [{ host: 1, vm: 0, switch: 0 }]);
  });
});

describe('internal/error', () => {
  // A model section whose value throws when read stands in for a bug of ours.
  const broken = () => ({ model: Object.defineProperty({}, 'tlb.utilization', { enumerable: true, get: () => { throw new Error('boom'); } }) as Record<string, number> });

  it('is reported as an error however settings and the file grade it', () => {
    const text = JSON.stringify(topology([host()], { rules: { [INTERNAL_ERROR_RULE]: 'off' } }));
    for (const setting of ['off', 'info', 'warning'] as const) {
      const a = analyze(text, { ...broken(), rules: { [INTERNAL_ERROR_RULE]: setting } });
      assert.equal(a.findings.length, 1);
      const [f] = a.findings;
      assert.equal(f.rule, INTERNAL_ERROR_RULE);
      assert.equal(f.kind, 'internal');
      assert.equal(f.severity, 'error');
      assert.match(f.message, /boom/);
    }
    assert.equal(ruleInfo(INTERNAL_ERROR_RULE)?.locked, true);
  });

  it('the report says the analysis failed, not that the syntax is wrong', () => {
    const a = analyze(JSON.stringify(topology([host()])), broken());
    const report = reportViewModel(a, { fileName: 'x.edp.json' });
    assert.match(report.notice ?? '', /failed/);
    assert.doesNotMatch(report.notice ?? '', /not valid JSON/);
  });
});

describe('the report links findings by index', () => {
  it('two switches with one name: each finding lands on its own switch, uplink and NIC', () => {
    const t = topology([host({
      nics: [nic('vmnic0', 0), nic('vmnic1', 1)],
      switches: [
        edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }]),
        // Its lcores sit away from its uplink: numa/lcore-remote-nic about switch 1 and NIC 1.
        edpSwitch('vds', ['vmnic1'], [{ numaNode: 0, count: 2 }]),
      ],
      // vNICs name switches by name: the first "vds" serves it, whose uplink is on node 0.
      vms: [loadVm('far', 1, 1e5)],
    })]);
    const a = analyze(JSON.stringify(t));
    assert.ok(a.findings.some((f) => f.rule === 'ref/duplicate-name'), 'the names do repeat');
    const report = reportViewModel(a, { fileName: 't.edp.json' });
    const h = report.hosts[0];
    const rulesOf = (ids: number[]) => ids.map((id) => report.findings[id].rule);

    assert.ok(rulesOf(h.switches[1].findings).includes('numa/lcore-remote-nic'));
    assert.ok(!rulesOf(h.switches[0].findings).includes('numa/lcore-remote-nic'));
    assert.ok(rulesOf(h.switches[0].findings).includes('numa/vm-remote'));
    assert.ok(!rulesOf(h.switches[1].findings).includes('numa/vm-remote'));
    assert.ok(rulesOf(h.nics[1].findings).includes('numa/lcore-remote-nic'));
    assert.deepEqual(rulesOf(h.nics[0].findings), []);

    const uplink = (name: string) => h.links.find((l) => l.kind === 'uplink' && l.nic === name)!;
    assert.deepEqual(rulesOf(uplink('vmnic0').findings), []);
    assert.deepEqual(rulesOf(uplink('vmnic1').findings), ['numa/lcore-remote-nic']);
    const serve = h.links.filter((l) => l.kind === 'serve');
    assert.equal(serve.length, 1);
    assert.deepEqual(rulesOf(serve[0].findings), ['numa/vm-remote']);
  });
});
