// Issue 14: the extension host's thread, shared by every extension, is never blocked by our
// analysis for more than 50 ms at a time, even on a 2000-host design (~7 MB) edited while open.
// Measured in the extension host itself: perf_hooks.monitorEventLoopDelay for the thread as a
// whole (wall-clock: compared only on a quiet machine), and a CPU profile of the thread in running
// time (asserted): the longest stretch of samples running our bundle's code, VS Code API calls it
// makes included; the stretches that hold some of it; and the whole thread's longest busy stretch
// against the same edits of plain text (garbage collections logged apart). What VS Code does on that
// thread for such a file regardless of us is left out: its own load of the document is measured
// apart and the built-in features listed below are turned off. docs/PERFORMANCE.md has the measurements.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from 'node:inspector';
import { constants, type IntervalHistogram, monitorEventLoopDelay, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { cleanDesign } from '../../bench/designs';
import { EXTENSION_ID, hasRule, lacksRule, revertAndClose, waitForDiagnostics, workspaceUri } from './helpers';

const MAX_BLOCK_MS = 50;
/** The histogram's sampling timer: fine enough to see a 50 ms block, cheap enough not to be one. */
const RESOLUTION_MS = 10;
const ANALYSIS_TIMEOUT_MS = 180_000;
/** How long the idle extension host is watched first, to know whether this machine can measure at all. */
const IDLE_BASELINE_MS = 3000;
/** After the last edit each window stays open this long: what follows an analysis belongs to it. */
const SETTLE_MS = 1000;
/** Turns of ours and the baseline, alternating. */
const TURNS = 2;
/** How much longer than the baseline the thread may be busy or wait at once with our extension. */
const BASELINE_MARGIN_MS = 20;
/** A machine quiet enough to compare wall-clock waits: load average per CPU below this, and the idle host's wait. */
const QUIET_LOAD = 0.75;
const QUIET_IDLE_MS = 15;

/**
 * Built-in features that do their own work on the extension host thread (measured with CPU
 * profiles of this test, EDP_E2E_CPU_PROFILE): for every change of a 7 MB document VS Code's link
 * detection (1–2.5 s per request), the JSON extension converting its outline and merge-conflict
 * scanning the text; when the file opens, the git extension spawning git to find its repository
 * (~100 ms); and, every few seconds, the port forwarding's scan of the processes' open ports
 * (0.1–0.25 s reading /proc). They are not ours to measure, so the test turns them off, as a user
 * with such a file could.
 */
const OTHER_EXTENSIONS_OFF: Record<string, unknown> = {
  'editor.links': false,
  'json.maxItemsComputed': 0,
  'merge-conflict.decorators.enabled': false,
  'merge-conflict.codeLens.enabled': false,
  'git.enabled': false,
  'remote.autoForwardPorts': false,
  // code-server has a tunnel provider: the process scan stops only with this.
  'remote.autoForwardPortsSource': 'output',
};

/** The profiler's sampling interval (µs). */
const SAMPLING_INTERVAL_US = 500;

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  /** µs, V8's clock. */
  startTime: number;
  /** performance.now() when the profiler started (set by `profiled`). */
  startedAt: number;
}

/**
 * Runs `run` under the V8 CPU profiler of this thread (the extension host's) and returns the
 * profile. Starting and stopping the profiler take the thread for a while: `run` measures between
 * them. EDP_E2E_CPU_PROFILE=<file.cpuprofile> keeps it (Chrome DevTools, scripts/blocks.mjs).
 */
async function profiled(run: (collectGarbage: () => Promise<void>) => Promise<void>): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('HeapProfiler.enable');
  await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await post('Profiler.start');
  // EDP_E2E_HEAP_PROFILE=<file.heapprofile>: where the thread's allocations come from (sampled, collected ones included).
  const heap = process.env.EDP_E2E_HEAP_PROFILE;
  if (heap) await post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const startedAt = performance.now();
  let profile: CpuProfile;
  try {
    // A full collection before each window (HeapProfiler.collectGarbage): no window inherits the
    // garbage of the one before it, or the collection that starting the profiler sets off.
    await run(async () => void (await post('HeapProfiler.collectGarbage')));
  } finally {
    ({ profile } = (await post('Profiler.stop')) as { profile: CpuProfile });
    if (heap) writeFileSync(heap, JSON.stringify(((await post('HeapProfiler.stopSampling')) as { profile: unknown }).profile));
    profile.startedAt = startedAt;
    if (process.env.EDP_E2E_CPU_PROFILE) writeFileSync(process.env.EDP_E2E_CPU_PROFILE, JSON.stringify(profile));
    session.disconnect();
  }
  return profile;
}

/**
 * The script URL of our bundle in the profile: dist/extension.js of this extension (built-in
 * extensions' bundles have the same name, under .../extensions/<name>/dist/).
 */
function ourScript(profile: CpuProfile, extensionPath: string): string | undefined {
  const urls = new Set(profile.nodes.map((n) => n.callFrame.url).filter((u) => u.endsWith('/dist/extension.js')));
  const exact = pathToFileURL(join(extensionPath, 'dist', 'extension.js')).href;
  return urls.has(exact) ? exact : [...urls].find((u) => !/\/extensions\/[^/]+\/dist\//.test(u));
}

/**
 * The test's own code (this folder's compiled files): its work in the windows (checking the
 * diagnostics after every change, making the edits) is neither ours nor VS Code's, so it counts
 * as idle. With heap sampling on, its check of 1000 diagnostics once took 44 ms at once.
 */
const TEST_CODE = pathToFileURL(__dirname).href + '/';
const isTestCode = (url: string) => url.startsWith(TEST_CODE);

/**
 * The zlib stream of VS Code's remote protocol (code-server, Remote-SSH: the extension host's
 * websocket frames go through deflate): node's `processCallback`, in a turn of its own after an idle
 * stretch, holding the thread in zlib's native `write` (69–157 ms at once in some windows, most often
 * the one that publishes the first 1000 diagnostics). Logged per window (in all, and its longest
 * stretch); a turn of its own, so not in the turns that run our code.
 */
const isRemoteCompression = (url: string, functionName: string) => url === 'node:zlib' && functionName === 'processCallback';

/** Each profile node's parent (the root has none). */
function parentsOf(profile: CpuProfile): Map<number, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return parent;
}

/** The ids of the profile's nodes for one of V8's pseudo-frames: "(idle)", "(garbage collector)", "(program)", "(root)". */
function framesNamed(profile: CpuProfile, name: string): Set<number> {
  return new Set(profile.nodes.filter((n) => n.callFrame.functionName === name).map((n) => n.id));
}

/** Whether a profile node has a frame of `script` (or a frame `script` matches) on its stack. */
function underScript(profile: CpuProfile, script: string | ((url: string, functionName: string) => boolean)): (id: number) => boolean {
  const matches = typeof script === 'string' ? (url: string) => url === script : script;
  const parent = parentsOf(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const memo = new Map<number, boolean>();
  const under = (id: number): boolean => {
    let known = memo.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      const frame = byId.get(id)!.callFrame;
      known = matches(frame.url, frame.functionName) || (up !== undefined && under(up));
      memo.set(id, known);
    }
    return known;
  };
  return under;
}

/**
 * Which turn of the event loop a profile node's sample belongs to, as far as the profile tells:
 * the outermost frame below the root (processTimers, processImmediate, a native callback such as
 * VS Code's handler of a message from the window). Consecutive samples with the same one are one
 * turn, or turns of one kind back to back (several timers due at once), counted together. The
 * microtasks node runs after a native callback have an outermost frame of their own
 * (processTicksAndRejections), so they count apart from the callback that queued them.
 */
function turnOf(profile: CpuProfile): (id: number) => number {
  const parent = parentsOf(profile);
  const [root] = framesNamed(profile, '(root)');
  return (id) => {
    let at = id;
    for (let up = parent.get(at); up !== undefined && up !== root; up = parent.get(at)) at = up;
    return at;
  };
}

/**
 * The longest unbroken stretch of samples with a frame of `script` on the stack: our code and the
 * VS Code API calls it makes, in milliseconds of the thread's running time (back-to-back turns of
 * ours count as one). Each sample counts for at most one sampling interval: on a shared machine a
 * sample that comes late says the thread was waiting for a CPU, not working (a 9-sample
 * stretch measured 102 ms of wall-clock at load 8), and that wait is the machine's, not ours.
 */
function longestStretchUnder(profile: CpuProfile, script: string): number {
  const under = underScript(profile, script);
  let run = 0;
  let longest = 0;
  profile.samples.forEach((id, i) => {
    run = under(id) ? run + Math.min(profile.timeDeltas[i + 1] ?? 0, SAMPLING_INTERVAL_US) : 0;
    longest = Math.max(longest, run);
  });
  return longest / 1000;
}

/**
 * The longest unbroken stretch of the whole thread's work (any sample but "(idle)": JavaScript,
 * garbage collection, native code) between performance.now() times `from` and `to`, in running
 * time: each sample counted for at most one sampling interval, as in longestStretchUnder. With
 * `script`, only the turns of the event loop that run some of its code count (turnOf; a turn of
 * VS Code's that merely follows one of ours without an idle sample between is not ours): our work
 * and whatever VS Code does in the same turns. Garbage collections are left out with `leaveGcOut`
 * (by default with a `script`): they are logged apart, by the GC observer. The test's own code
 * counts as idle (TEST_CODE).
 */
function longestBusyStretch(profile: CpuProfile, from: number, to: number, script?: string, leaveGcOut = script !== undefined): number {
  const idle = framesNamed(profile, '(idle)');
  const test = underScript(profile, isTestCode);
  const gc = framesNamed(profile, '(garbage collector)');
  const ours = script === undefined ? undefined : underScript(profile, script);
  const turn = turnOf(profile);
  const program = framesNamed(profile, '(program)');
  let at = profile.startTime;
  let run = 0;
  let counts = ours === undefined;
  let current: number | undefined;
  let longest = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const ms = profile.startedAt + (at - profile.startTime) / 1000;
    if (ms < from || ms >= to || idle.has(id) || test(id)) {
      run = 0;
      counts = ours === undefined;
      current = undefined;
      return;
    }
    if (leaveGcOut && gc.has(id)) return;
    // Native work outside JavaScript ("(program)") and GC belong to whichever turn they fall in.
    if (ours !== undefined && !program.has(id) && !gc.has(id)) {
      const now = turn(id);
      if (now !== current) {
        current = now;
        run = 0;
        counts = false;
      }
    }
    run += Math.min(profile.timeDeltas[i + 1] ?? 0, SAMPLING_INTERVAL_US);
    if (ours?.(id)) counts = true;
    if (counts) longest = Math.max(longest, run);
  });
  return longest / 1000;
}

/** A window's work on the thread in running time (samples counted as in longestBusyStretch). */
interface Work {
  /** Busy, garbage collections included. */
  busy: number;
  gc: number;
  /** Under our bundle (our code and the VS Code API calls it makes). */
  ours: number;
  /** Busy stretches (garbage collections included) of MAX_BLOCK_MS or more. */
  over: number;
  /** The test's own code (counted as idle in the rest). */
  test: number;
  /** VS Code's compression of its remote connection (isRemoteCompression): in all, and its longest unbroken stretch. */
  compression: number;
  longestCompression: number;
}

function workIn(profile: CpuProfile, from: number, to: number, script: string): Work {
  const idle = framesNamed(profile, '(idle)');
  const gc = framesNamed(profile, '(garbage collector)');
  const ours = underScript(profile, script);
  const test = underScript(profile, isTestCode);
  const compressing = underScript(profile, isRemoteCompression);
  const work: Work = { busy: 0, gc: 0, ours: 0, over: 0, test: 0, compression: 0, longestCompression: 0 };
  let at = profile.startTime;
  let run = 0;
  let compressionRun = 0;
  const end = () => {
    if (run >= MAX_BLOCK_MS * 1000) work.over++;
    run = 0;
    compressionRun = 0;
  };
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const ms = profile.startedAt + (at - profile.startTime) / 1000;
    if (ms < from || ms >= to || idle.has(id)) return end();
    const us = Math.min(profile.timeDeltas[i + 1] ?? 0, SAMPLING_INTERVAL_US);
    if (test(id)) {
      work.test += us;
      return end();
    }
    run += us;
    work.busy += us;
    if (gc.has(id)) work.gc += us;
    if (ours(id)) work.ours += us;
    const compression = compressing(id);
    compressionRun = compression ? compressionRun + us : 0;
    if (compression) work.compression += us;
    work.longestCompression = Math.max(work.longestCompression, compressionRun);
  });
  end();
  const msOf = (us: number) => us / 1000;
  return { ...work, busy: msOf(work.busy), gc: msOf(work.gc), ours: msOf(work.ours), test: msOf(work.test), compression: msOf(work.compression), longestCompression: msOf(work.longestCompression) };
}

async function setWorkspaceSettings(values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const config = vscode.workspace.getConfiguration();
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    previous[key] = config.inspect(key)?.workspaceValue;
    await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  }
  return previous;
}

/** One measured stretch of the test: the thread's event-loop delay and the garbage collections in it. */
interface Phase {
  name: string;
  delay: IntervalHistogram;
  from: number;
  to: number;
  gcs: { kind: number; ms: number }[];
  /** The thread's longest busy stretch in running time (longestBusyStretch), garbage collections included. */
  busy: number;
  /** The same, garbage collections left out. */
  busyWithoutGc?: number;
  work?: Work;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

const ms = (ns: number) => ns / 1e6;

function describePhase(p: Phase): string {
  const longest = Math.max(0, ...p.gcs.map((g) => g.ms));
  const byKind = new Map<string, number>();
  for (const g of p.gcs) byKind.set(GC_KINDS[g.kind] ?? String(g.kind), (byKind.get(GC_KINDS[g.kind] ?? String(g.kind)) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
  const work = p.work ? `; running time ${p.work.busy.toFixed(0)} ms busy (GC ${p.work.gc.toFixed(0)} ms, under our code ${p.work.ours.toFixed(0)} ms; the test's own ${p.work.test.toFixed(0)} ms left out), ${p.work.over} busy stretch(es) ≥ ${MAX_BLOCK_MS} ms; compressing for the remote window ${p.work.compression.toFixed(0)} ms, longest ${p.work.longestCompression.toFixed(1)} ms at once` : '';
  return `${p.name}: ${((p.to - p.from) / 1000).toFixed(1)} s, event-loop delay max ${ms(p.delay.max).toFixed(1)} ms, p99 ${ms(p.delay.percentile(99)).toFixed(1)} ms, mean ${ms(p.delay.mean).toFixed(1)} ms; longest busy stretch ${p.busy.toFixed(1)} ms of running time${work}; GC ${kinds}, longest ${longest.toFixed(1)} ms`;
}

suite('Responsiveness: analysis runs off the extension host thread', function () {
  this.timeout(600_000);
  const uri = workspaceUri('generated-2000-hosts.edp.json');
  // The baseline: the same text in a file no extension analyzes (plain text), edited the same way.
  const plainUri = workspaceUri('generated-2000-hosts.txt');

  let previous: Record<string, unknown> = {};
  suiteSetup(async () => {
    previous = await setWorkspaceSettings(OTHER_EXTENSIONS_OFF);
  });
  suiteTeardown(async () => {
    await revertAndClose();
    await revertAndClose();
    await setWorkspaceSettings(previous);
    for (const u of [uri, plainUri]) await vscode.workspace.fs.delete(u).then(undefined, () => undefined);
  });

  test(`opening and editing a 2000-host design: our code never holds the extension host for ${MAX_BLOCK_MS} ms at once, nor is the thread busier at once than for the same edits of plain text`, async function () {
    // The idle thread's delay, logged beside the figures below: on a busy machine the event-loop
    // delay is mostly waiting for a CPU. Our share is asserted whatever the load: it counts each
    // profiler sample for at most one sampling interval, so time spent waiting is not counted.
    const idle = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, IDLE_BASELINE_MS));
    idle.disable();
    // Generated and written before measuring: that is the test's own work, not the extension's.
    const text = cleanDesign({ hosts: 2000, vmsPerHost: 4, remoteVms: true });
    for (const u of [uri, plainUri]) await vscode.workspace.fs.writeFile(u, new TextEncoder().encode(text));

    // Excluded: VS Code's own load of the documents into the extension host (it receives the
    // whole text and splits it into lines in one go, before any extension sees the document).
    // Measured separately and only logged. Both stay loaded all along: the same heap for both.
    const docLoad = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    docLoad.enable();
    const doc = await vscode.workspace.openTextDocument(uri);
    const plainDoc = await vscode.workspace.openTextDocument(plainUri);
    docLoad.disable();
    assert.equal(plainDoc.languageId, 'plaintext');

    // Where the edits go: a vNIC of the first host moved to a switch that does not exist and back,
    // with a burst of keystrokes on its pps in between (analyses the worker skips as superseded).
    // Computed before measuring: the first positionAt makes VS Code index the 7 MB document's lines.
    const at = text.indexOf('"switch": "vds-edp-n0"') + '"switch": "'.length;
    const pps = text.indexOf('"pps": ') + '"pps": '.length;
    const targets = (d: vscode.TextDocument) => ({
      name: new vscode.Range(d.positionAt(at), d.positionAt(at + 'vds-edp'.length)),
      ppsDigit: new vscode.Range(d.positionAt(pps), d.positionAt(pps + 1)),
    });
    const where = new Map([doc, plainDoc].map((d) => [d, targets(d)]));

    /**
     * The edits, the same for both documents. `wait(step)` follows each edit that changes a rule's
     * findings: with our extension it waits for the diagnostics (and returns how long that took),
     * in the baseline it waits as long as the same step took with our extension, and the window
     * stays open as long as ours did, so both hold the same edits over the same time.
     */
    const edit = async (d: vscode.TextDocument, wait: (step: number, ready: () => Promise<unknown>) => Promise<void>) => {
      const editor = await vscode.window.showTextDocument(d, { preview: false });
      const { name, ppsDigit } = where.get(d)!;
      let step = 0;
      // The first analysis (on open) is published: 2000 hosts with a VM on the far NUMA node each.
      await wait(step++, () => waitForDiagnostics(uri, (ds) => hasRule('numa/vm-remote')(ds) && lacksRule('ref/unknown-switch')(ds), ANALYSIS_TIMEOUT_MS, 'the first analysis'));
      for (let round = 0; round < 3; round++) {
        assert.ok(await editor.edit((b) => b.replace(name, 'vds-nop')));
        await wait(step++, () => waitForDiagnostics(uri, hasRule('ref/unknown-switch'), ANALYSIS_TIMEOUT_MS, `the unknown switch (round ${round + 1})`));
        for (let key = 0; key < 3; key++) {
          assert.ok(await editor.edit((b) => b.replace(ppsDigit, String(1 + ((round + key) % 8)))));
        }
        assert.ok(await editor.edit((b) => b.replace(name, 'vds-edp')));
        await wait(step++, () => waitForDiagnostics(uri, lacksRule('ref/unknown-switch'), ANALYSIS_TIMEOUT_MS, `the switch restored (round ${round + 1})`));
      }
      // What follows the last analysis (VS Code asking for the CodeLens of the shown editor) belongs to this window.
      await wait(step++, () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS)));
    };

    const phases: Phase[] = [];
    let collectGarbage = () => Promise.resolve();
    /** When the full collections before the windows ran: how long one takes on this heap. */
    const collections: { from: number; to: number }[] = [];
    const measured = async (name: string, run: () => Promise<void>) => {
      const collecting = { from: performance.now(), to: 0 };
      await collectGarbage();
      collecting.to = performance.now();
      collections.push(collecting);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      const phase: Phase = { name, delay, from: performance.now(), to: 0, gcs: [], busy: 0 };
      delay.enable();
      await run();
      delay.disable();
      phase.to = performance.now();
      phases.push(phase);
    };
    const gcs: PerformanceEntry[] = [];
    const gcObserver = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
    gcObserver.observe({ entryTypes: ['gc'] });

    // Ours and the baseline take turns, twice, so a change in the machine's load meets both.
    const profile = await profiled(async (collect) => {
      collectGarbage = collect;
      for (let turn = 1; turn <= TURNS; turn++) {
        const took: number[] = [];
        await measured(`with our extension (${turn})`, () => edit(doc, async (step, ready) => {
          const t0 = performance.now();
          await ready();
          took[step] = performance.now() - t0;
        }));
        // As long as ours took: VS Code's edits of the edp-json document came back slower (its tokenizing).
        const oursMs = phases[phases.length - 1].to - phases[phases.length - 1].from;
        const sleep = (wait: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, wait)));
        await measured(`baseline, plain text (${turn})`, async () => {
          const from = performance.now();
          await edit(plainDoc, (step) => sleep(took[step]));
          await sleep(oursMs - (performance.now() - from));
        });
      }
    });
    // GC entries come in on a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 100));
    gcObserver.disconnect();
    for (const p of phases) {
      p.busy = longestBusyStretch(profile, p.from, p.to);
      p.busyWithoutGc = longestBusyStretch(profile, p.from, p.to, undefined, true);
    }
    for (const g of gcs) {
      const phase = phases.find((p) => g.startTime >= p.from && g.startTime < p.to);
      phase?.gcs.push({ kind: (g as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1, ms: g.duration });
    }

    // The extension analyzed and published all along: a profile without its code measured nothing.
    const script = ourScript(profile, vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath);
    assert.ok(script, 'the CPU profile holds samples of our bundle (dist/extension.js)');
    for (const p of phases) p.work = workIn(profile, p.from, p.to, script);
    const ours = longestStretchUnder(profile, script);
    const worst = (kind: string, of: (p: Phase) => number) => Math.max(...phases.filter((p) => p.name.startsWith(kind)).map(of));
    const waitWithUs = worst('with our extension', (p) => ms(p.delay.max));
    const waitBaseline = worst('baseline', (p) => ms(p.delay.max));
    const busyWithUs = worst('with our extension', (p) => p.busy);
    const busyBaseline = worst('baseline', (p) => p.busy);
    const threadWithUs = worst('with our extension', (p) => p.busyWithoutGc!);
    const threadBaseline = worst('baseline', (p) => p.busyWithoutGc!);
    const gcPause = (kind: string, major: boolean) => worst(kind, (p) => Math.max(0, ...p.gcs.filter((g) => !major || g.kind === constants.NODE_PERFORMANCE_GC_MAJOR).map((g) => g.ms)));
    const majors = (kind: string) => phases.filter((p) => p.name.startsWith(kind)).reduce((n, p) => n + p.gcs.filter((g) => g.kind === constants.NODE_PERFORMANCE_GC_MAJOR).length, 0);
    const fullCollection = Math.max(0, ...gcs.filter((g) => collections.some((c) => g.startTime >= c.from && g.startTime < c.to)).map((g) => g.duration));
    const withOurs = Math.max(...phases.map((p) => longestBusyStretch(profile, p.from, p.to, script)));
    const load = loadavg()[0] / Math.max(1, availableParallelism());
    const sum = (kind: string, of: (w: Work) => number) => phases.filter((p) => p.name.startsWith(kind)).reduce((n, p) => n + of(p.work!), 0);
    for (const p of phases) console.log(`      ${describePhase(p)}`);
    console.log(`      the thread's longest wait: ${waitWithUs.toFixed(1)} ms with our extension, ${waitBaseline.toFixed(1)} ms for the same edits of plain text; its longest busy stretch in running time (GC included) ${busyWithUs.toFixed(1)} ms and ${busyBaseline.toFixed(1)} ms, stretches of ${MAX_BLOCK_MS} ms or more ${sum('with our extension', (w) => w.over)} and ${sum('baseline', (w) => w.over)}; busy ${sum('with our extension', (w) => w.busy).toFixed(0)} ms (GC ${sum('with our extension', (w) => w.gc).toFixed(0)} ms, our code ${sum('with our extension', (w) => w.ours).toFixed(0)} ms) and ${sum('baseline', (w) => w.busy).toFixed(0)} ms (GC ${sum('baseline', (w) => w.gc).toFixed(0)} ms) in all; longest stretch running our code ${ours.toFixed(1)} ms, longest busy stretch in turns with some of our code ${withOurs.toFixed(1)} ms (GC left out); VS Code's own load of the two documents (excluded): max ${ms(docLoad.max).toFixed(1)} ms`);
    console.log(`      the thread's longest busy stretch with garbage collections left out: ${threadWithUs.toFixed(1)} ms with our extension, ${threadBaseline.toFixed(1)} ms for plain text; major collections ${majors('with our extension')} and ${majors('baseline')}, the longest pause ${gcPause('with our extension', false).toFixed(1)} ms and ${gcPause('baseline', false).toFixed(1)} ms (wall-clock); a full collection of this heap before a window: ${fullCollection.toFixed(1)} ms`);
    console.log(`      the machine: load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs; an idle extension host waited up to ${ms(idle.max).toFixed(1)} ms here before the test`);
    // Our share: the CPU profile tells it apart from VS Code's work, garbage collections and, on a
    // shared machine, the time the thread waits for a CPU.
    assert.ok(ours < MAX_BLOCK_MS, `our code held the extension host for ${ours.toFixed(1)} ms at once (event-loop delay max ${waitWithUs.toFixed(1)} ms)`);
    // The thread's turns that run some of our code, in running time (waiting for a CPU left out,
    // as for our share), with what VS Code does in the same turns: under 50 ms, or no longer than
    // VS Code alone is busy at once for the same edits of plain text. A turn of VS Code's that
    // follows ours with no idle sample between is its own, counted in the next figure: CI at load
    // 3.6 once joined 4 ms of ours to VS Code's compression of its messages to the remote window
    // (53 ms), and at load 5 here 1 ms of ours to its code-action request filtering the file's 1000
    // diagnostics before asking any provider (48.5 ms). Garbage collections are left out too (their
    // wall-clock pauses are logged per window: on a loaded machine one stretches to 100–300 ms
    // waiting for a CPU).
    const busyAllowed = Math.max(MAX_BLOCK_MS, busyBaseline + BASELINE_MARGIN_MS);
    assert.ok(withOurs <= busyAllowed, `turns with our code kept the thread busy for ${withOurs.toFixed(1)} ms at once; for the same edits of plain text it was busy up to ${busyBaseline.toFixed(1)} ms at once (allowed ${busyAllowed.toFixed(1)} ms)`);
    // The bar for the thread as a whole while our extension works, in running time: every
    // busy stretch, ours or VS Code's (its conversions, RPC writes, CodeLens and code-action
    // requests), garbage collections left out. Logged, not asserted: on a quiet machine 2 of 6
    // runs (session 5) held one 108–240 ms stretch with none of our code in it, a native zlib
    // write of VS Code's remote protocol (compressing a message to the window), which a test
    // cannot attribute to a message; the other runs stayed at 6–20 ms. docs/PERFORMANCE.md has it.
    const threadAllowed = Math.max(MAX_BLOCK_MS, threadBaseline + BASELINE_MARGIN_MS);
    console.log(`      whole thread, GC left out: ${threadWithUs.toFixed(1)} ms at once with our extension, ${threadBaseline.toFixed(1)} ms for plain text: ${threadWithUs <= threadAllowed ? 'within' : 'OVER'} the bar (${threadAllowed.toFixed(1)} ms)`);
    // The whole thread in wall-clock time, where the machine lets it be measured: on a loaded one a
    // thread waits for a CPU at random, 100–300 ms at a time (docs/PERFORMANCE.md).
    if (load < QUIET_LOAD && ms(idle.max) < QUIET_IDLE_MS) {
      const allowed = waitBaseline + BASELINE_MARGIN_MS;
      assert.ok(waitWithUs <= allowed, `with our extension the thread waited up to ${waitWithUs.toFixed(1)} ms at once, for the same edits of plain text ${waitBaseline.toFixed(1)} ms (allowed ${allowed.toFixed(1)} ms)`);
    } else {
      console.log(`      wall-clock waits not compared: the machine is busy (load per CPU ${load.toFixed(1)}, at least ${QUIET_LOAD} for that)`);
    }
  });

  test('a 2000-host design shows its switches\' CodeLens where the editor is scrolled, not only at the top', async function () {
    // Above 300 switches the lenses are given only around what the editor shows (codeLens.ts).
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await waitForDiagnostics(uri, lacksRule('ref/unknown-switch'), ANALYSIS_TIMEOUT_MS, 'the analysis');
    const lensesOnScreen = async () => {
      const shown = editor.visibleRanges[0];
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 500)) ?? [];
      return { lenses, shown, near: lenses.filter((l) => Math.abs(l.range.start.line - shown.start.line) < 1000) };
    };
    const top = await lensesOnScreen();
    assert.ok(top.near.length > 0, 'lenses at the top');
    assert.ok(top.lenses.length < 300, `only the lenses near the view: ${top.lenses.length}`);
    assert.match(top.near[0].command?.title ?? '', /lcore/);
    // Scrolled to the last switch: its lenses are there.
    const last = doc.positionAt(doc.getText().lastIndexOf('"switches"'));
    const scrolled = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the editor did not scroll to line ${last.line}`)), 15_000);
      const sub = vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor === editor && e.visibleRanges[0].start.line > last.line - 500) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });
    editor.revealRange(new vscode.Range(last, last), vscode.TextEditorRevealType.AtTop);
    await scrolled;
    const bottom = await lensesOnScreen();
    assert.ok(bottom.near.length > 0, `lenses at line ${bottom.shown.start.line}: ${bottom.lenses.map((l) => l.range.start.line).slice(0, 5).join(', ')}…`);
    assert.ok(bottom.near.every((l) => l.range.start.line > top.shown.end.line + 1000), 'not the top\'s');
    assert.match(bottom.near[0].command?.title ?? '', /lcore/);
  });
});
