// `edp-check --jobs` benchmark (`npm run bench`, issue 14: "many files use all cores, ≥ 1.6×
// faster than one core on 200 files on a 2-core machine; memory flat in the number of files").
// Generates realistic 50-host designs (bench/designs.ts, seeds 100…), then runs the built CLI
// (dist/edp-check.js) on them with --jobs 1, --jobs 1 pinned to one CPU (Linux, taskset), and
// --jobs 2 (and the CPU count when above 2), each a few times, interleaved; prints wall-clock,
// CPU time of all the process's threads (split on Linux into the main thread, the checking
// workers and V8's platform threads: a second checking isolate compiles the analysis again there)
// and peak RSS of the best run of each, and the speed-ups.
// Wall-clock is the point here, so it means something only on an otherwise idle machine.
// EDP_BENCH_JOBS_FILES (default 200) and EDP_BENCH_JOBS_RUNS (default 5) change the size: best
// of 5, as a shared machine's noise only ever adds time (a best of 2 moved by 10–20 % from one
// bench to the next in session 7; in session 13 one CPU-bound loop took 3.4–7.6 s on the same
// CPU of this VM, and a best of 3 missed the quiet runs of one case or another).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { realisticDesign } from './designs';

const FILES = Number(process.env.EDP_BENCH_JOBS_FILES ?? 200);
const RUNS = Number(process.env.EDP_BENCH_JOBS_RUNS ?? 5);
const HOSTS = 50;
const CLI = path.join(__dirname, '..', '..', 'dist', 'edp-check.js');

/**
 * Runs the CLI in a child process that reports its own resource usage when it exits (getrusage
 * of the whole process: every thread's CPU, exited workers' included) and, on Linux, the CPU of
 * the threads still alive then (/proc/self/task/TID/stat: utime + stime in clock ticks, 100 per
 * second): this thread, which checks files, and V8's platform threads (optimizing compiler, GC
 * helpers); the checking workers have exited by then, so theirs is the rest.
 */
const WRAPPER = `
const fs = require('node:fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  let mainMs = -1;
  let aliveMs = 0;
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      const stat = fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      aliveMs += ms;
      if (tid === String(process.pid)) mainMs = ms;
    }
  } catch {}
  fs.writeSync(3, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS, mainMs, aliveMs }));
});
require(process.argv[1]);
`;

interface Run {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  /** CPU of this thread, of the exited checking workers and of V8's platform threads; -1 where /proc is missing. */
  mainMs: number;
  workersMs: number;
  backgroundMs: number;
}

function runCli(args: string[], pinned: boolean): Run {
  const command = pinned ? 'taskset' : process.execPath;
  const argv = [...(pinned ? ['-c', '0', process.execPath] : []), '-e', WRAPPER, '--', CLI, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`edp-check ${args.join(' ')} exited with ${r.status}: ${String(r.stderr)}`);
  const usage = JSON.parse(String(r.output[3])) as { cpuMs: number; maxRssKb: number; mainMs: number; aliveMs: number };
  const threads = usage.mainMs < 0 ? { mainMs: -1, workersMs: -1, backgroundMs: -1 } : { mainMs: usage.mainMs, workersMs: Math.max(0, usage.cpuMs - usage.aliveMs), backgroundMs: usage.aliveMs - usage.mainMs };
  return { wallMs, cpuMs: usage.cpuMs, maxRssMb: usage.maxRssKb / 1024, ...threads };
}

function canPin(): boolean {
  return process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

function main(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-bench-jobs-'));
  try {
    let bytes = 0;
    for (let i = 0; i < FILES; i++) {
      const text = realisticDesign({ hosts: HOSTS, seed: 100 + i });
      bytes += text.length;
      fs.writeFileSync(path.join(dir, `f${100 + i}.edp.json`), text);
    }
    const cpus = os.availableParallelism?.() ?? os.cpus().length;
    const cases: { label: string; args: string[]; pinned: boolean }[] = [
      { label: '--jobs 1', args: ['--jobs', '1', dir], pinned: false },
      ...(canPin() ? [{ label: '--jobs 1, one CPU (taskset -c 0)', args: ['--jobs', '1', dir], pinned: true }] : []),
      { label: '--jobs 2', args: ['--jobs', '2', dir], pinned: false },
      ...(cpus > 2 ? [{ label: `--jobs ${cpus}`, args: ['--jobs', String(cpus), dir], pinned: false }] : []),
      { label: 'default (no --jobs)', args: [dir], pinned: false },
    ];
    const best = new Map<string, Run>();
    for (let run = 0; run < RUNS; run++) {
      for (const c of cases) {
        const r = runCli(c.args, c.pinned);
        const prev = best.get(c.label);
        if (!prev || r.wallMs < prev.wallMs) best.set(c.label, r);
      }
    }
    console.log(`\nedp-check on ${FILES} realistic ${HOSTS}-host files (${(bytes / 1e6).toFixed(0)} MB), ${cpus} CPUs, load average ${os.loadavg()[0].toFixed(1)}; best wall of ${RUNS} runs each (meaningful only on an idle machine):`);
    const one = best.get('--jobs 1')!;
    const pinned = best.get('--jobs 1, one CPU (taskset -c 0)');
    const rows = [['run', 'wall s', 'CPU s', 'main / workers / V8 bg', 'max RSS MB', '--jobs 1 wall / this', 'one CPU wall / this']];
    const seconds = (ms: number) => (ms < 0 ? '–' : (ms / 1000).toFixed(2));
    for (const c of cases) {
      const r = best.get(c.label)!;
      const threads = `${seconds(r.mainMs)} / ${seconds(r.workersMs)} / ${seconds(r.backgroundMs)}`;
      rows.push([c.label, (r.wallMs / 1000).toFixed(2), (r.cpuMs / 1000).toFixed(2), threads, r.maxRssMb.toFixed(0), (one.wallMs / r.wallMs).toFixed(2), pinned ? (pinned.wallMs / r.wallMs).toFixed(2) : '–']);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
    const two = best.get('--jobs 2')!;
    // Issue 14: "≥ 1.6× faster than one core". The run pinned to one CPU is that core; --jobs 1 is
    // printed beside it, but it is not one core: V8 compiles and collects on the idle second core
    // for it (its CPU exceeds its wall), so 2 / (its CPU / its wall) bounds --jobs 2 against it.
    const against = (r: Run) => (r.wallMs / two.wallMs).toFixed(2);
    const target = `one CPU wall / --jobs 2 wall ≥ 1.6 → ${pinned ? against(pinned) : '– (no taskset here)'}`;
    const bound = (2 * one.wallMs / one.cpuMs).toFixed(2);
    console.log(`issue 14 target: ${target}; --jobs 1 wall / --jobs 2 wall → ${against(one)} (bounded by ${bound} on 2 CPUs); CPU of --jobs 2 / --jobs 1 = ${(two.cpuMs / one.cpuMs).toFixed(2)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
