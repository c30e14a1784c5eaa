// The worker side of checkFiles() (check-pool.ts): the edp-check bundle runs this when it is
// started as a worker.
import { parentPort, workerData } from 'node:worker_threads';
import { checkFileSafely, type FileOutcome, type FileToCheck } from './check-files';
import type { WorkerData } from './check-pool';

export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as { edpCheckWorker?: boolean } | undefined)?.edpCheckWorker === true;
}

export function serveChecks(): void {
  const { settings, checking } = workerData as WorkerData;
  parentPort!.on('message', (file: FileToCheck) => {
    // Says which file is lost should this thread die in the middle of it.
    Atomics.store(checking, 0, file.index);
    const outcome: FileOutcome = checkFileSafely(file, settings);
    Atomics.store(checking, 0, -1);
    parentPort!.postMessage(outcome);
  });
}
