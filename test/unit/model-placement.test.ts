import assert from 'node:assert/strict';
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

  it('a vNIC with q queues is q work units partitioning its flows by RSS rank (k → queue (k−1) mod q)', () => {
    const vms = [loadVm('big', 0, 8e6, 'vds', 4, { flows: 4000, zipf: 1 })];
    const lcores = computeModel(topology([host({ vms })])).model.hosts[0].switches[0].lcores;
    const queues = lcores.flatMap((l) => l.assigned).sort((a, b) => a.queue - b.queue);
    assert.deepEqual(queues.map((a) => a.flows), [1000, 1000, 1000, 1000]);
    // Each queue's packets are the popularity of its ranks, summed here flow by flow.
    const popularity = (j: number) => { let sum = 0; for (let k = j + 1; k <= 4000; k += 4) sum += 1 / k; return sum; };
    const total = [0, 1, 2, 3].reduce((sum, j) => sum + popularity(j), 0);
    for (const a of queues) assert.ok(Math.abs(a.pps - (8e6 * popularity(a.queue)) / total) < 1e-9 * 8e6, `queue ${a.queue}: ${a.pps} vs ${(8e6 * popularity(a.queue)) / total}`);
    assert.ok(queues[0].pps > queues[1].pps && queues[1].pps > queues[3].pps, 'under Zipf queue 0 is the heaviest');
    // The Thread Load Balancer places by that load: the heaviest queue first, on lcore 0.
    assert.ok(lcores[0].assigned.some((a) => a.queue === 0));
  });

  it('RSS never loses or invents flows: 1 over 4 queues, 10 over 8, 6 over 4', () => {
    const cases: [number, number, number[]][] = [[1, 4, [1, 0, 0, 0]], [10, 8, [2, 2, 1, 1, 1, 1, 1, 1]], [6, 4, [2, 2, 1, 1]]];
    for (const [flows, q, expected] of cases) {
      const t = topology([host({ vms: [loadVm('v', 0, 1e6, 'vds', q, { flows })] })]);
      const queues = computeModel(t).model.hosts[0].switches[0].lcores.flatMap((l) => l.assigned).sort((a, b) => a.queue - b.queue);
      assert.deepEqual(queues.map((a) => a.flows), expected, `${flows} flows over ${q} queues`);
      // A queue without flows carries no packets; the others carry all of the vNIC's.
      for (const a of queues) if (a.flows === 0) assert.equal(a.pps, 0);
      assert.ok(Math.abs(queues.reduce((sum, a) => sum + a.pps, 0) - 1e6) < 1e-6);
    }
    // 1 flow over 4 queues: that flow fits in any table, so the lcore serving it hits every packet.
    const one = computeModel(topology([host({ vms: [loadVm('v', 0, 1e6, 'vds', 4, { flows: 1 })] })])).model.hosts[0].switches[0];
    assert.equal(one.hitRate, 1);
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
