// edp-check run in-process with its output captured: what the CLI tests assert on.
import type { CliIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** How many times the CLI wrote to stdout (it streams file by file). */
  writes: number;
}

/** The rest of the outside world a test may set: the environment, a terminal, a worker script. */
export type CliWorld = Pick<CliIo, 'env' | 'isTTY' | 'workerScript'>;

export async function runCli(argv: readonly string[], cwd: string, world: CliWorld = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let writes = 0;
  const code = await run(argv, {
    stdout: (t) => {
      stdout += t;
      writes++;
    },
    stderr: (t) => void (stderr += t),
    cwd,
    ...world,
  });
  return { code, stdout, stderr, writes };
}
