// Flow-cache solver benchmark: `npx tsc -p . && node out/bench/flowcache.bench.js`.
// Reports ratios against baselines measured in the same run, not absolute thresholds:
// the solver's cost must not grow with the flow count (10^8 ≈ 10^4), and one solve must
// stay within a small multiple of parsing (JSONC) a typical topology file.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheCurve, entriesForHitRate, steadyHitRate, steadyHitRateBruteForce, type FlowMix } from '../src/core/model/flowcache';
import { simulateLru } from '../src/core/model/lruSimulation';
import { parseDocument } from '../src/core/parse';
import { cpuMs, formatMs as fmt, timePerCall } from './timing';

function topologyText(): string {
  const file = join(__dirname, '..', '..', 'examples', 'rack-a.edp.json');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  // Fallback of about the same size, so the baseline still means something.
  return JSON.stringify({ version: 1, hosts: Array.from({ length: 4 }, (_, i) => ({ name: `esx-${i}`, nics: [{ name: 'vmnic0', speedGbps: 25 }] })) });
}

const rows: { case: string; ms: number; note?: string }[] = [];

const text = topologyText();
const parseMs = timePerCall(() => parseDocument(text));
rows.push({ case: `baseline: parseDocument (JSONC) of examples/rack-a.edp.json, ${text.length} chars`, ms: parseMs });

const entries = 65536;
const single = (flows: number): FlowMix[] => [{ flows, zipf: 0.9, weight: 1 }];
const bruteMs = timePerCall(() => steadyHitRateBruteForce(single(1e5), entries));
rows.push({ case: 'baseline: brute-force exact sum, N=10^5, C=65536', ms: bruteMs });

const solveMs = new Map<number, number>();
for (const flows of [1e4, 1e5, 1e6, 1e7, 1e8]) {
  const c = Math.min(entries, flows / 2);
  const ms = timePerCall(() => steadyHitRate(single(flows), c));
  solveMs.set(flows, ms);
  rows.push({ case: `steadyHitRate LRU, zipf 0.9, N=10^${Math.log10(flows)}, C=${c}`, ms });
}
const mix4: FlowMix[] = [
  { flows: 5e7, zipf: 1.1, weight: 4 },
  { flows: 3e7, zipf: 0.8, weight: 2 },
  { flows: 1.5e7, zipf: 0.5, weight: 1 },
  { flows: 5e6, zipf: 0, weight: 1 },
];
const mixMs = timePerCall(() => steadyHitRate(mix4, entries));
rows.push({ case: 'steadyHitRate LRU, 4 queues, N=10^8 in all, C=65536', ms: mixMs });
rows.push({ case: 'steadyHitRate random, same 4 queues', ms: timePerCall(() => steadyHitRate(mix4, entries, 'random')) });
rows.push({ case: 'cacheCurve (14 sizes), same 4 queues', ms: timePerCall(() => cacheCurve(mix4)) });
rows.push({ case: 'entriesForHitRate(0.8, churn 0.02), same 4 queues', ms: timePerCall(() => entriesForHitRate(mix4, 0.8, 0.02)) });

// Simulation: cost per packet and agreement with the closed form.
const simMix: FlowMix[] = [{ flows: 200_000, zipf: 1, weight: 2 }, { flows: 50_000, zipf: 0.6, weight: 1 }];
const packets = 2_000_000;
const simStart = cpuMs();
const simulated = simulateLru(simMix, 8192, { packets, warmup: 200_000, seed: 1 });
const simMs = cpuMs() - simStart;
const che = steadyHitRate(simMix, 8192);
rows.push({
  case: 'simulateLru, 2 queues (2.5·10^5 flows), C=8192, 2.2·10^6 packets',
  ms: simMs,
  note: `${((simMs * 1e6) / (packets + 200_000)).toFixed(0)} ns/packet; sim ${simulated.toFixed(4)} vs Che ${che.toFixed(4)}`,
});
const bigMix: FlowMix[] = [{ flows: 1e8, zipf: 1, weight: 1 }];
const bigStart = cpuMs();
const bigSimulated = simulateLru(bigMix, 65536, { packets: 1_000_000, warmup: 1_000_000, seed: 2 });
const bigMs = cpuMs() - bigStart;
rows.push({
  case: 'simulateLru, 10^8 flows (rejection-inversion, no tables), C=65536, 2·10^6 packets',
  ms: bigMs,
  note: `${((bigMs * 1e6) / 2e6).toFixed(0)} ns/packet; sim ${bigSimulated.toFixed(4)} vs Che ${steadyHitRate(bigMix, 65536).toFixed(4)}`,
});

const width = Math.max(...rows.map((r) => r.case.length));
console.log(`${'case'.padEnd(width)}  ${'CPU ms'.padStart(9)}  note`);
for (const r of rows) console.log(`${r.case.padEnd(width)}  ${fmt(r.ms).padStart(9)}  ${r.note ?? ''}`);
const at = (n: number) => solveMs.get(n) ?? NaN;
console.log('');
console.log(`ratio steadyHitRate N=10^8 / N=10^4:        ${(at(1e8) / at(1e4)).toFixed(2)}`);
console.log(`ratio steadyHitRate N=10^8 / parseDocument: ${(at(1e8) / parseMs).toFixed(1)}`);
console.log(`ratio brute force N=10^5 / fast N=10^8:     ${(bruteMs / at(1e8)).toFixed(0)}`);
console.log(`ratio 4 queues N=10^8 / 1 queue N=10^8:     ${(mixMs / at(1e8)).toFixed(2)}`);
