// The `edp-check` executable (bundled to dist/edp-check.js): process values in, exit code out.
// Started as a worker thread (by the checker's pool, from this same file), it serves checks.
import { isCheckWorker, serveChecks } from './check-worker';
import { run } from './run';

if (isCheckWorker()) serveChecks();
else main();

function main(): void {
  // `edp-check … | head` closes the pipe early; that is the reader's choice, not a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    workerScript: __filename,
  }).then(
    (code) => {
      // exitCode rather than exit(): a large report piped to another program is written in full.
      process.exitCode = code;
    },
    (e: unknown) => {
      // One line, like every other answer; EDP_CHECK_DEBUG=1 adds the stack for a bug report.
      const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
      process.stderr.write(`edp-check: internal error: ${message}. Please report it with the command and files that caused it.\n`);
      if (process.env.EDP_CHECK_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
      process.exitCode = 2;
    },
  );
}
