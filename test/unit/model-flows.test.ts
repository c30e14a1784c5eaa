// Properties of the flow model over random valid designs (fast-check): RSS conserves flows and
// packets, the cache behaves monotonically, each lcore's hit rate is Che over exactly the flows
// it serves, and every figure is finite. Plus one seeded simulation of a whole switch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeModel } from '../../src/core/model';
import { steadyHitRate, type FlowMix } from '../../src/core/model/flowcache';
import type { Topology, Vm } from '../../src/core/topology';
import { cheOverPopularities } from '../support/cheBruteForce';
import { simulateSwitch, type SimulatedVnic } from '../support/lruSimulation';
import { edpSwitch, host, topology, traffic, vm, vnic } from './model-fixtures';

interface VnicSpec { pps: number; flows: number; zipf: number; queues: number; newFlowsPerSec: number }

const vnicSpec = (maxFlows: number, churn = true): fc.Arbitrary<VnicSpec> =>
  fc.record({
    pps: fc.double({ min: 1, max: 1e7, noNaN: true }),
    flows: fc.integer({ min: 1, max: maxFlows }),
    zipf: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 3, noNaN: true })),
    queues: fc.integer({ min: 1, max: 64 }),
    newFlowsPerSec: churn ? fc.double({ min: 0, max: 1e5, noNaN: true }) : fc.constant(0),
  });

const designSpec = (maxFlows: number, churn = true) =>
  fc.record({
    lcores: fc.integer({ min: 1, max: 8 }),
    entries: fc.integer({ min: 2, max: 19 }).map((e) => 2 ** e),
    assignment: fc.constantFrom('cpu-usage' as const, 'vnic-count' as const),
    vnics: fc.array(vnicSpec(maxFlows, churn), { minLength: 1, maxLength: 6 }),
  });

function design(d: { lcores: number; entries: number; assignment: 'cpu-usage' | 'vnic-count'; vnics: VnicSpec[] }): Topology {
  const vms: Vm[] = d.vnics.map((v, i) =>
    vm(`vm${i}`, 0, [vnic('eth0', 'vds', traffic(v.pps, { flows: v.flows, zipf: v.zipf, newFlowsPerSec: v.newFlowsPerSec }), { queues: v.queues })]),
  );
  const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: d.lcores }], { lcoreAssignment: d.assignment, flowCache: { entries: d.entries } })];
  return topology([host({ switches, vms })]);
}

const mixSpec = fc.array(
  fc.record({ flows: fc.integer({ min: 1, max: 1e8 }), zipf: fc.double({ min: 0, max: 3, noNaN: true }), stride: fc.integer({ min: 1, max: 64 }), offset: fc.nat(63), weight: fc.double({ min: 1e-3, max: 1e6, noNaN: true }) })
    .map((m) => ({ ...m, offset: m.offset % m.stride, flows: Math.max(m.flows, m.offset % m.stride + 1) })),
  { minLength: 1, maxLength: 8 },
);

describe('flow model properties (fast-check)', () => {
  it('RSS conserves each vNIC’s flows and packets across its queues', () => {
    fc.assert(
      fc.property(designSpec(1e9), (d) => {
        const sw = computeModel(design(d)).model.hosts[0].switches[0];
        d.vnics.forEach((v, i) => {
          const queues = sw.lcores.flatMap((l) => l.assigned).filter((a) => a.vm === `vm${i}`);
          assert.equal(queues.length, v.queues);
          assert.equal(queues.reduce((sum, a) => sum + a.flows, 0), v.flows);
          assert.ok(Math.abs(queues.reduce((sum, a) => sum + a.pps, 0) - v.pps) <= 1e-9 * v.pps);
          for (const a of queues) assert.ok(a.flows > 0 || a.pps === 0, 'a queue without flows carries no packets');
        });
      }),
      { numRuns: 200 },
    );
  });

  it('more cache entries never lower a hit rate', () => {
    fc.assert(
      fc.property(mixSpec, fc.integer({ min: 1, max: 2 ** 20 }), fc.integer({ min: 1, max: 2 ** 20 }), (mix, a, b) => {
        const [small, large] = a < b ? [a, b] : [b, a];
        assert.ok(steadyHitRate(mix, small) <= steadyHitRate(mix, large) + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('more flows never raise a hit rate', () => {
    fc.assert(
      fc.property(mixSpec, fc.nat(7), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 2 ** 19 }), (mix, which, extra, entries) => {
        const i = which % mix.length;
        const more = mix.map((m, k) => (k === i ? { ...m, flows: m.flows + extra } : m));
        assert.ok(steadyHitRate(more, entries) <= steadyHitRate(mix, entries) + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('an lcore’s hit rate is Che over the union of the flows it serves (brute force, small N)', () => {
    fc.assert(
      fc.property(designSpec(3000, false), (d) => {
        const t = design(d);
        const sw = computeModel(t).model.hosts[0].switches[0];
        for (const l of sw.lcores) {
          if (l.pps === 0) continue;
          // Every flow of every queue on the lcore, by its rank in its vNIC: p ∝ vNIC pps × k^(−s)/H.
          const p: number[] = [];
          for (const a of l.assigned) {
            const v = d.vnics[Number(a.vm.slice(2))];
            let h = 0;
            for (let k = v.flows; k >= 1; k--) h += Math.pow(k, -v.zipf);
            for (let k = a.queue + 1; k <= v.flows; k += v.queues) p.push((v.pps * Math.pow(k, -v.zipf)) / h);
          }
          const total = p.reduce((x, y) => x + y, 0);
          const exact = cheOverPopularities(Float64Array.from(p, (x) => x / total), d.entries);
          assert.ok(Math.abs(l.hitRate - exact) <= 1e-6 * exact, `lcore ${l.index}: ${l.hitRate} vs ${exact}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every figure of the model is finite, cache curve included', () => {
    fc.assert(
      fc.property(designSpec(1e9), (d) => {
        const { model } = computeModel(design(d));
        const walk = (v: unknown, path: string): void => {
          if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} = ${v}`);
          else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
          else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
        };
        walk(model.hosts, 'hosts');
        for (const p of model.hosts[0].switches[0].cacheCurve) assert.ok(p.hitRate >= 0 && p.hitRate <= 1);
      }),
      { numRuns: 200 },
    );
  });

  it('solver hit rates are finite and within 0..1 for any mix', () => {
    fc.assert(
      fc.property(mixSpec, fc.integer({ min: 0, max: 2 ** 20 }), (mix: FlowMix[], entries) => {
        const hit = steadyHitRate(mix, entries);
        assert.ok(Number.isFinite(hit) && hit >= 0 && hit <= 1, `${hit}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a whole switch against the simulated LRU', () => {
  it('each lcore’s hit rate agrees within 0.01 with packets drawn per vNIC and sent to queue (rank − 1) mod q', () => {
    const specs: VnicSpec[] = [
      { pps: 3e6, flows: 40_000, zipf: 1, queues: 4, newFlowsPerSec: 0 },
      { pps: 1e6, flows: 9000, zipf: 0.8, queues: 2, newFlowsPerSec: 0 },
      { pps: 2e6, flows: 3, zipf: 1, queues: 8, newFlowsPerSec: 0 },
    ];
    const d = { lcores: 3, entries: 2048, assignment: 'cpu-usage' as const, vnics: specs };
    const sw = computeModel(design(d)).model.hosts[0].switches[0];
    const vnics: SimulatedVnic[] = specs.map((v, i) => {
      const lcoreOfQueue = new Array<number>(v.queues).fill(-1);
      for (const l of sw.lcores) for (const a of l.assigned) if (a.vm === `vm${i}`) lcoreOfQueue[a.queue] = l.index;
      return { pps: v.pps, flows: v.flows, zipf: v.zipf, lcoreOfQueue };
    });
    const simulated = simulateSwitch(vnics, d.lcores, d.entries, { packets: 600_000, warmup: 100_000, seed: 5 });
    for (const l of sw.lcores) assert.ok(Math.abs(l.hitRate - simulated[l.index]) <= 0.01, `lcore ${l.index}: model ${l.hitRate}, simulated ${simulated[l.index]}`);
  });
});
