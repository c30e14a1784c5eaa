import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cacheCurve, clearSolverCache, entriesForHitRate, roundFlowTableSize, steadyHitRate, type FlowMix } from '../../src/core/model/flowcache';
import { harmonicNumber, headRows, queueSums, rssShares, stridedPowerSum } from '../../src/core/model/zipf';
import { steadyHitRateBruteForce } from '../support/cheBruteForce';
import { seededUniform, simulateLru } from '../support/lruSimulation';
import { ZipfSampler } from '../support/zipfSampler';

const one = (flows: number, zipf: number): FlowMix[] => [{ flows, zipf, weight: 1 }];
/** Queues `offsets` of a vNIC with `stride` queues, each weighted by its RSS packet share. */
const queuesOf = (flows: number, zipf: number, stride: number, offsets: number[], vnicPps = 1): FlowMix[] => {
  const shares = rssShares(flows, zipf, stride);
  return offsets.map((offset) => ({ flows, zipf, stride, offset, weight: vnicPps * shares[offset] }));
};

function directStridedSum(n: number, s: number, q: number, j: number): number {
  let sum = 0;
  const ranks: number[] = [];
  for (let k = j + 1; k <= n; k += q) ranks.push(k);
  for (let i = ranks.length - 1; i >= 0; i--) sum += Math.pow(ranks[i], -s);
  return sum;
}

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: got ${actual}, expected ${expected} ± ${tolerance}`);
}

describe('Zipf sums over a queue’s strided ranks', () => {
  it('stridedPowerSum matches direct sums, past the Euler–Maclaurin switch, for any queue', () => {
    for (const s of [0, 0.3, 0.8, 1, 1.2, 2, 3]) {
      for (const q of [1, 2, 7, 16, 64]) {
        const head = Math.max(headRows(s) * q, 32);
        for (const n of [1, 10, head, head + 1, head + 3 * q + 5, 50_000]) {
          for (const j of new Set([0, 1, q - 1].filter((x) => x < q))) {
            const expected = directStridedSum(n, s, q, j);
            const got = stridedPowerSum(n, s, q, j);
            assertClose(got, expected, 1e-9 * Math.max(expected, 1e-300), `Σ k^-${s}, n=${n}, q=${q}, j=${j}`);
          }
        }
      }
    }
  });

  it('harmonicNumber for huge n agrees with independent asymptotics', () => {
    for (const n of [1e6, 1e8, 1e12]) {
      assertClose(harmonicNumber(n, 1), Math.log(n) + 0.5772156649015329 + 1 / (2 * n) - 1 / (12 * n * n), 1e-11, `H(${n}, 1)`);
      // ζ(2) − 1/n + 1/(2n²): the tail of Σ k^(−2) beyond n.
      assertClose(harmonicNumber(n, 2), Math.PI ** 2 / 6 - 1 / n + 1 / (2 * n * n), 1e-12, `H(${n}, 2)`);
    }
    assert.equal(harmonicNumber(1e8, 0), 1e8);
  });

  it('rssShares: queue shares sum to 1, queue 0 is the heaviest under Zipf, a queue without flows has none', () => {
    const shares = rssShares(1000, 1, 4);
    assertClose(shares.reduce((a, b) => a + b, 0), 1, 1e-12, 'sum');
    for (let j = 1; j < 4; j++) assert.ok(shares[0] > shares[j], `queue 0 heavier than queue ${j}`);
    assert.deepEqual(Array.from(rssShares(1, 1, 4)), [1, 0, 0, 0]);
    assert.deepEqual(Array.from(rssShares(6, 0, 4)), [2 / 6, 2 / 6, 1 / 6, 1 / 6]);
  });
});

describe('Che solver', () => {
  it('uniform popularity gives exactly C/N, whatever N', () => {
    for (const [flows, entries] of [[100, 1], [5000, 64], [100_000, 4096], [1e8, 524288], [1e8, 9e7]]) {
      assertClose(steadyHitRate(one(flows, 0), entries), entries / flows, 1e-9, `N=${flows} C=${entries}`);
    }
  });

  it('flows that fit give a hit rate of exactly 1; no entries give 0', () => {
    assert.equal(steadyHitRate(one(4096, 1), 4096), 1);
    assert.equal(steadyHitRate([{ flows: 1000, zipf: 0.8, weight: 1 }, { flows: 3000, zipf: 0, weight: 2 }], 4096), 1);
    // A queue that sends nothing has no flows in the cache.
    assert.equal(steadyHitRate([{ flows: 1000, zipf: 0.8, weight: 1 }, { flows: 1e6, zipf: 0, weight: 0 }], 1024), 1);
    assert.equal(steadyHitRate(one(1000, 1), 0), 0);
    assert.ok(steadyHitRate(one(4097, 1), 4096) < 1);
    // 1 flow over 4 queues: the queue with the flow fits in any table.
    assert.equal(steadyHitRate(queuesOf(1, 1, 4, [0]), 4), 1);
  });

  const accuracyMixes: { name: string; mix: FlowMix[] }[] = [];
  for (const zipf of [0, 0.5, 0.8, 1, 1.2, 2, 3]) accuracyMixes.push({ name: `one queue, zipf ${zipf}`, mix: one(30_000, zipf) });
  accuracyMixes.push({ name: 'two vNICs', mix: [{ flows: 20_000, zipf: 1.2, weight: 3 }, { flows: 15_000, zipf: 0.5, weight: 1 }] });
  accuracyMixes.push({
    name: 'three vNICs',
    mix: [{ flows: 2000, zipf: 0.8, weight: 1 }, { flows: 20_000, zipf: 1, weight: 0.5 }, { flows: 10_000, zipf: 0, weight: 0.25 }],
  });
  for (const zipf of [0.5, 1, 2]) {
    accuracyMixes.push({ name: `queue 3 of 16, zipf ${zipf}`, mix: queuesOf(50_000, zipf, 16, [3]) });
    accuracyMixes.push({ name: `queues 0, 2 of 4, zipf ${zipf}`, mix: queuesOf(30_000, zipf, 4, [0, 2]) });
    accuracyMixes.push({
      name: `queues of three vNICs, zipf ${zipf}`,
      mix: [...queuesOf(40_000, zipf, 8, [0, 5], 2), ...queuesOf(9000, 1.1, 3, [2]), ...queuesOf(25_000, 0.7, 64, [1, 63], 3)],
    });
  }

  it('matches the brute-force per-flow sum within 1e-8 (relative), strided queues included', () => {
    for (const { name, mix } of accuracyMixes) {
      const flows = mix.reduce((sum, m) => sum + Math.ceil((m.flows - (m.offset ?? 0)) / (m.stride ?? 1)), 0);
      for (const ratio of [0.001, 0.01, 0.1, 0.5, 0.9]) {
        const entries = Math.max(1, Math.round(ratio * flows));
        const exact = steadyHitRateBruteForce(mix, entries);
        // The requirement is 1e-6; the solver does far better, so hold it to 1e-8.
        assertClose(steadyHitRate(mix, entries), exact, 1e-8 * exact, `${name}, C/N=${ratio}`);
      }
    }
  });

  it('matches the brute-force sum at 10^6 flows and for nearly uniform popularity', () => {
    const cases: [FlowMix[], number][] = [
      [[{ flows: 700_000, zipf: 0.8, weight: 2 }, { flows: 300_000, zipf: 1.2, weight: 1 }], 65536],
      [one(1_000_000, 0.5), 250_000],
      [[{ flows: 1e6, zipf: 1e-6, stride: 4, offset: 1, weight: 1 }, { flows: 3e5, zipf: 0.01, weight: 2 }], 1000],
    ];
    for (const [mix, entries] of cases) {
      const exact = steadyHitRateBruteForce(mix, entries);
      assertClose(steadyHitRate(mix, entries), exact, 1e-8 * exact, `${JSON.stringify(mix)}, C=${entries}`);
    }
  });

  it('matches the brute-force sum within 1e-8 for generated mixes: any exponent of the schema, strides, C/N', () => {
    // Exponents over the schema's whole 0…3 (not only the grid above): the continued fraction, the
    // series and the end corrections are set up per exponent.
    const source = fc.record({
      flows: fc.integer({ min: 1, max: 40_000 }),
      zipf: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(0, 0.5, 1, 1.25, 2, 3)),
      stride: fc.integer({ min: 1, max: 16 }),
      offsetFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
      weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 4 }), fc.double({ min: 0.001, max: 0.95, noNaN: true }), (sources, ratio) => {
        const mix: FlowMix[] = sources.map(({ flows, zipf, stride, offsetFraction, weight }) => ({ flows, zipf, stride, offset: Math.floor(offsetFraction * stride), weight }));
        const flows = mix.reduce((sum, m) => sum + Math.max(0, Math.ceil((m.flows - (m.offset ?? 0)) / (m.stride ?? 1))), 0);
        const entries = Math.max(1, Math.round(ratio * flows));
        const exact = steadyHitRateBruteForce(mix, entries);
        assertClose(steadyHitRate(mix, entries), exact, 1e-8 * exact, `${JSON.stringify(mix)}, C=${entries}`);
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('a figure does not depend on what was solved before, to the last digit (tables made on first use)', () => {
    const mix = (): FlowMix[] => [...queuesOf(30_000, 0.83, 4, [1]), ...queuesOf(12_000, 1.17, 3, [0, 2]), { flows: 5000, zipf: 0.61, weight: 2 }];
    clearSolverCache();
    const first = [steadyHitRate(mix(), 2048), steadyHitRate(mix(), 16384), entriesForHitRate(mix(), 0.9, 0.01)];
    // Other laws (other exponents and shapes) in between, then the same mix afresh.
    for (const zipf of [0.3, 0.7, 0.84, 1.01, 1.6, 2.4]) steadyHitRate([...queuesOf(20_000, zipf, 2, [1]), { flows: 9000, zipf: zipf / 2, weight: 1 }], 1024);
    assert.deepEqual([steadyHitRate(mix(), 2048), steadyHitRate(mix(), 16384), entriesForHitRate(mix(), 0.9, 0.01)], first);
  });

  it('a source’s vNIC law is read from the mix when it is that law, and ignored when it is another', () => {
    const mix = queuesOf(30000, 0.8, 4, [0, 2]);
    const alone = steadyHitRate(mix.map((m) => ({ ...m })), 4096);
    // The model passes each vNIC's law (zipf.ts queueSums) with its queues: the same figure to the last digit.
    assert.equal(steadyHitRate(mix.map((m) => ({ ...m, law: queueSums(30000, 0.8, 4) })), 4096), alone);
    // A law of other flows, skew or queues is not used (the figure is the one without it).
    for (const law of [queueSums(29999, 0.8, 4), queueSums(30000, 0.9, 4), queueSums(30000, 0.8, 2)]) {
      assert.equal(steadyHitRate(mix.map((m) => ({ ...m, law })), 4096), alone);
    }
  });

  it('a frozen mix is solved like any other (the set-up is kept beside it)', () => {
    const mix = queuesOf(30_000, 0.9, 4, [1, 2]);
    const frozen = Object.freeze(mix.map((m) => Object.freeze({ ...m })));
    assert.equal(steadyHitRate(frozen, 4096), steadyHitRate(mix.map((m) => ({ ...m })), 4096));
    assert.equal(steadyHitRate(frozen, 4096), steadyHitRate(frozen, 4096));
    assert.equal(entriesForHitRate(frozen, 0.9, 0), entriesForHitRate(mix.map((m) => ({ ...m })), 0.9, 0));
  });

  it('an lcore with all queues of a vNIC sees exactly that vNIC’s flows (the one-queue result, up to rounding)', () => {
    for (const zipf of [0, 0.7, 1, 1.3]) {
      for (const q of [2, 4, 8, 64]) {
        for (const flows of [5, 1000, 1e6]) {
          const all = queuesOf(flows, zipf, q, Array.from({ length: q }, (_, j) => j), 2e6);
          for (const entries of [4, 512, 65536]) {
            const whole = steadyHitRate(one(flows, zipf), entries);
            assertClose(steadyHitRate(all, entries), whole, 1e-10 * whole, `zipf ${zipf}, ${q} queues, ${flows} flows, C=${entries}`);
          }
        }
      }
    }
  });

  it('weights are shares: scaling them changes nothing, and two copies of a queue halve the cache', () => {
    const mix: FlowMix[] = [{ flows: 30_000, zipf: 0.9, weight: 1 }, ...queuesOf(5000, 0.3, 4, [1], 3)];
    const scaled = mix.map((m) => ({ ...m, weight: m.weight * 1000 }));
    assertClose(steadyHitRate(scaled, 2048), steadyHitRate(mix, 2048), 1e-12, 'scaled weights');
    // Two identical queues (of two identical vNICs) with equal shares: by symmetry each holds half the cache.
    const doubled = steadyHitRate([...queuesOf(1e7, 1, 4, [2]), ...queuesOf(1e7, 1, 4, [2])], 2 * 8192);
    assertClose(doubled, steadyHitRate(queuesOf(1e7, 1, 4, [2]), 8192), 1e-9, 'doubled queue');
  });

  it('more skew means more hits', () => {
    const rates = [0, 0.4, 0.8, 1, 1.2].map((zipf) => steadyHitRate(one(1e6, zipf), 8192));
    for (let i = 1; i < rates.length; i++) assert.ok(rates[i] > rates[i - 1], `zipf order ${rates.join(', ')}`);
  });

  it('cacheCurve covers 2^6..2^19 and rises to 1 once the flows fit', () => {
    const mix: FlowMix[] = [{ flows: 200_000, zipf: 1, weight: 1 }, { flows: 100_000, zipf: 0.6, weight: 1 }];
    const curve = cacheCurve(mix);
    assert.deepEqual(curve.map((p) => p.entries), Array.from({ length: 14 }, (_, i) => 2 ** (i + 6)));
    for (let i = 1; i < curve.length; i++) assert.ok(curve[i].hitRate >= curve[i - 1].hitRate);
    assert.equal(curve[curve.length - 1].hitRate, 1); // 300 000 flows ≤ 524 288 entries
    assert.ok(curve[0].hitRate > 0 && curve[0].hitRate < 0.5);
    // The same figure as a separate solve (a fresh mix: nothing shared).
    assertClose(curve[5].hitRate, steadyHitRate(mix.map((m) => ({ ...m })), 2048), 1e-12, 'curve at 2048');
  });

  it('roundFlowTableSize rounds up to a power of two within 4..524288', () => {
    const cases: [number, number][] = [[0, 4], [-3, 4], [NaN, 4], [3, 4], [4, 4], [5, 8], [1000, 1024], [1024, 1024], [1025, 2048], [524288, 524288], [600_000, 524288], [Infinity, 524288]];
    for (const [n, expected] of cases) assert.equal(roundFlowTableSize(n), expected, `roundFlowTableSize(${n})`);
  });

  it('entriesForHitRate returns the smallest power of two that reaches the target', () => {
    const mixes: FlowMix[][] = [
      [{ flows: 1e6, zipf: 0.9, weight: 2 }, { flows: 50_000, zipf: 1.1, weight: 1 }],
      [...queuesOf(3e6, 1.1, 8, [0, 3]), ...queuesOf(2e5, 0.6, 2, [1])],
    ];
    for (const mix of mixes) {
      for (const [target, churn] of [[0.5, 0], [0.8, 0.05], [0.9, 0.01], [0.1, 0], [0.97, 0]]) {
        // Independent answer: scan every size, each solved on a fresh copy of the mix.
        let expected: number | undefined;
        for (let size = 4; size <= 524288 && expected === undefined; size *= 2) {
          if (steadyHitRate(mix.map((m) => ({ ...m })), size) * (1 - churn) >= target) expected = size;
        }
        assert.equal(entriesForHitRate(mix, target, churn), expected, `target ${target}, churn ${churn}`);
      }
      assert.equal(entriesForHitRate(mix, 0.99, 0.02), undefined, 'churn alone caps the hit rate at 0.98');
    }
    assert.equal(entriesForHitRate(one(3, 1), 0.999, 0), 4, 'tiny mixes fit in the smallest table');
    assert.equal(entriesForHitRate(one(1e8, 0), 0.5, 0), undefined, '10^8 uniform flows never reach 50%');
    assert.equal(entriesForHitRate(one(5000, 1), 1, 0), 8192, 'every packet hits only when every flow fits');
  });
});

describe('LRU simulation (test support)', () => {
  it('ZipfSampler draws ranks with the Zipf probabilities', () => {
    const uniform = seededUniform(7);
    for (const s of [0, 0.7, 1, 1.5]) {
      const n = 20;
      const sampler = new ZipfSampler(n, s);
      const counts = new Array<number>(n + 1).fill(0);
      const draws = 200_000;
      for (let i = 0; i < draws; i++) counts[sampler.sample(uniform)]++;
      assert.equal(counts[0], 0);
      const h = directStridedSum(n, s, 1, 0);
      for (const k of [1, 2, 5, 20]) {
        const p = Math.pow(k, -s) / h;
        const sd = Math.sqrt((p * (1 - p)) / draws);
        assertClose(counts[k] / draws, p, 5 * sd, `P(rank ${k}) at s=${s}`);
      }
    }
  });

  it('matches exact small-cache LRU results (King’s formula)', () => {
    // One entry: LRU hits with probability Σ p_i².
    const p2 = [2 / 3, 1 / 3]; // zipf 1 over 2 flows
    const options = { packets: 400_000, warmup: 1000, seed: 3 };
    assertClose(simulateLru(one(2, 1), 1, options), p2[0] ** 2 + p2[1] ** 2, 0.005, 'LRU, C=1');
    // Two entries, three flows: state (i most recent, j next) has probability p_i·p_j/(1 − p_i).
    const h3 = 1 + 1 / 2 + 1 / 3;
    const p3 = [1, 1 / 2, 1 / 3].map((x) => x / h3);
    let exact = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) exact += ((p3[i] * p3[j]) / (1 - p3[i])) * (p3[i] + p3[j]);
    assertClose(simulateLru(one(3, 1), 2, options), exact, 0.005, 'LRU, C=2, N=3');
    // Queue 1 of 2 over 3 flows holds rank 2 alone: after its first packet it always hits.
    assertClose(simulateLru(queuesOf(3, 1, 2, [1]), 1, options), 1, 1e-12, 'one flow in the queue');
  });

  it('is deterministic for a seed', () => {
    const mix: FlowMix[] = [{ flows: 5000, zipf: 0.9, weight: 1 }, ...queuesOf(800, 0.2, 4, [0, 3])];
    const options = { packets: 50_000, warmup: 5000, seed: 42 };
    assert.equal(simulateLru(mix, 256, options), simulateLru(mix, 256, options));
    assert.notEqual(simulateLru(mix, 256, options), simulateLru(mix, 256, { ...options, seed: 43 }));
  });
});

describe("Che's approximation against the simulated LRU", () => {
  /** Packets enough for a sampling error of a few 1e-4 and a warm-up that fills the cache many times over. */
  const simulationOptions = (entries: number, seed: number) => ({ packets: 400_000, warmup: 100_000 + 10 * entries, seed });

  it('agrees within 0.01 over a zipf × cache/flow grid', () => {
    const flows = 50_000;
    let seed = 1;
    for (const zipf of [0, 0.4, 0.8, 1, 1.2]) {
      for (const ratio of [0.001, 0.01, 0.1, 0.5]) {
        const entries = Math.round(ratio * flows);
        const che = steadyHitRate(one(flows, zipf), entries);
        const simulated = simulateLru(one(flows, zipf), entries, simulationOptions(entries, seed++));
        assertClose(che, simulated, 0.01, `zipf ${zipf}, C/N ${ratio}`);
      }
    }
  });

  it('agrees within 0.01 for lcores serving queues of several vNICs', () => {
    const mixes: FlowMix[][] = [
      [{ flows: 40_000, zipf: 1.1, weight: 3 }, { flows: 10_000, zipf: 0.3, weight: 1 }],
      [...queuesOf(60_000, 1, 4, [0]), ...queuesOf(30_000, 0.9, 2, [1]), ...queuesOf(80_000, 1.2, 8, [3, 7])],
      [...queuesOf(25_000, 0.6, 4, [1, 2]), { flows: 500, zipf: 0.5, weight: 0.3 }],
    ];
    let seed = 100;
    for (const mix of mixes) {
      for (const entries of [64, 4096]) {
        const lru = simulateLru(mix, entries, simulationOptions(entries, seed++));
        assertClose(steadyHitRate(mix, entries), lru, 0.01, `${JSON.stringify(mix)} C=${entries}`);
      }
    }
  });

  it('agrees without tables (10^7 flows, rejection-inversion by queue)', () => {
    const mix: FlowMix[] = [...queuesOf(8e6, 1, 4, [1]), { flows: 2e6, zipf: 0.7, weight: 1 }];
    const simulated = simulateLru(mix, 4096, { packets: 400_000, warmup: 100_000, seed: 9 });
    assertClose(steadyHitRate(mix, 4096), simulated, 0.01, '10^7 flows');
  });
});
