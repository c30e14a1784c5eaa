// The report's view-model (src/core/report/viewModel.ts): the panel, the exports and the CLI all
// show these figures, so they must be the model's own, plain data, and the findings all there.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { hostCacheCurves, reportViewModel } from '../../src/core/report/viewModel';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const example = (name: string) => fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
const analyzed = (name: string) => analyze(example(name));

/** Every property path whose value is a function or an accessor (getter): none may cross postMessage. */
function nonPlain(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? [at] : [];
  return Object.keys(value).flatMap((k) => {
    const d = Object.getOwnPropertyDescriptor(value, k)!;
    if (d.get || d.set) return [`${at}/${k}`];
    return nonPlain(d.value, `${at}/${k}`);
  });
}

describe('report view-model', () => {
  it('per switch, lcore and NUMA node the figures are the model\'s own', () => {
    for (const file of ['rack-a.edp.json', 'mistakes.edp.json']) {
      const a = analyzed(file);
      const vm = reportViewModel(a, { fileName: file });
      assert.equal(vm.hosts.length, a.model!.hosts.length);
      vm.hosts.forEach((h, i) => {
        const hm = a.model!.hosts[i];
        assert.equal(h.name, hm.name);
        assert.deepEqual(h.coresUsed, hm.coresUsed);
        h.switches.forEach((s, j) => {
          const sm = hm.switches[j];
          for (const key of ['offeredPps', 'lineRatePps', 'capacityPps', 'dropRate', 'hitRate', 'churnMissShare', 'entries', 'imbalance', 'maxUtilization'] as const) {
            assert.equal(s[key], sm[key], `${file} ${s.name}.${key}`);
          }
          assert.deepEqual(s.cacheCurve, sm.cacheCurve);
          assert.deepEqual(s.lcores.map((l) => [l.index, l.numaNode, l.queues, l.pps, l.utilization, l.hitRate]), sm.lcores.map((l) => [l.index, l.numaNode, l.queues, l.pps, l.utilization, l.hitRate]));
          assert.deepEqual(s.mbuf, sm.mbuf);
        });
        assert.deepEqual(h.numaNodes.map((n) => n.mbuf), hm.numaNodes.map((n) => n.mbuf));
        assert.equal(h.worst.maxUtilization, Math.max(...hm.switches.map((s) => s.maxUtilization)));
      });
    }
  });

  it('the overview of examples/mistakes shows its overloaded lcores, low hit rate and drops', () => {
    const vm = reportViewModel(analyzed('mistakes.edp.json'), { fileName: 'mistakes.edp.json' });
    const w = vm.hosts[0].worst;
    assert.ok(w.maxUtilization > vm.thresholds.utilization, `max ${w.maxUtilization}`);
    assert.ok(w.minHitRate! < vm.thresholds.hitRate);
    assert.ok(w.dropRate > 0 && w.droppedPps > 0);
    // edp-standard consumes Σ utilization, not whole cores.
    assert.equal(w.coresUsed, vm.hosts[0].switches[0].coresUsed.edpStandard);
  });

  it('is plain data: no getters or functions, and a JSON round trip changes nothing', () => {
    const vm = reportViewModel(analyzed('mistakes.edp.json'), { fileName: 'mistakes.edp.json' });
    assert.deepEqual(nonPlain(vm), []);
    assert.deepEqual(JSON.parse(JSON.stringify(vm)), vm);
  });

  it('findings are grouped by severity (errors first), then rule, each listed once', () => {
    const a = analyzed('mistakes.edp.json');
    const vm = reportViewModel(a, { fileName: 'mistakes.edp.json' });
    assert.equal(vm.findings.length, a.findings.length);
    const order = { error: 0, warning: 1, info: 2 };
    const keys = vm.findingGroups.map((g) => [order[g.severity], g.rule] as const);
    assert.deepEqual(keys, [...keys].sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1])));
    const ids = vm.findingGroups.flatMap((g) => g.findings.map((id) => {
      assert.equal(vm.findings[id].rule, g.rule);
      assert.equal(vm.findings[id].severity, g.severity);
      return id;
    }));
    assert.deepEqual([...ids].sort((x, y) => x - y), vm.findings.map((f) => f.id));
    assert.deepEqual(vm.counts, {
      error: a.findings.filter((f) => f.severity === 'error').length,
      warning: a.findings.filter((f) => f.severity === 'warning').length,
      info: a.findings.filter((f) => f.severity === 'info').length,
    });
    // Each finding keeps the range the editor reveals.
    assert.deepEqual(vm.findings.map((f) => f.range), a.findings.map((f) => f.range));
  });

  it('findings are counted on the host they are about', () => {
    const t = topology([host({ name: 'a' }), host({ name: 'b', vms: [loadVm('vm', 0, 5e6)] })]);
    const vm = reportViewModel(analyze(JSON.stringify(t)), { fileName: 't.edp.json' });
    vm.hosts.forEach((h, i) => {
      assert.deepEqual(h.findings, vm.findings.filter((f) => f.path.startsWith(`/hosts/${i}/`)).map((f) => f.id));
      assert.ok(h.findings.every((id) => vm.findings[id].host === i));
      assert.equal(h.counts.error + h.counts.warning + h.counts.info, h.findings.length);
    });
    const overloaded = (h: number) => vm.hosts[h].switches[0].findings.some((id) => vm.findings[id].rule === 'tlb/lcore-overloaded');
    assert.equal(overloaded(0), false);
    assert.equal(overloaded(1), true);
  });

  it('cross-NUMA links carry the numa/* finding that explains them', () => {
    const t = topology([host({
      nics: [nic('vmnic0', 0), nic('vmnic1', 1)],
      switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 2 }])],
      vms: [loadVm('near', 0, 1e5), loadVm('far', 1, 1e5)],
    })]);
    const vm = reportViewModel(analyze(JSON.stringify(t)), { fileName: 't.edp.json' });
    const h = vm.hosts[0];
    const uplink = (name: string) => h.links.find((l) => l.kind === 'uplink' && l.nic === name)!;
    assert.equal(uplink('vmnic0').cross, false);
    assert.equal(uplink('vmnic1').cross, true);
    assert.ok(uplink('vmnic1').findings.some((id) => vm.findings[id].rule === 'numa/lcore-remote-nic'));
    const serve = (name: string) => h.links.find((l) => l.kind === 'serve' && l.vm === name)!;
    assert.equal(serve('near').cross, false);
    assert.equal(serve('far').cross, true);
    assert.ok(serve('far').findings.some((id) => vm.findings[id].rule === 'numa/vm-remote' && vm.findings[id].message.includes('"far"')));
  });

  it('flow-cache curves are computed only for the hosts asked for', () => {
    const a = analyzed('rack-a.edp.json');
    // A curve read where none was asked for would throw here.
    for (const s of a.model!.hosts[1].switches) {
      Object.defineProperty(s, 'cacheCurve', { enumerable: true, get: () => { throw new Error('curve of host 1 computed'); } });
    }
    const vm = reportViewModel(a, { fileName: 'rack-a.edp.json', curves: [0] });
    assert.ok(vm.hosts[0].switches[0].cacheCurve!.length > 0);
    assert.equal(vm.hosts[1].switches[0].cacheCurve, undefined);
    assert.deepEqual(hostCacheCurves(a, 0), [vm.hosts[0].switches[0].cacheCurve]);
  });

  it('a switch without traffic has an empty curve, not a made-up one', () => {
    const vm = reportViewModel(analyze(JSON.stringify(topology([host()]))), { fileName: 't.edp.json' });
    assert.deepEqual(vm.hosts[0].switches[0].cacheCurve, []);
    assert.equal(vm.hosts[0].worst.minHitRate, undefined);
  });

  it('thresholds follow the file\'s model section', () => {
    const t = topology([host()], { model: { 'tlb.utilization': 0.7, 'flowcache.hitRate': 0.95 } });
    const vm = reportViewModel(analyze(JSON.stringify(t)), { fileName: 't.edp.json' });
    assert.equal(vm.thresholds.utilization, 0.7);
    assert.equal(vm.thresholds.hitRate, 0.95);
  });

  it('a file the model cannot run on says why and still lists its findings', () => {
    const vm = reportViewModel(analyze('{ "version": 1, "hosts": [ }'), { fileName: 'broken.edp.json' });
    assert.equal(vm.hosts.length, 0);
    assert.match(vm.notice!, /not valid JSON/);
    assert.ok(vm.findings.length > 0 && vm.findings.every((f) => f.rule === 'parse/invalid-json'));
  });

  it('two switches with the same name each show their own uplinks (the switch at its index, not the first by name)', () => {
    const h = host({
      nics: [nic('vmnic0', 0), nic('vmnic1', 0)],
      switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }]), edpSwitch('vds', ['vmnic1'], [{ numaNode: 0, count: 1 }])],
    });
    const vm = reportViewModel(analyze(JSON.stringify(topology([h]))), { fileName: 't.edp.json' });
    assert.deepEqual(vm.hosts[0].switches.map((s) => s.uplinks), [['vmnic0'], ['vmnic1']]);
  });
});
