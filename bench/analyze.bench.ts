// Analysis benchmark: `npm run bench`. What analysis costs, as ratios against baselines measured
// in the same run on the same text: JSON.parse of the comment-stripped text (the floor for
// reading the file at all) and vscode-json-languageservice validating the same document against
// the same schema (what VS Code's own JSON support spends on it). Prints every row of issue 14's
// table on designs from bench/designs.ts (seeded: the same text on every machine). Benchmarks
// fail nothing: they print.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { stripComments } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { analyze, createAnalyzer, type Analysis } from '../src/core';
import { switchLensText } from '../src/extension/figures';
import { findingSlices, parseSlice } from '../src/extension/shownFindings';
import { clearSolverCache, steadyHitRate, type FlowMix } from '../src/core/model/flowcache';
import { clearZipfCache } from '../src/core/model/zipf';
import { checkClusters } from '../src/core/rules/cluster';
import type { Topology } from '../src/core/topology';
import { cleanDesign, crowdedDesign, realisticDesign } from './designs';
import { cpuMs, formatMs, timePerCall } from './timing';

const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'topology.schema.json'), 'utf8'));
const service = getLanguageService({ schemaRequestService: () => Promise.resolve(JSON.stringify(schema)) });
service.configure({ validate: true, allowComments: true, schemas: [{ uri: 'file:///topology.schema.json', fileMatch: ['*.edp.json'], schema }] });

const parseMsOf = (text: string) => {
  const plain = stripComments(text);
  return timePerCall(() => JSON.parse(plain));
};

/**
 * Median CPU time of `n` single calls: for calls too long to batch. The solver's set-up per
 * vNIC law and the Zipf normalisers are forgotten before each (outside the timing), so each
 * call costs what a first analysis of the file costs, not what meeting its laws again does.
 */
function medianOf(n: number, run: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    clearSolverCache();
    clearZipfCache();
    const start = cpuMs();
    run();
    samples.push(cpuMs() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(n / 2)];
}

/**
 * The realistic row, sample by sample: this machine's speed drifts by tens of percent from one
 * minute to the next (a JSON.parse baseline timed once read 3.8–8 ms between runs of the bench),
 * so each cold analysis (solver caches cleared) is set against JSON.parse (a mean of 6 calls, 3
 * before it and 3 after) and json-languageservice of the same text timed right beside it, and the
 * row reports the medians of those ratios (and of the times).
 */
async function besideBaselines(samples: number, text: string): Promise<{ ms: number; parseMs: number; lsMs: number; parseRatio: number; parseQuartiles: [number, number]; lsRatio: number; findings: number; samples: number }> {
  const plain = stripComments(text);
  const doc = TextDocument.create('file:///realistic.edp.json', 'jsonc', 1, text);
  const validate = () => service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' });
  // The baselines' own JIT warm-up, outside the samples.
  for (let i = 0; i < 5; i++) JSON.parse(plain);
  for (let i = 0; i < 3; i++) await validate();
  const ms: number[] = [], parse: number[] = [], ls: number[] = [], parseRatio: number[] = [], lsRatio: number[] = [];
  let findings = 0;
  for (let i = 0; i < samples; i++) {
    // JSON.parse three times before the analysis and three times after: the machine's speed drifts
    // within seconds (the same analysis read 26–50 ms CPU in one loop), and a baseline on both sides
    // pairs with the analysis better than one before it.
    let start = cpuMs();
    for (let k = 0; k < 3; k++) JSON.parse(plain);
    const before = cpuMs() - start;
    clearSolverCache();
    clearZipfCache();
    start = cpuMs();
    findings = analyze(text).findings.length;
    const a = cpuMs() - start;
    start = cpuMs();
    for (let k = 0; k < 3; k++) JSON.parse(plain);
    const p = (before + cpuMs() - start) / 6;
    start = cpuMs();
    await validate();
    const l = cpuMs() - start;
    ms.push(a); parse.push(p); ls.push(l); parseRatio.push(a / p); lsRatio.push(a / l);
  }
  const quantile = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * p)];
  const median = (xs: number[]) => quantile(xs, 0.5);
  // The middle half of the per-sample ratios: how far from the target line the median is, in this run's noise.
  const parseQuartiles: [number, number] = [quantile(parseRatio, 0.25), quantile(parseRatio, 0.75)];
  return { ms: median(ms), parseMs: median(parse), lsMs: median(ls), parseRatio: median(parseRatio), parseQuartiles, lsRatio: median(lsRatio), findings, samples };
}

/**
 * Analyses of other designs of the same kind (cold solver caches each time) until V8 has compiled
 * the analysis: 30 analyses of 10 designs. Session 8 counted with --trace-opt: after 5 analyses of
 * one design TurboFan still compiled 16–19 functions during the measured samples (checkHost,
 * modelHost, lowHitRate, validators: 300–550 ms of compiler time across 7 samples), after 20–30
 * only 2–5 small ones. Returns the CPU time of each warm-up analysis (the JIT's own curve).
 */
function warmUp(texts: readonly string[], analyses: number): number[] {
  const ms: number[] = [];
  for (let i = 0; i < analyses; i++) {
    clearSolverCache();
    clearZipfCache();
    const start = cpuMs();
    analyze(texts[i % texts.length]);
    ms.push(cpuMs() - start);
  }
  return ms;
}

/**
 * Wall-clock time of the first analysis of `text` in a fresh Node process (nothing compiled
 * yet), against JSON.parse there: what a just-started worker or `edp-check` on one file pays.
 */
function firstAnalysisMs(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'edp-first-'));
  try {
    const file = join(dir, 'design.edp.json');
    writeFileSync(file, text);
    const script = `const { analyze } = require(${JSON.stringify(join(__dirname, '..', 'src', 'core'))});
const text = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8');
const plain = require('jsonc-parser').stripComments(text);
let t = performance.now(); JSON.parse(plain); const parse = performance.now() - t;
t = performance.now(); analyze(text); const first = performance.now() - t;
process.stdout.write(JSON.stringify({ parse, first }));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) return `not measured (${(r.stderr || '').trim().split('\n').pop()})`;
    const { parse, first } = JSON.parse(r.stdout) as { parse: number; first: number };
    return `${formatMs(first)} ms (${ratio(first, parse)} JSON.parse in that process)`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time of each re-analysis after a one-digit edit of a vNIC's pps (typing, one edit after the other). */
function reanalysisMs(text: string, edits: number): number[] {
  const analyzer = createAnalyzer();
  analyzer.analyze(text);
  const pps = [...text.matchAll(/"pps": (\d+)/g)];
  const times: number[] = [];
  let current = text;
  for (let k = 0; k < edits; k++) {
    const m = pps[(k * 7919) % pps.length];
    const at = m.index + m[0].length - 4; // the thousands digit
    const digit = (current.charCodeAt(at) - 48 + 1 + (k % 9)) % 10;
    // A flat string, as VS Code's getText() hands it over.
    current = (' ' + current.slice(0, at) + String(digit) + current.slice(at + 1)).slice(1);
    current.charCodeAt(0);
    const start = cpuMs();
    analyzer.analyze(current);
    times.push(cpuMs() - start);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;
const mb = (text: string) => `${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`;

function examples(): void {
  const rows: string[][] = [['file', 'chars', 'JSON.parse ms', 'analyze ms', 'analyze / JSON.parse']];
  for (const name of ['rack-a.edp.json', 'mistakes.edp.json', 'large-cluster.edp.json']) {
    const text = readFileSync(join(root, 'examples', name), 'utf8');
    const parseMs = parseMsOf(text);
    const analyzeMs = timePerCall(() => analyze(text));
    rows.push([name, String(text.length), formatMs(parseMs), formatMs(analyzeMs), ratio(analyzeMs, parseMs)]);
  }
  printTable(rows);
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

/** The .vsix `vsce package` builds (production bundles), or why it could not. */
function vsixSize(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edp-vsix-'));
  try {
    const out = join(dir, 'edp-designer.vsix');
    const r = spawnSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '-o', out], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) return `not measured (vsce package failed: ${(r.stderr || r.stdout).trim().split('\n').pop()})`;
    return `${(statSync(out).size / 1024).toFixed(1)} KB`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log('Examples (analyze as the editor runs it):');
  examples();

  console.log('\nIssue 14 (designs from bench/designs.ts; CPU time, ratios measured in this run on the same text):');
  const rows: string[][] = [['work', 'measured', 'target'], ['---', '---', '---']];

  const realistic = realisticDesign({ hosts: 100 });
  const first = firstAnalysisMs(realistic);
  // V8 compiles the analysis once per process: a long-lived process (the editor's analysis
  // worker, edp-check on many files) has compiled it on other designs before it meets this one.
  // So warm up on designs of the same kind but other seeds, then measure this one with cold
  // solver caches; the first analysis in a fresh process, and the warm-up's own analyses, are
  // reported beside it.
  const warm = warmUp(Array.from({ length: 10 }, (_, k) => realisticDesign({ hosts: 100, seed: 99 - k })), 30);
  // 41 samples: one sample's ratio ranges over 7–12× on this 2-CPU machine (a scavenge falls in
  // some baselines and not in others, and the machine's speed drifts), so a median of 7 moved by
  // ±1 from one bench to the next (session 10) and one of 15 by about as much (8.9–11.2×, session
  // 11); 41 take about 7 s.
  const r = await besideBaselines(41, realistic);
  rows.push([
    `analyze, realistic 100 hosts (${mb(realistic)}, ${r.findings} findings)`,
    `${r.parseRatio.toFixed(1)}× JSON.parse, ${r.lsRatio.toFixed(2)}× json-languageservice (${formatMs(r.ms)} ms; JSON.parse ${formatMs(r.parseMs)} ms, json-ls ${formatMs(r.lsMs)} ms; medians of ${r.samples} samples, each timed beside its baselines; the middle half of the samples ${r.parseQuartiles[0].toFixed(1)}–${r.parseQuartiles[1].toFixed(1)}× JSON.parse); ` +
      `the first analysis in a fresh process (JIT warm-up, wall clock) ${first}; in this process the warm-up's analyses of 10 other realistic designs took ${[1, 2, 5, 10, 20, 30].map((n) => `${formatMs(warm[n - 1])} ms (${n === 1 ? '1st' : n === 2 ? '2nd' : `${n}th`})`).join(', ')} CPU`,
    '≤ 10× JSON.parse, ≤ 0.5× json-ls',
  ]);

  const clean = cleanDesign({ hosts: 1000 });
  const cleanParse = parseMsOf(clean);
  const cleanMs = medianOf(3, () => analyze(clean));
  rows.push([`analyze, clean 1000 hosts (${mb(clean)})`, `${ratio(cleanMs, cleanParse)} JSON.parse (${formatMs(cleanMs)} ms; JSON.parse ${formatMs(cleanParse)} ms)`, '≤ 5× JSON.parse']);

  const edits = reanalysisMs(realistic, 60);
  rows.push([
    're-analysis after a one-digit pps edit, 100 hosts (createAnalyzer)',
    `p95 ${ratio(quantile(edits, 0.95), r.parseMs)}, p50 ${ratio(quantile(edits, 0.5), r.parseMs)} JSON.parse (p95 ${formatMs(quantile(edits, 0.95))} ms, p50 ${formatMs(quantile(edits, 0.5))} ms)`,
    'p95 ≤ 5× JSON.parse',
  ]);

  // (After the re-analysis row, whose p95 a larger heap would disturb.)
  // Issue 11's claim "any 2 MB file analyzes in < 2 s", on its pathological kind: every lcore
  // serves ~27 vNICs' queues (16 per vNIC) whose flows do not fit. With the report's cache
  // curves (what the CLI's JSON output and the report panel read) and without.
  const crowded = crowdedDesign({ hosts: 60 });
  const crowdedParse = parseMsOf(crowded);
  let crowdedFindings = 0;
  const crowdedMs = medianOf(3, () => (crowdedFindings = analyze(crowded).findings.length));
  const curvesMs = medianOf(3, () => {
    for (const h of analyze(crowded).model?.hosts ?? []) for (const s of h.switches) void s.cacheCurve;
  });
  rows.push([
    `analyze, crowded 60 hosts (${mb(crowded)}, 16-queue vNICs, ${crowdedFindings} findings)`,
    `${ratio(crowdedMs, crowdedParse)} JSON.parse (${formatMs(crowdedMs)} ms; JSON.parse ${formatMs(crowdedParse)} ms); with every cache curve ${ratio(curvesMs, crowdedParse)} (${formatMs(curvesMs)} ms)`,
    '< 2 s for any 2 MB file (issue 11)',
  ]);

  // One lcore serving 16 queues whose flow counts span 10^4..10^8, with mixed skew.
  const mix: FlowMix[] = Array.from({ length: 16 }, (_, q) => ({ flows: Math.round(10 ** (4 + (4 * q) / 15)), zipf: 0.6 + (q % 5) * 0.15, weight: 1 + (q % 3) }));
  // Fresh objects per call: the solver keeps its work per flow mix (a re-analysis reuses it).
  const solveMs = timePerCall(() => steadyHitRate(mix.map((q) => ({ ...q })), 8192));
  rows.push(['Che solve, one lcore with 16 queues of 10^4–10^8 flows (also in the flow-cache bench below)', `${(solveMs * 1000).toFixed(0)} µs`, '≤ 50 µs']);

  // Each host's first VM on the remote NUMA node: a finding per host, as in the e2e test's design.
  const huge = cleanDesign({ hosts: 2000, vmsPerHost: 8, clusterSize: 2000, remoteVms: true });
  const hugeParse = parseMsOf(huge);
  let hugeAnalysis: Analysis | undefined;
  const hugeMs = medianOf(1, () => (hugeAnalysis = analyze(huge)));
  const hugeEdits = reanalysisMs(huge, 20);
  // What crosses from the worker to the extension host per analysis: the findings shown (the
  // editor's default edpDesigner.maxProblems, 1000) as one JSON string per slice, which the host
  // parses one slice per turn when it sets it (shownFindings.ts), and a CodeLens line per switch
  // (structured clone). The model stays there.
  const shownFindings = hugeAnalysis!.findings.slice(0, 1000);
  const slices = findingSlices(shownFindings);
  const largest = slices.reduce((a, b) => (b.length > a.length ? b : a));
  const sliceMs = timePerCall(() => parseSlice(largest));
  const lenses = hugeAnalysis!.model!.hosts.flatMap((h, host) => h.switches.map((sw, s) => ({ host, switch: s, position: { line: host * 100, character: 8 }, title: switchLensText(sw) })));
  const lensBytes = serialize(lenses);
  const lensMs = timePerCall(() => deserialize(lensBytes));
  const size = (b: Buffer) => `${(b.length / 1e6).toFixed(1)} MB`;
  rows.push([
    `extension host blocked, 2000 hosts (${mb(huge)}, one cluster, ${hugeAnalysis!.findings.length} findings): analysis runs in a worker`,
    `worker: analyze ${formatMs(hugeMs)} ms (${ratio(hugeMs, hugeParse)} JSON.parse), re-analysis p95 ${formatMs(quantile(hugeEdits, 0.95))} ms; ` +
      `extension host, receiving: ${shownFindings.length} findings in ${slices.length} JSON slices, the largest (${(largest.length / 1e3).toFixed(0)} K chars) parsed in ${formatMs(sliceMs)} ms; ${lenses.length} CodeLens lines by structured clone ${formatMs(lensMs)} ms (${size(lensBytes)}); the model stays in the worker`,
    '≤ 50 ms at a time (measured in e2e with monitorEventLoopDelay)',
  ]);

  // Issue 11 item 7: any ~2 MB schema-valid design analyzes, cache curves included, in under 2 s.
  // A seed of its own and an empty solver cache: nothing of the rows above is reused.
  const twoMb = realisticDesign({ hosts: 170, seed: 117 });
  clearSolverCache();
  const twoMbMs = medianOf(1, () => {
    const model = analyze(twoMb).model!;
    // Each switch's curve is computed on first read (the report and v8.serialize read them all).
    for (const h of model.hosts) for (const sw of h.switches) void sw.cacheCurve.length;
  });
  rows.push([`analyze with every switch's cache curve, realistic 170 hosts (${mb(twoMb)}), cold solver cache`, `${formatMs(twoMbMs)} ms`, '< 2000 ms']);

  const oneCluster = JSON.parse(stripComments(huge)) as Topology;
  const clusterMs = timePerCall(() => checkClusters(oneCluster));
  rows.push(['cluster rules, one cluster of 2000 hosts', `${formatMs(clusterMs)} ms (${ratio(clusterMs, hugeParse)} JSON.parse of the file)`, 'linear (was 1.4 s)']);

  rows.push(['packaged vsix (vsce package --no-dependencies)', vsixSize(), '≤ 250 KB']);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
