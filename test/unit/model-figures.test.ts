// Line rate, cycles and utilization, cores consumed, mbuf, capacity and overrides, each against
// figures worked out by hand from the formulas in docs/MODEL.md.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeModel, DEFAULT_CONSTANTS, lineRatePps } from '../../src/core/model';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const close = (actual: number, expected: number, rel = 1e-9) => assert.ok(Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

describe('line rate', () => {
  it('is 14.88 Mpps at 10G and 64-byte packets', () => {
    close(lineRatePps(10, 64), 14_880_952.38, 1e-9);
  });

  it('matches the domain.md §6 table', () => {
    const rows: [number, number, number][] = [
      [10, 14.881, 0.8127],
      [25, 37.202, 2.032],
      [40, 59.524, 3.251],
      [100, 148.81, 8.127],
      [400, 595.24, 32.51],
    ];
    for (const [gbps, small, large] of rows) {
      close(lineRatePps(gbps, 64) / 1e6, small, 5e-4);
      close(lineRatePps(gbps, 1518) / 1e6, large, 5e-4);
    }
  });

  it('sums the uplinks at the pps-weighted mean packet size of the switch', () => {
    const nics = [nic('a', 0, 25), nic('b', 0, 25)];
    const switches = [edpSwitch('vds', ['a', 'b'], [{ numaNode: 0, count: 2 }])];
    // 3 Mpps at 100 B and 1 Mpps at 500 B: mean (300 + 500) / 4 = 200 B.
    const vms = [loadVm('x', 0, 3e6, 'vds', 1, { packetBytes: 100 }), loadVm('y', 0, 1e6, 'vds', 1, { packetBytes: 500 })];
    const sw = computeModel(topology([host({ nics, switches, vms })])).model.hosts[0].switches[0];
    assert.equal(sw.packetBytes, 200);
    close(sw.lineRatePps, (2 * 25e9) / ((200 + 20) * 8));
  });
});

describe('cycles, utilization and cores consumed', () => {
  // Two lcores at 2 GHz, 1 Mpps and 0.5 Mpps, every flow fits the cache: hit rate 1.
  const t = topology([host({ vms: [loadVm('a', 0, 1e6), loadVm('b', 0, 5e5)] })]);

  it('costs the fast path at a 100 % hit rate', () => {
    const sw = computeModel(t).model.hosts[0].switches[0];
    assert.deepEqual(sw.lcores.map((l) => l.hitRate), [1, 1]);
    assert.deepEqual(sw.lcores.map((l) => l.cyclesPerPacket), [900, 900]);
    // 1e6 × 900 / 2e9 = 0.45; 5e5 × 900 / 2e9 = 0.225.
    assert.deepEqual(sw.lcores.map((l) => l.utilization), [0.45, 0.225]);
    close(sw.maxUtilization, 0.45);
    close(sw.imbalance, 0.45 / 0.3375);
  });

  it('reports cores consumed in all three modes', () => {
    const { hosts } = computeModel(t).model;
    const used = hosts[0].switches[0].coresUsed;
    assert.equal(used.edpPerformance, 2); // dedicated polling lcores
    close(used.edpStandard, 0.675); // 0.45 + 0.225
    close(used.heritage, (1.5e6 * 3600) / 2e9); // 2.7
    assert.deepEqual(hosts[0].coresUsed, used);
  });

  it('mixes fast and slow path by the hit rate: churn alone makes misses', () => {
    // 10 % of packets open a new flow: hit = 0.9; cycles = 0.9·900 + 0.1·4500 = 1260.
    const churny = topology([host({ vms: [loadVm('a', 0, 1e6, 'vds', 1, { newFlowsPerSec: 1e5 })] })]);
    const l = computeModel(churny).model.hosts[0].switches[0].lcores[0];
    close(l.hitRate, 0.9);
    close(l.churnMissShare, 0.1);
    close(l.cyclesPerPacket, 1260);
    close(l.utilization, (1e6 * 1260) / 2e9);
  });

  it('uses the flow-cache hit rate: uniform flows twice the table size hit half the time', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }], { flowCache: { entries: 4096 } })];
    const vms = [loadVm('a', 0, 1e6, 'vds', 1, { flows: 8192, zipf: 0 })];
    const sw = computeModel(topology([host({ switches, vms })])).model.hosts[0].switches[0];
    close(sw.lcores[0].hitRate, 0.5, 1e-6);
    close(sw.lcores[0].cyclesPerPacket, 0.5 * 900 + 0.5 * 4500, 1e-6);
    close(sw.hitRate, 0.5, 1e-6);
  });

  it('rounds flow-cache entries up to a power of two and defaults them', () => {
    const sized = (entries?: number) =>
      computeModel(topology([host({ switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }], entries ? { flowCache: { entries } } : {})] })])).model.hosts[0].switches[0].entries;
    assert.equal(sized(5000), 8192);
    assert.equal(sized(3), 4);
    assert.equal(sized(), DEFAULT_CONSTANTS.flowCacheEntries);
  });

  it('overriding fastPathCyclesPerPacket doubles utilization', () => {
    const base = computeModel(t).model.hosts[0].switches[0];
    const doubled = computeModel(t, { fastPathCyclesPerPacket: 1800 }).model;
    assert.equal(doubled.constants.fastPathCyclesPerPacket, 1800);
    doubled.hosts[0].switches[0].lcores.forEach((l, i) => close(l.utilization, 2 * base.lcores[i].utilization));
  });

  it('ignores unknown and out-of-range overrides', () => {
    const { model } = computeModel(t, { noSuchConstant: 5, fastPathCyclesPerPacket: 0, crossNumaPenalty: 0.5 });
    assert.equal(model.constants.fastPathCyclesPerPacket, 900);
    assert.equal(model.constants.crossNumaPenalty, 0.5);
    assert.equal('noSuchConstant' in model.constants, false);
  });
});

describe('mbuf footprint', () => {
  it('counts rx rings and bursts of the lcores on each node against the LLC', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 1 }], { rxRingSize: 1024 })];
    // Three queues on node 0 (lcore 0 gets two, lcore 1 one), none on node 1.
    const vms = [loadVm('a', 0, 3e6), loadVm('b', 0, 2e6), loadVm('c', 0, 1e6)];
    const { numaNodes, switches: sws } = computeModel(topology([host({ switches, vms })])).model.hosts[0];
    assert.deepEqual(sws[0].lcores.map((l) => l.queues), [1, 2, 0]);
    // Node 0: lcores (1024·1 + 32) + (1024·2 + 32) = 3136 packets, plus the uplink vmnic0's rings
    // there: no `queues` given, so one per lcore of the switch, 3 · 1024 = 3072; node 1: 32 (an idle burst).
    assert.deepEqual(numaNodes.map((n) => n.mbuf.packetsInFlight), [6208, 32]);
    const n0 = numaNodes[0].mbuf;
    // A pool object: 64 B mempool header + 128 B descriptor + 128 B headroom + 2048 B data room.
    assert.equal(n0.edp.poolBytes, 6208 * 2368);
    assert.equal(n0.edp.hotBytes, 6208 * (128 + 128));
    assert.equal(n0.heritage.poolBytes, 2 * 6208 * 2368);
    assert.equal(n0.heritage.hotBytes, 2 * 6208 * 256);
    assert.equal(n0.llcBytes, 32 * 1024 * 1024);
    // Flow tables: each loaded lcore holds its 100 flows (fixture default), 128 B each.
    assert.equal(n0.flowTableBytes, (100 + 200) * 128);
    close(n0.edp.llcShare, (6208 * 256 + 300 * 128) / (32 * 1024 * 1024));
    assert.equal(sws[0].mbuf.packetsInFlight, 6208 + 32);
    assert.equal(sws[0].mbuf.flowTableBytes, 300 * 128);
    assert.deepEqual(numaNodes.map((n) => n.lcores), [2, 1]);
  });

  it('splits a socket LLC between the NUMA nodes on that socket', () => {
    const h = host({
      cpu: { sockets: 1, coresPerSocket: 32, ghz: 2, llcMiB: 64 },
      numaNodes: [
        { id: 0, socket: 0, cores: 16 },
        { id: 1, socket: 0, cores: 16 },
      ],
    });
    const nodes = computeModel(topology([h])).model.hosts[0].numaNodes;
    assert.deepEqual(nodes.map((n) => n.mbuf.llcBytes), [32 * 1024 * 1024, 32 * 1024 * 1024]);
  });
});

describe('capacity and drops', () => {
  it('drops what exceeds the lcores\' capacity', () => {
    // One lcore at 2 GHz, 900 cycles/packet: capacity 2.222… Mpps; offered 4 Mpps.
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }])];
    const sw = computeModel(topology([host({ switches, vms: [loadVm('a', 0, 4e6)] })])).model.hosts[0].switches[0];
    close(sw.capacityPps, 2e9 / 900);
    close(sw.dropRate, 1 - 2e9 / 900 / 4e6);
  });

  it('drops what exceeds the line rate, per direction', () => {
    // 10G at 64 B: 14.88 Mpps each way; offered 20 Mpps over 16 lcores (capacity 35.6 Mpps), half
    // each way by default: 10 Mpps a direction, under the line rate.
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 16 }])];
    const at = (vms: ReturnType<typeof loadVm>[]) => computeModel(topology([host({ nics: [nic('vmnic0', 0, 10)], switches, vms })])).model.hosts[0].switches[0];
    const even = at([loadVm('a', 0, 20e6, 'vds', 16, { zipf: 0 })]);
    assert.equal(even.dropRate, 0);
    close(even.rxPps, 10e6);
    // 80 % received: 16 Mpps wire → VM, 1.12 Mpps beyond the line rate; 4 Mpps sent fits.
    const skewed = at([loadVm('a', 0, 20e6, 'vds', 16, { rxShare: 0.8, zipf: 0 })]);
    assert.equal(skewed.lcoreDropPps, 0);
    close(skewed.lineDropPps, 16e6 - lineRatePps(10, 64));
    close(skewed.dropRate, (16e6 - lineRatePps(10, 64)) / 20e6);
    // The default share is a constant like the others: the file's model section can move it.
    const t = topology([host({ nics: [nic('vmnic0', 0, 10)], switches, vms: [loadVm('a', 0, 20e6, 'vds', 16, { zipf: 0 })] })]);
    close(computeModel(t, { rxShare: 0.9 }).model.hosts[0].switches[0].rxPps, 18e6);
  });

  it('states below which hit rate a packet costs EDP more than the heritage stack', () => {
    // Defaults: (4500 − 3600) / (4500 − 900) = 0.25.
    const sw = computeModel(topology([host({ vms: [loadVm('a', 0, 1e5)] })])).model.hosts[0].switches[0];
    close(sw.heritageBreakEvenHitRate, 0.25);
    // A slow path no dearer than heritage: EDP is never dearer.
    close(computeModel(topology([host()]), { slowPathCyclesPerPacket: 3000 }).model.hosts[0].switches[0].heritageBreakEvenHitRate, 0);
    // At hit rate h the cycles per packet exceed heritage exactly when h < break-even.
    for (const h of [0, 0.2, 0.3, 1]) assert.equal(h * 900 + (1 - h) * 4500 > 3600, h < 0.25);
  });

  it('an overloaded lcore drops even when idle lcores could take the load (queues stay where placed)', () => {
    // Two lcores, one single-queue vNIC of 3 Mpps: lcore 0 serves 2.22 Mpps and drops the rest,
    // lcore 1 idles. The switch's summed capacity (4.44 Mpps) exceeds the offered load.
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }])];
    const sw = computeModel(topology([host({ switches, vms: [loadVm('a', 0, 3e6)] })])).model.hosts[0].switches[0];
    close(sw.capacityPps, 2 * (2e9 / 900));
    close(sw.lcores[0].servedPps, 2e9 / 900);
    close(sw.lcores[0].dropPps, 3e6 - 2e9 / 900);
    assert.equal(sw.lcores[1].dropPps, 0);
    close(sw.dropRate, (3e6 - 2e9 / 900) / 3e6);
    // The lcore is one core at most, however overloaded.
    close(sw.lcores[0].utilization, (3e6 * 900) / 2e9);
    close(sw.coresUsed.edpStandard, 1);
  });

  it('drops nothing under both limits', () => {
    const sw = computeModel(topology([host({ vms: [loadVm('a', 0, 1e6)] })])).model.hosts[0].switches[0];
    assert.equal(sw.dropRate, 0);
  });
});
