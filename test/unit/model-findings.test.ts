// Each model finding fires on a minimal topology that has the problem, at the object causing it,
// and stays quiet on a clean one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { computeModel } from '../../src/core/model';
import type { Host, Topology } from '../../src/core/topology';
import { edpSwitch, host, loadVm, nic, topology, vm, vnic, traffic } from './model-fixtures';

const findingsOf = (t: Topology, overrides: Record<string, number> = {}) => computeModel(t, overrides).findings;
const rulesAt = (t: Topology, rule: string, overrides: Record<string, number> = {}) =>
  findingsOf(t, overrides)
    .filter((f) => f.rule === rule)
    .map((f) => f.path);

/** Two NUMA nodes, uplinks and two lcores on node 0, two latency-sensitive VMs with light traffic on node 0. */
const clean = (): Host => host({ vms: [loadVm('app', 0, 1e6), loadVm('db', 0, 1e6)] });

describe('model findings', () => {
  it('a clean topology has none', () => {
    assert.deepEqual(findingsOf(topology([clean()])), []);
  });

  it('numa/lcore-remote-nic: an uplink on a node without lcores of the switch', () => {
    const h = host({ nics: [nic('vmnic0', 0), nic('vmnic1', 1)], switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 2 }])] });
    assert.deepEqual(rulesAt(topology([h]), 'numa/lcore-remote-nic'), ['/hosts/0/switches/0/uplinks/1']);
    const f = findingsOf(topology([h])).find((x) => x.rule === 'numa/lcore-remote-nic')!;
    assert.equal(f.related?.[0].path, '/hosts/0/nics/1/numaNode');
  });

  it('numa/uplinks-split: a LAG across NUMA nodes', () => {
    const h = host({ nics: [nic('vmnic0', 0), nic('vmnic1', 1)], switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 1 }])] });
    assert.deepEqual(rulesAt(topology([h]), 'numa/uplinks-split'), ['/hosts/0/switches/0/uplinks/1']);
    assert.deepEqual(rulesAt(topology([h]), 'tlb/uneven-lcores'), []);
  });

  it('numa/uplinks-split with lags: a LAG whose NICs span nodes, at the LAG; LAGs each on one node are not split', () => {
    const nics = [nic('vmnic0', 0), nic('vmnic1', 0), nic('vmnic2', 1), nic('vmnic3', 1)];
    const lcores = [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 1 }];
    const lag = (name: string, uplinks: string[]) => ({ name, uplinks, mode: 'active' as const, loadBalancing: 'src-dest-ip-vlan' as const });
    const split = host({ nics, switches: [edpSwitch('vds', ['vmnic0', 'vmnic1', 'vmnic2', 'vmnic3'], lcores, { lags: [lag('lag-a', ['vmnic0', 'vmnic1']), lag('lag-b', ['vmnic1', 'vmnic2'])] })] });
    assert.deepEqual(rulesAt(topology([split]), 'numa/uplinks-split'), ['/hosts/0/switches/0/lags/1/uplinks/1']);
    const f = findingsOf(topology([split])).find((x) => x.rule === 'numa/uplinks-split')!;
    assert.match(f.message, /^LAG "lag-b" of switch "vds" takes NICs on NUMA nodes 0, 1: "vmnic1" on node 0, "vmnic2" on node 1\./);
    assert.deepEqual(f.related?.map((r) => r.path), ['/hosts/0/nics/1/numaNode', '/hosts/0/nics/2/numaNode']);
    // One LAG per node: NUMA-aware teaming picks the VM's node's LAG, nothing is split.
    const perNode = host({ nics, switches: [edpSwitch('vds', ['vmnic0', 'vmnic1', 'vmnic2', 'vmnic3'], lcores, { lags: [lag('lag-a', ['vmnic0', 'vmnic1']), lag('lag-b', ['vmnic2', 'vmnic3'])] })] });
    assert.deepEqual(rulesAt(topology([perNode]), 'numa/uplinks-split'), []);
  });

  it('numa/vm-remote: a VM on another node than its switch\'s uplinks', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 1 }])];
    const h = host({ switches, vms: [loadVm('app', 1, 1e6)] });
    assert.deepEqual(rulesAt(topology([h]), 'numa/vm-remote'), ['/hosts/0/vms/0/numaNode']);
    // Quiet on the uplinks' node.
    assert.deepEqual(rulesAt(topology([host({ switches, vms: [loadVm('app', 0, 1e6)] })]), 'numa/vm-remote'), []);
  });

  it('numa/lcore-overcommit: lcores of all switches on a node exceed its cores', () => {
    const switches = [edpSwitch('a', ['vmnic0'], [{ numaNode: 0, count: 20 }]), edpSwitch('b', ['vmnic0'], [{ numaNode: 0, count: 13 }])];
    assert.deepEqual(rulesAt(topology([host({ switches })]), 'numa/lcore-overcommit'), ['/hosts/0/cpu/coresPerSocket']);
    const exact = [edpSwitch('a', ['vmnic0'], [{ numaNode: 0, count: 20 }]), edpSwitch('b', ['vmnic0'], [{ numaNode: 0, count: 12 }])];
    assert.deepEqual(rulesAt(topology([host({ switches: exact })]), 'numa/lcore-overcommit'), []);
    const declared = host({ switches, numaNodes: [{ id: 0, socket: 0, cores: 32 }, { id: 1, socket: 1, cores: 32 }] });
    assert.deepEqual(rulesAt(topology([declared]), 'numa/lcore-overcommit'), ['/hosts/0/numaNodes/0/cores']);
  });

  it('numa/vm-spans-nodes: more vCPUs than a node has cores', () => {
    const big = vm('big', 0, [vnic('eth0', 'vds', traffic(1e5))], { vcpus: 40 });
    assert.deepEqual(rulesAt(topology([host({ vms: [big] })]), 'numa/vm-spans-nodes'), ['/hosts/0/vms/0/vcpus']);
    const fits = vm('fits', 0, [vnic('eth0', 'vds', traffic(1e5))], { vcpus: 32 });
    assert.deepEqual(rulesAt(topology([host({ vms: [fits] })]), 'numa/vm-spans-nodes'), []);
  });

  it('numa/lbs-not-aligned: latency sensitivity not high, or a vNIC not vmxnet3', () => {
    const normal = vm('n', 0, [vnic('eth0', 'vds', traffic(1e5))], { latencySensitivity: 'normal' });
    const e1000 = vm('e', 0, [vnic('eth0', 'vds', traffic(1e5), { adapter: 'e1000' })]);
    const idle = vm('i', 0, [vnic('eth0', 'vds', undefined)], { latencySensitivity: 'normal' });
    assert.deepEqual(rulesAt(topology([host({ vms: [normal, e1000, idle] })]), 'numa/lbs-not-aligned'), ['/hosts/0/vms/0/latencySensitivity', '/hosts/0/vms/1/vnics/0/adapter']);
  });

  it('flowcache/low-hit-rate: advises a table size that reaches the threshold', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }], { flowCache: { entries: 4096 } })];
    // Uniform flows: hit = C/N = 4096/10000 = 41 %; 16384 entries hold all 10000 flows (hit 1).
    const h = host({ switches, vms: [loadVm('app', 0, 1e6, 'vds', 1, { flows: 10000, zipf: 0 })] });
    const [f] = findingsOf(topology([h])).filter((x) => x.rule === 'flowcache/low-hit-rate');
    assert.equal(f.path, '/hosts/0/switches/0/flowCache');
    assert.match(f.message, /41\.0%/);
    assert.match(f.message, /90\.0% threshold/);
    assert.match(f.message, /Raise flowCache\.entries to 16,384 for a 100% hit rate/);
    // A lower threshold keeps it quiet.
    assert.deepEqual(rulesAt(topology([h]), 'flowcache/low-hit-rate', { 'flowcache.hitRate': 0.4 }), []);
  });

  it('flowcache/low-hit-rate: says churn is the limit when no size reaches the threshold', () => {
    const h = host({ vms: [loadVm('app', 0, 1e6, 'vds', 1, { newFlowsPerSec: 2e5 })] });
    const [f] = findingsOf(topology([h])).filter((x) => x.rule === 'flowcache/low-hit-rate');
    assert.match(f.message, /No table size reaches it: new flows alone make 20\.0% of the packets miss/);
  });

  it('flowcache/churn: new flows above the threshold share of packets', () => {
    const h = host({ vms: [loadVm('quiet', 0, 1e6, 'vds', 1, { newFlowsPerSec: 5e4 }), loadVm('churny', 0, 1e6, 'vds', 2, { newFlowsPerSec: 6e4 })] });
    // 5 % is not above the 0.05 threshold; 6 % is (reported once for the vNIC, not per queue).
    assert.deepEqual(rulesAt(topology([h]), 'flowcache/churn'), ['/hosts/0/vms/1/vnics/0/traffic/newFlowsPerSec']);
  });

  it('mbuf/working-set-exceeds-llc: hot buffers above the LLC share', () => {
    // 1 MiB LLC; 8 queues × 1024 + 32 = 8224 packets × 256 B = 2.0 MiB hot.
    const h = host({ cpu: { sockets: 2, coresPerSocket: 32, ghz: 2, llcMiB: 1 }, vms: [loadVm('app', 0, 1e6, 'vds', 8)] });
    assert.deepEqual(rulesAt(topology([h]), 'mbuf/working-set-exceeds-llc'), ['/hosts/0/switches/0/name']);
    assert.deepEqual(rulesAt(topology([h]), 'mbuf/working-set-exceeds-llc', { 'mbuf.llcShare': 3 }), []);
  });

  it('tlb/lcore-overloaded: utilization above the threshold, at the lcore group', () => {
    // 2 Mpps × 900 / 2e9 = 0.9 on lcore 0.
    const h = host({ vms: [loadVm('heavy', 0, 2e6), loadVm('light', 0, 1e5)] });
    assert.deepEqual(rulesAt(topology([h]), 'tlb/lcore-overloaded'), ['/hosts/0/switches/0/lcores/0/count']);
    assert.deepEqual(rulesAt(topology([h]), 'tlb/lcore-overloaded', { 'tlb.utilization': 0.95 }), []);
  });

  it('tlb/imbalance: max/mean utilization above the threshold', () => {
    const h = host({ vms: [loadVm('heavy', 0, 1e6), loadVm('light', 0, 1e5)] });
    // utilizations 0.45 and 0.045: max/mean = 1.82.
    assert.deepEqual(rulesAt(topology([h]), 'tlb/imbalance'), ['/hosts/0/switches/0/name']);
    assert.deepEqual(rulesAt(topology([clean()]), 'tlb/imbalance'), []);
    const idle = findingsOf(topology([host({ vms: [loadVm('only', 0, 1e6)] })])).filter((f) => f.rule === 'tlb/imbalance');
    assert.match(idle[0].message, /2 lcores but only 1 queue/);
  });

  it('tlb/imbalance: not while the busiest lcore is lightly loaded (tlb.imbalanceMinUtilization)', () => {
    // utilizations 0.09 and 0.009: as uneven as above, but a tenth of the load.
    const light = topology([host({ vms: [loadVm('heavy', 0, 2e5), loadVm('light', 0, 2e4)] })]);
    assert.deepEqual(rulesAt(light, 'tlb/imbalance'), []);
    assert.deepEqual(rulesAt(light, 'tlb/imbalance', { 'tlb.imbalanceMinUtilization': 0.05 }), ['/hosts/0/switches/0/name']);
  });

  it('tlb/uneven-lcores: different lcore counts on the nodes the uplinks use', () => {
    const nics = [nic('vmnic0', 0), nic('vmnic1', 1)];
    const uneven = host({ nics, switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 1 }])] });
    assert.deepEqual(rulesAt(topology([uneven]), 'tlb/uneven-lcores'), ['/hosts/0/switches/0/lcores']);
  });

  it('capacity/nic-line-rate and capacity/datapath: offered packets above the limits', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }])];
    const h = host({ nics: [nic('vmnic0', 0, 1)], switches, vms: [loadVm('app', 0, 3e6)] });
    const t = topology([h]);
    // 1G at 64 B carries 1.49 Mpps; one lcore processes 2.22 Mpps at 900 cycles.
    assert.deepEqual(rulesAt(t, 'capacity/nic-line-rate'), ['/hosts/0/switches/0/uplinks']);
    assert.deepEqual(rulesAt(t, 'capacity/datapath'), ['/hosts/0/switches/0/lcores']);
    const under = topology([host({ nics: [nic('vmnic0', 0, 1)], switches, vms: [loadVm('app', 0, 1.4e6)] })]);
    assert.deepEqual(rulesAt(under, 'capacity/nic-line-rate'), []);
    assert.deepEqual(rulesAt(under, 'capacity/datapath'), []);
  });

  it('capacity/nic-line-rate: standby uplinks add no line rate, a LAG adds all its NICs', () => {
    // Two 1G NICs carry 1.49 Mpps each per direction; 4 Mpps offered is 2 Mpps per direction.
    const nics = [nic('vmnic0', 0, 1), nic('vmnic1', 0, 1)];
    const withTeaming = (extra: Parameters<typeof edpSwitch>[3]) =>
      topology([host({ nics, switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 2 }], extra)], vms: [loadVm('a', 0, 2e6), loadVm('b', 0, 2e6)] })]);
    const lineRateOf = (t: Topology) => computeModel(t, {}).model.hosts[0].switches[0].lineRatePps;
    const both = withTeaming({});
    assert.deepEqual(rulesAt(both, 'capacity/nic-line-rate'), []);
    assert.deepEqual(rulesAt(withTeaming({ teaming: { policy: 'loadbalance-srcid', active: ['vmnic0', 'vmnic1'] } }), 'capacity/nic-line-rate'), []);
    const failover = withTeaming({ teaming: { policy: 'failover-order', active: ['vmnic0'], standby: ['vmnic1'] } });
    assert.deepEqual(rulesAt(failover, 'capacity/nic-line-rate'), ['/hosts/0/switches/0/uplinks']);
    assert.equal(lineRateOf(failover) * 2, lineRateOf(both));
    assert.match(findingsOf(failover).find((f) => f.rule === 'capacity/nic-line-rate')!.message, /vmnic0 1 Gb\/s; 1 more on standby/);
    // Failover order: only the first active member carries, even with two listed.
    assert.equal(lineRateOf(withTeaming({ teaming: { policy: 'failover-order', active: ['vmnic1', 'vmnic0'] } })) * 2, lineRateOf(both));
    const lag = { name: 'lag1', uplinks: ['vmnic0', 'vmnic1'], mode: 'active' as const, loadBalancing: 'src-dest-ip-vlan' as const };
    assert.equal(lineRateOf(withTeaming({ lags: [lag], teaming: { policy: 'failover-order', active: ['lag1'] } })), lineRateOf(both));
    // A teaming naming nothing the switch has (ref/unknown-uplink reports it) never reads as zero capacity.
    assert.equal(lineRateOf(withTeaming({ teaming: { policy: 'failover-order', active: ['vmnic9'] } })), lineRateOf(both));
  });

  it('a standard-mode switch gets no lcore or flow-cache findings', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }], { mode: 'standard', flowCache: { entries: 4 } })];
    const h = host({ switches, vms: [loadVm('app', 0, 2e6, 'vds', 1, { flows: 10000 })] });
    assert.deepEqual(findingsOf(topology([h])), []);
  });
});

describe('dangling references', () => {
  const broken: Topology = topology([
    host({
      nics: [nic('vmnic0', 7)],
      switches: [edpSwitch('vds', ['vmnic0', 'nope'], [{ numaNode: 9, count: 2 }]), edpSwitch('empty', [], [])],
      vms: [loadVm('a', 5, 1e6, 'missing'), loadVm('b', 3, 1e6, 'vds'), loadVm('c', undefined, 1e6, 'empty')],
    }),
  ]);

  it('computeModel skips them without throwing', () => {
    const { model } = computeModel(broken);
    assert.equal(model.hosts[0].switches[0].offeredPps, 1e6);
    assert.ok(model.hosts[0].switches.every((s) => Number.isFinite(s.dropRate) && Number.isFinite(s.hitRate)));
  });

  it('analyze() reports the references and still returns a model', () => {
    const a = analyze(JSON.stringify(broken));
    assert.ok(a.findings.some((f) => f.rule === 'ref/unknown-nic'));
    assert.ok(a.findings.some((f) => f.rule === 'ref/unknown-switch'));
    assert.ok(!a.findings.some((f) => /internal error/.test(f.message)));
  });
});
