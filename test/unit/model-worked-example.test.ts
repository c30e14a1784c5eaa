// The worked example of docs/MODEL.md ("Worked example"), figures computed there by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeModel } from '../../src/core/model';
import type { Topology } from '../../src/core/topology';

export const WORKED_EXAMPLE: Topology = {
  version: 1,
  target: { release: 'vcf-9.0', mode: 'edp-standard' },
  hosts: [
    {
      name: 'esx-01',
      cpu: { sockets: 1, coresPerSocket: 16, ghz: 2.0, llcMiB: 32 },
      nics: [{ name: 'vmnic0', speedGbps: 25, numaNode: 0 }],
      switches: [
        {
          name: 'vds-edp',
          mode: 'edp-standard',
          uplinks: ['vmnic0'],
          lcores: [{ numaNode: 0, count: 3 }],
          lcoreAssignment: 'cpu-usage',
          flowCache: { entries: 16384 },
          rxRingSize: 512,
        },
      ],
      vms: [
        {
          name: 'fw',
          numaNode: 0,
          vcpus: 8,
          latencySensitivity: 'high',
          vnics: [{ name: 'eth0', switch: 'vds-edp', adapter: 'vmxnet3', queues: 2, traffic: { pps: 2_000_000, packetBytes: 500, flows: 40_000, zipf: 0, newFlowsPerSec: 20_000 } }],
        },
        {
          name: 'lb',
          numaNode: 0,
          vcpus: 4,
          latencySensitivity: 'high',
          vnics: [{ name: 'eth0', switch: 'vds-edp', adapter: 'vmxnet3', traffic: { pps: 800_000, packetBytes: 200, flows: 2_000, zipf: 1, newFlowsPerSec: 0 } }],
        },
      ],
    },
  ],
};

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);

describe('docs/MODEL.md worked example', () => {
  const { model, findings } = computeModel(WORKED_EXAMPLE);
  const sw = model.hosts[0].switches[0];
  const [l0, l1, l2] = sw.lcores;

  it('step 1: placement', () => {
    assert.deepEqual(sw.lcores.map((l) => l.assigned.map((a) => `${a.vm}/${a.vnic}#${a.queue}`)), [['fw/eth0#0'], ['fw/eth0#1'], ['lb/eth0#0']]);
    assert.deepEqual(sw.lcores.map((l) => l.pps), [1e6, 1e6, 8e5]);
  });

  it('step 2: flow cache', () => {
    assert.equal(sw.entries, 16384);
    close(l0.hitRate, 0.811008, 'lcore 0 hit rate');
    close(l1.hitRate, 0.811008, 'lcore 1 hit rate');
    close(l2.hitRate, 1, 'lcore 2 hit rate');
    close(sw.hitRate, 0.8650057142857143, 'switch hit rate');
    close(sw.churnMissShare, 0.02 / 2.8, 'churn miss share');
  });

  it('step 3: cycles and utilization', () => {
    close(l0.cyclesPerPacket, 1580.3712, 'lcore 0 cycles/packet');
    close(l2.cyclesPerPacket, 900, 'lcore 2 cycles/packet');
    close(l0.utilization, 0.7901856, 'lcore 0 utilization');
    close(l2.utilization, 0.36, 'lcore 2 utilization');
    close(sw.maxUtilization, 0.7901856, 'max utilization');
    close(sw.imbalance, 0.7901856 / 0.6467904, 'imbalance');
  });

  it('step 4: line rate, capacity, drops', () => {
    close(sw.offeredPps, 2.8e6, 'offered');
    close(sw.packetBytes, 1.16e9 / 2.8e6, 'mean packet size');
    close(sw.lineRatePps, 25e9 / ((1.16e9 / 2.8e6 + 20) * 8), 'line rate');
    close(sw.lineRatePps, 7195723.684210527, 'line rate');
    close(sw.capacityPps, 4753273.155066354, 'capacity');
    assert.equal(sw.dropRate, 0);
  });

  it('step 5: cores consumed', () => {
    assert.deepEqual(sw.coresUsed.edpPerformance, 3);
    close(sw.coresUsed.edpStandard, 1.9403712, 'edp-standard cores');
    close(sw.coresUsed.heritage, 5.04, 'heritage cores');
    assert.deepEqual(model.hosts[0].coresUsed, sw.coresUsed);
  });

  it('step 6: mbuf', () => {
    const node = model.hosts[0].numaNodes[0];
    assert.equal(node.lcores, 3);
    assert.equal(node.mbuf.packetsInFlight, 3168);
    assert.equal(node.mbuf.flowTableBytes, 4_450_304);
    assert.deepEqual(node.mbuf.edp, { poolBytes: 7_501_824, hotBytes: 811_008, llcShare: 0.15679931640625 });
    assert.deepEqual(node.mbuf.heritage, { poolBytes: 15_003_648, hotBytes: 1_622_016, llcShare: 0.04833984375 });
    assert.equal(node.mbuf.llcBytes, 33_554_432);
    assert.deepEqual(sw.mbuf, { packetsInFlight: 3168, flowTableBytes: 4_450_304, edp: { poolBytes: 7_501_824, hotBytes: 811_008 }, heritage: { poolBytes: 15_003_648, hotBytes: 1_622_016 } });
  });

  it('step 7: findings', () => {
    assert.deepEqual(findings.map((f) => [f.rule, f.path]), [['flowcache/low-hit-rate', '/hosts/0/switches/0/flowCache']]);
    assert.match(findings[0].message, /81\.1%/);
    assert.match(findings[0].message, /Raise flowCache\.entries to 32,768 for a 99\.0% hit rate/);
  });
});
