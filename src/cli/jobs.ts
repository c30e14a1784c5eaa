// How many threads check files: --jobs N, else as many as the input's size pays for.
import * as fs from 'node:fs';
import * as os from 'node:os';

/**
 * Topology bytes that pay for one more thread. Each thread beyond the first loads the bundle and
 * warms its own JIT and heap: ≈ 1–1.5 s of CPU. Measured on an idle 2-core machine (200 files of
 * 50 hosts, docs/PERFORMANCE.md): one thread already keeps ≈ 1.2 CPUs busy (V8's GC and compiler
 * threads), so a second one wins wall-clock time once the files cost ≳ 3 s of CPU: ≈ 20 MB of
 * realistic designs (findings, flows that do not fit; ≈ 85 ms per 0.6 MB file), ≈ 150 MB of
 * clean ones (≈ 15 ms per file). 32 MB starts the pool where it pays on the former and costs no
 * wall-clock time on the latter.
 */
export const BYTES_PER_THREAD = 32 * 1024 * 1024;

/** Threads to check `files` with: `jobs` when given, else one plus one per BYTES_PER_THREAD of input, at most one per CPU. */
export function threadCount(files: readonly { absolute: string }[], jobs: number | undefined, cpus = cpuCount()): number {
  if (files.length < 2) return 1;
  if (jobs !== undefined) return Math.min(jobs, files.length);
  let bytes = 0;
  for (const f of files) bytes += sizeOf(f.absolute);
  return Math.max(1, Math.min(cpus, files.length, 1 + Math.floor(bytes / BYTES_PER_THREAD)));
}

function cpuCount(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** 0 for a file that cannot be stat'ed: it is reported when it is read. */
function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
