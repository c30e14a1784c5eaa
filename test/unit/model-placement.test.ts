import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { computeModel } from '../../src/core/model';
import { edpSwitch, host, loadVm, topology } from './model-fixtures';

const lcoreLoads = (t: ReturnType<typeof topology>) => computeModel(t).model.hosts[0].switches[0].lcores.map((l) => l.pps);

describe('Thread Load Balancer placement', () => {
  it('cpu-usage places the heaviest queue first on the least-loaded lcore (LPT)', () => {
    // Queues 5, 3, 4, 3, 3 Mpps (file order) on 2 lcores. LPT by hand, heaviest first:
    // 5 (vm0)→A; 4 (vm2)→B; 3 (vm1)→B since 4<5; 3 (vm3)→A since 5<7; 3 (vm4)→B since 7<8.
    // A = 5 + 3 = 8, B = 4 + 3 + 3 = 10. (Round-robin would give 11 and 7.)
    const vms = [5, 3, 4, 3, 3].map((m, i) => loadVm(`vm${i}`, 0, m * 1e6));
    const t = topology([host({ vms })]);
    assert.deepEqual(lcoreLoads(t), [8e6, 10e6]);
    const lcores = computeModel(t).model.hosts[0].switches[0].lcores;
    assert.deepEqual(lcores[0].assigned.map((a) => a.vm), ['vm0', 'vm3']);
    assert.deepEqual(lcores[1].assigned.map((a) => a.vm), ['vm1', 'vm2', 'vm4']);
    assert.deepEqual(lcores.map((l) => l.queues), [2, 3]);
  });

  it('cpu-usage breaks ties by file order and the lowest lcore index', () => {
    const vms = ['a', 'b', 'c'].map((n) => loadVm(n, 0, 1e6));
    const lcores = computeModel(topology([host({ vms })])).model.hosts[0].switches[0].lcores;
    assert.deepEqual(lcores.map((l) => l.assigned.map((a) => a.vm)), [['a', 'c'], ['b']]);
  });

  it('vnic-count deals queues round-robin in file order, whatever the load', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }], { lcoreAssignment: 'vnic-count' })];
    const vms = [9, 8, 1, 1].map((m, i) => loadVm(`vm${i}`, 0, m * 1e6));
    const t = topology([host({ switches, vms })]);
    // vm0→0, vm1→1, vm2→0, vm3→1: the two heavy ones still share nothing, loads 10 and 9 Mpps.
    assert.deepEqual(lcoreLoads(t), [10e6, 9e6]);
    const heavyTogether = topology([host({ switches, vms: [9, 1, 8, 1].map((m, i) => loadVm(`vm${i}`, 0, m * 1e6)) })]);
    assert.deepEqual(lcoreLoads(heavyTogether), [17e6, 2e6]);
  });

  it('a vNIC with q queues is q work units of pps/q and flows/q', () => {
    const vms = [loadVm('big', 0, 8e6, 'vds', 4, { flows: 4000 })];
    const lcores = computeModel(topology([host({ vms })])).model.hosts[0].switches[0].lcores;
    assert.deepEqual(lcores.map((l) => l.pps), [4e6, 4e6]);
    for (const l of lcores) for (const a of l.assigned) assert.deepEqual([a.pps, a.flows, a.remote], [2e6, 1000, false]);
  });

  it('places queues on lcores of their NUMA node first', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 1 }])];
    // Both VMs on node 1: lcore 0 (node 0) stays idle although it is less loaded.
    const vms = [loadVm('a', 1, 1e6), loadVm('b', 1, 1e6)];
    const lcores = computeModel(topology([host({ switches, vms })])).model.hosts[0].switches[0].lcores;
    assert.deepEqual(lcores.map((l) => [l.numaNode, l.pps]), [[0, 0], [1, 2e6]]);
    // A VM without numaNode goes to the uplinks' node (vmnic0 is on node 0).
    const unset = computeModel(topology([host({ switches, vms: [loadVm('c', undefined, 1e6)] })])).model.hosts[0].switches[0].lcores;
    assert.deepEqual(unset.map((l) => l.pps), [1e6, 0]);
  });

  it('falls back to every lcore when none is local, and marks the queue remote', () => {
    const vms = [loadVm('far', 1, 1e6)];
    const t = topology([host({ vms })]);
    const { model, findings } = computeModel(t);
    const lcore = model.hosts[0].switches[0].lcores[0];
    assert.equal(lcore.assigned[0].remote, true);
    // Remote packets pay (1 + crossNumaPenalty): 900 × 1.25 cycles at a 100 % hit rate.
    assert.equal(lcore.cyclesPerPacket, 900 * 1.25);
    assert.ok(findings.some((f) => f.rule === 'numa/vm-remote' && f.path === '/hosts/0/vms/0/numaNode'));
  });
});
