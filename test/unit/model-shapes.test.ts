// V8's hidden classes of the model's output objects (issue 14): every switch model, and every
// lcore model, of an analysis shares one class, in fast mode. Figures that first held small
// integers (an idle switch: all 0) and later fractions (a dropping one) made V8 retire the class
// mid-analysis and throw away the optimized code of every function that had read it; the first
// switch model of a process was a dictionary object. Asked of V8 itself through its natives
// syntax, switched on for this test file's process only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInThisContext } from 'node:vm';
import { analyze } from '../../src/core/analyze';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

setFlagsFromString('--allow-natives-syntax');
const sameClass = runInThisContext('(a, b) => %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const fastMode = runInThisContext('(a) => %HasFastProperties(a)') as (a: object) => boolean;

// The first switch idle, the second with one lcore that cannot serve its 3 Mpps (it drops).
const design = topology([
  host({
    nics: [nic('vmnic0', 0), nic('vmnic1', 0)],
    switches: [edpSwitch('idle', ['vmnic0'], [{ numaNode: 0, count: 2 }]), edpSwitch('vds', ['vmnic1'], [{ numaNode: 0, count: 4 }])],
    vms: [loadVm('fw', 0, 3e6), loadVm('lb', 0, 1234567.5)],
  }),
]);

describe('model objects keep one hidden class', () => {
  it('idle and dropping switches and their lcores share a class each, in fast mode', () => {
    const switches = analyze(JSON.stringify(design)).model!.hosts[0].switches;
    const [idle, busy] = switches;
    assert.equal(idle.dropPps, 0);
    assert.ok(busy.dropPps > 0 && busy.lcores.some((l) => l.dropPps > 0 && !Number.isInteger(l.dropPps)));
    for (const s of switches) {
      assert.ok(fastMode(s), `switch ${s.name} in fast mode`);
      assert.ok(sameClass(s, idle), `switch ${s.name} shares the first switch's class`);
      for (const l of s.lcores) {
        assert.ok(fastMode(l));
        assert.ok(sameClass(l, idle.lcores[0]), `lcore ${l.index} of ${s.name} shares the first lcore's class`);
      }
    }
  });
});
