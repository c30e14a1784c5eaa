// The worker side of checkFiles(): the edp-check bundle runs this when it is started as a worker.
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckSettings, checkFile, type FileToCheck } from './check-files';

export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as { edpCheckWorker?: boolean } | undefined)?.edpCheckWorker === true;
}

export function serveChecks(): void {
  const { settings } = workerData as { settings: CheckSettings };
  parentPort!.on('message', (file: FileToCheck) => parentPort!.postMessage(checkFile(file, settings)));
}
