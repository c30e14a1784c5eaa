#!/usr/bin/env node
// Where a thread was blocked: reads a .cpuprofile (V8 / Chrome DevTools format), finds every run
// of busy samples (not "(idle)") longer than a threshold, and prints for each its length and the
// functions that took most of it (self time and the outermost frames below the root), and how
// much of it ran under our own code (a frame of this checkout's dist/extension.js: our code and
// the VS Code API calls it made). Wall-clock samples: on a loaded machine a descheduled thread
// inflates them all, so each block also gives its running time: every sample counted for at most
// the sampling interval (the median gap between samples), as test/e2e/responsiveness.test.ts does.
//   node scripts/blocks.mjs <file.cpuprofile> [thresholdMs=30] [top=8]
import fs from 'node:fs';

const [file, thresholdArg = '30', topArg = '8'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/blocks.mjs <file.cpuprofile> [thresholdMs] [top]');
  process.exit(2);
}
const threshold = Number(thresholdArg) * 1000;
const top = Number(topArg);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const idle = (id) => ['(idle)', '(program)', '(garbage collector)'].includes(nodes.get(id).callFrame.functionName) && nodes.get(id).callFrame.functionName === '(idle)';
/** The stack of a sample, outermost first, without the root. */
const stack = (id) => {
  const s = [];
  for (let at = id; at !== undefined; at = parent.get(at)) s.push(nodes.get(at));
  return s.reverse().slice(1);
};

const { samples, timeDeltas } = profile;
const times = [];
let t = profile.startTime;
for (let i = 0; i < samples.length; i++) times.push((t += timeDeltas[i]));

/** The sampling interval (µs): the median gap between samples. */
const interval = [...timeDeltas].sort((a, b) => a - b)[timeDeltas.length >> 1];
const running = (i) => Math.min(timeDeltas[i + 1] ?? 0, interval);

const blocks = [];
let start = -1;
for (let i = 0; i <= samples.length; i++) {
  const busy = i < samples.length && !idle(samples[i]);
  if (busy && start < 0) start = i;
  if (!busy && start >= 0) {
    const us = times[i - 1] - times[start] + (timeDeltas[i] ?? 0);
    let run = 0;
    for (let k = start; k < i; k++) run += running(k);
    if (us >= threshold) blocks.push({ start, end: i, us, run });
    start = -1;
  }
}
const oursMemo = new Map();
/** A sample under our bundle's code. */
const ours = (id) => {
  // Built-in extensions' bundles have the same name, under .../extensions/<name>/dist/.
  if (!oursMemo.has(id)) oursMemo.set(id, stack(id).some((n) => /dist\/extension\.js$/.test(n.callFrame.url) && !/\/extensions\/[^/]+\/dist\//.test(n.callFrame.url)));
  return oursMemo.get(id);
};
let total = 0;
let ourTotal = 0;
let ourRun = 0;
let longestOurs = 0;
let totalRunning = 0;
let longestRunning = 0;
for (let i = 0, run = 0; i < samples.length; i++) {
  run = idle(samples[i]) ? 0 : run + running(i);
  if (!idle(samples[i])) totalRunning += running(i);
  longestRunning = Math.max(longestRunning, run);
}
for (let i = 1; i < samples.length; i++) {
  if (!idle(samples[i])) total += timeDeltas[i];
  if (ours(samples[i])) {
    ourTotal += timeDeltas[i];
    ourRun += timeDeltas[i];
    longestOurs = Math.max(longestOurs, ourRun);
  } else ourRun = 0;
}
console.log(`${file}: ${((times.at(-1) - times[0]) / 1e6).toFixed(1)} s profiled, ${(total / 1e3).toFixed(0)} ms busy, ${(ourTotal / 1e3).toFixed(0)} ms of it under our code (longest unbroken run ${(longestOurs / 1e3).toFixed(1)} ms), ${blocks.length} blocks ≥ ${thresholdArg} ms; in running time (samples capped at ${(interval / 1e3).toFixed(2)} ms) ${(totalRunning / 1e3).toFixed(0)} ms busy, longest busy stretch ${(longestRunning / 1e3).toFixed(1)} ms`);
for (const b of blocks.sort((x, y) => y.us - x.us)) {
  const self = new Map();
  const outer = new Map();
  let mine = 0;
  for (let i = b.start; i < b.end; i++) {
    const dt = timeDeltas[i + 1] ?? 0;
    if (ours(samples[i])) mine += dt;
    const s = stack(samples[i]);
    const leaf = name(s.at(-1));
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    // The first frames that are ours or VS Code's code (skip the event-loop plumbing).
    const key = s.slice(0, 6).map(name).join(' > ');
    outer.set(key, (outer.get(key) ?? 0) + dt);
  }
  const fmt = (m) => [...m].sort((x, y) => y[1] - x[1]).slice(0, top).map(([k, v]) => `      ${(v / 1e3).toFixed(1).padStart(7)} ms  ${k}`).join('\n');
  console.log(`\n  block of ${(b.us / 1e3).toFixed(1)} ms (${(b.run / 1e3).toFixed(1)} ms running) at +${((times[b.start] - times[0]) / 1e6).toFixed(2)} s, ${(mine / 1e3).toFixed(1)} ms under our code\n    self:\n${fmt(self)}\n    stacks:\n${fmt(outer)}`);
}
