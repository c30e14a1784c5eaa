// Checking many files on all cores: this thread and `jobs - 1` worker threads each check whole
// files (checkFile: read, analyze, format) and only the text to write crosses threads. Output
// keeps file order: an outcome waits for the files before it, and no thread runs more than a few
// files ahead of the output, so what waits stays small whatever the number of files.
import { Worker } from 'node:worker_threads';
import { type CheckSettings, checkFileSafely, type FileOutcome, type FileToCheck, internalError } from './check-files';

/**
 * Files queued on each worker: with one, a worker would wait for this thread to finish its own
 * file before it got the next; with two it always has one to start.
 */
const WORKER_QUEUE = 2;

/**
 * A worker's young generation: with V8's default a worker spent much of its time in scavenges
 * (each file allocates its parsed text and model anew). 64 MB measured best of 0/32/64/128/256 in
 * session 2.
 */
const YOUNG_GENERATION_MB = 64;

/** What a worker is started with; it posts one FileOutcome per file, in the order it was sent them. */
export interface WorkerData {
  edpCheckWorker: true;
  settings: CheckSettings;
  /**
   * [0]: the index of the file the worker is checking, -1 between files (shared memory, so it
   * is known without a message when the worker dies).
   */
  checking: Int32Array;
}

interface Helper {
  worker: Worker;
  checking: Int32Array;
  /** Files sent and not answered, oldest first. */
  queue: FileToCheck[];
  alive: boolean;
}

/**
 * Checks `files` on `jobs` threads: this one and `jobs - 1` workers started from `script` (the
 * edp-check bundle, which serves checks when it runs in a worker); without a script, all in this
 * thread. `each` gets the outcomes in file order. A worker that dies gives its current file an
 * internal error (exit 2) and leaves its other files to the remaining threads: never a hang.
 */
export async function checkFiles(files: readonly FileToCheck[], settings: CheckSettings, jobs: number, script: string | undefined, each: (o: FileOutcome) => void): Promise<void> {
  const helpers = script ? Math.min(jobs, files.length) - 1 : 0;
  if (helpers < 1) {
    for (const file of files) each(checkFileSafely(file, settings));
    return;
  }
  await new Promise<void>((resolve) => {
    const ready = new Map<number, FileOutcome>();
    // Files handed out may run this far ahead of the output.
    const window = (helpers + 1) * (WORKER_QUEUE + 2);
    let next = 0;
    let dispatched = 0;
    /** Files a dead worker had not started, to hand out again before any later file. */
    const returned: FileToCheck[] = [];
    let finished = false;
    let ownTurnScheduled = false;
    const pool: Helper[] = [];

    const take = (): FileToCheck | undefined => {
      if (returned.length > 0) return returned.shift();
      if (dispatched >= files.length || dispatched >= next + window) return undefined;
      return files[dispatched++];
    };
    const emit = () => {
      for (let o = ready.get(next); o; o = ready.get(next)) {
        ready.delete(next++);
        each(o);
      }
      if (next === files.length && !finished) {
        finished = true;
        for (const h of pool) void h.worker.terminate();
        resolve();
      }
    };
    // Workers first (each gets its queue topped up), then this thread takes one file, and yields
    // after it so that the workers' outcomes are taken and their queues refilled.
    const pump = () => {
      if (finished) return;
      for (const h of pool) {
        while (h.alive && h.queue.length < WORKER_QUEUE) {
          const file = take();
          if (!file) break;
          h.queue.push(file);
          h.worker.postMessage(file);
        }
      }
      emit();
      if (finished || ownTurnScheduled) return;
      const own = take();
      if (!own) return;
      ownTurnScheduled = true;
      setImmediate(() => {
        ownTurnScheduled = false;
        ready.set(own.index, checkFileSafely(own, settings));
        pump();
      });
    };
    const died = (h: Helper, why: string) => {
      if (!h.alive || finished) return;
      h.alive = false;
      // The file it was checking, if any, is lost; the others go to the remaining threads (a
      // worker that could not load its bundle, or died between files, costs no file).
      const checking = Atomics.load(h.checking, 0);
      const culprit = h.queue.findIndex((f) => f.index === checking);
      if (culprit >= 0) ready.set(checking, internalError(checking, `its checking thread stopped: ${why}`));
      returned.push(...h.queue.splice(0).filter((f) => f.index !== checking));
      returned.sort((a, b) => a.index - b.index);
      pump();
    };

    for (let i = 0; i < helpers; i++) {
      const checking = new Int32Array(new SharedArrayBuffer(4)).fill(-1);
      const workerData: WorkerData = { edpCheckWorker: true, settings, checking };
      const h: Helper = {
        worker: new Worker(script!, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }),
        checking,
        queue: [],
        alive: true,
      };
      h.worker.on('message', (m: FileOutcome) => {
        h.queue.shift();
        ready.set(m.index, m);
        pump();
      });
      h.worker.on('error', (e) => died(h, e.message.replace(/\s+/g, ' ')));
      h.worker.on('exit', (code) => died(h, `it exited with code ${code}`));
      pool.push(h);
    }
    pump();
  });
}
