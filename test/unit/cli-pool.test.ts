// edp-check on many files: this thread and worker threads check them (--jobs), the output is the
// same as one thread's, in file order, written file by file; JSON output is what JSON.stringify
// would print; a worker that dies costs its file an error (exit 2), never a hang or other files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { BYTES_PER_THREAD, threadCount } from '../../src/cli/jobs';
import { runCli } from '../support/cli';
import { realisticDesign, cleanDesign } from '../../bench/designs';

/** The compiled entry point: started as a worker thread it serves checks (as dist/edp-check.js does). */
const WORKER_SCRIPT = path.join(__dirname, '..', '..', 'src', 'cli', 'edp-check.js');

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function designs(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-check-pool-'));
  dirs.push(dir);
  // Files of different cost (so workers finish out of order), one broken, one with mistakes.
  for (let i = 0; i < 7; i++) {
    const text = i === 3 ? '{ "version": 1, ' : i % 3 === 0 ? realisticDesign({ hosts: 1 + (i % 2), vmsPerHost: 2, seed: i }) : cleanDesign({ hosts: 2 + i, vmsPerHost: 2, seed: i });
    fs.writeFileSync(path.join(dir, `d${i}.edp.json`), text);
  }
  return dir;
}

/** A worker script for the pool: `body` runs in the worker, with parentPort in scope. */
function workerScript(dir: string, body: string): string {
  const file = path.join(dir, '..', `${path.basename(dir)}-worker.js`);
  fs.writeFileSync(file, `const { parentPort } = require('node:worker_threads');\n${body}\n`);
  dirs.push(file);
  return file;
}

const check = (argv: string[], cwd: string, workerScript?: string) => runCli(argv, cwd, { workerScript });

describe('edp-check --jobs', () => {
  for (const format of ['text', 'json', 'sarif']) {
    it(`${format}: worker threads give the output one thread gives, in file order`, async () => {
      const dir = designs();
      const args = ['--format', format, '--fail-on', 'warning', '.', 'missing.edp.json'];
      const one = await check([...args, '--jobs', '1'], dir);
      const pool = await check([...args, '--jobs', '3'], dir, WORKER_SCRIPT);
      assert.equal(pool.stdout, one.stdout);
      assert.equal(pool.stderr, one.stderr);
      assert.equal(pool.code, one.code);
      assert.equal(one.code, 2, 'a missing file is a usage error; the others are still checked');
      assert.match(one.stderr, /cannot read missing\.edp\.json/);
    });
  }

  it('--max-problems and --quiet: the same output on worker threads as in one thread', async () => {
    const dir = designs();
    for (const extra of [['--max-problems', '1'], ['--quiet', '--max-problems', '2'], ['--format', 'sarif', '--max-problems', '1']]) {
      const one = await check([...extra, '--jobs', '1', '.'], dir);
      const pool = await check([...extra, '--jobs', '2', '.'], dir, WORKER_SCRIPT);
      assert.deepEqual({ ...pool, writes: 0 }, { ...one, writes: 0 }, extra.join(' '));
    }
    const cut = await check(['--max-problems', '1', '--jobs', '2', '.'], dir, WORKER_SCRIPT);
    assert.match(cut.stdout, /not shown/, 'the summary says findings were left out');
  });

  it('a file that cannot be read is that file\'s error; the others are checked, in order', async () => {
    const dir = designs();
    fs.symlinkSync('/dev/null', path.join(dir, 'd2x.edp.json'));
    const one = await check(['--jobs', '1', 'd0.edp.json', 'd2x.edp.json', 'd1.edp.json', 'd2.edp.json'], dir);
    const pool = await check(['--jobs', '4', 'd0.edp.json', 'd2x.edp.json', 'd1.edp.json', 'd2.edp.json'], dir, WORKER_SCRIPT);
    assert.deepEqual({ ...pool, writes: 0 }, { ...one, writes: 0 });
    assert.equal(pool.code, 2);
    assert.match(pool.stderr, /cannot read d2x\.edp\.json: /);
    assert.deepEqual([...pool.stdout.matchAll(/^(d\d)\.edp\.json:/gm)].map((m) => m[1]), ['d0', 'd1', 'd2']);
  });

  it('a worker that dies in the middle of a file: that file is an internal error (exit 2), every other file is checked, in order', async () => {
    const dir = designs();
    // Dies while reading d1 (the first worker is handed d0 and d1).
    const script = workerScript(dir, `
      const fs = require('node:fs');
      const open = fs.openSync;
      fs.openSync = (p, ...rest) => (String(p).endsWith('d1.edp.json') ? process.exit(7) : open(p, ...rest));
      require(${JSON.stringify(WORKER_SCRIPT)});`);
    const names = fs.readdirSync(dir).sort();
    const withoutSummary = (out: string) => out.replace(/^Findings: .*\n/m, '');
    const rest = await check(['--jobs', '1', ...names.filter((n) => n !== 'd1.edp.json')], dir);
    for (const jobs of ['2', '3']) {
      const pool = await check(['--jobs', jobs, '.'], dir, script);
      assert.equal(pool.code, 2, 'the run failed');
      assert.equal(pool.stderr, 'edp-check: internal error checking d1.edp.json: its checking thread stopped: it exited with code 7. Please report it with the command and files that caused it.\n');
      assert.match(pool.stdout, /1 file could not be read\n$/);
      assert.equal(withoutSummary(pool.stdout), withoutSummary(rest.stdout), 'every other file, in order');
    }
  });

  it('a check that throws: that file is an internal error (exit 2), the worker goes on with the others', async () => {
    const dir = designs();
    const script = workerScript(dir, `
      const stringify = JSON.stringify;
      JSON.stringify = function (v, ...rest) {
        if (v && v.file === 'd1.edp.json') throw new Error('boom');
        return stringify.call(this, v, ...rest);
      };
      require(${JSON.stringify(WORKER_SCRIPT)});`);
    const pool = await check(['--jobs', '2', '--format', 'json', '.'], dir, script);
    assert.equal(pool.code, 2);
    assert.equal(pool.stderr, 'edp-check: internal error checking d1.edp.json: boom. Please report it with the command and files that caused it.\n');
    const report = JSON.parse(pool.stdout) as { files: { file: string }[] };
    assert.deepEqual(report.files.map((f) => f.file), fs.readdirSync(dir).sort().filter((n) => n !== 'd1.edp.json'));
  });

  it('a worker that dies between files costs no file: one thread\'s output', async () => {
    const dir = designs();
    const script = workerScript(dir, `
      let n = 0;
      parentPort.on('message', () => { if (++n === 2) setImmediate(() => { throw new Error('boom'); }); });
      require(${JSON.stringify(WORKER_SCRIPT)});`);
    const one = await check(['--jobs', '1', '.'], dir);
    for (const jobs of ['2', '3']) {
      const pool = await check(['--jobs', jobs, '.'], dir, script);
      assert.deepEqual({ ...pool, writes: 0 }, { ...one, writes: 0 }, `--jobs ${jobs}`);
    }
  });

  it('a worker that cannot start: every file is checked in this thread, with one thread\'s output', async () => {
    const dir = designs();
    const script = workerScript(dir, `throw new Error('cannot load');`);
    const one = await check(['--jobs', '1', '--format', 'json', '.'], dir);
    const pool = await check(['--jobs', '3', '--format', 'json', '.'], dir, script);
    assert.deepEqual({ ...pool, writes: 0 }, { ...one, writes: 0 });
  });

  it('text output is written file by file, not at the end', async () => {
    const dir = designs();
    const r = await check(['--jobs', '2', '.'], dir, WORKER_SCRIPT);
    assert.ok(r.writes >= 7, `${r.writes} writes`);
    const files = [...r.stdout.matchAll(/^(d\d)\.edp\.json:/gm)].map((m) => m[1]);
    assert.deepEqual(files, [...files].sort(), 'in file order');
  });

  it('JSON output is byte for byte JSON.stringify(report, null, 2), with and without files', async () => {
    const dir = designs();
    for (const argv of [['--format', 'json', '--jobs', '2', '.'], ['--format', 'json', 'missing.edp.json'], ['--format', 'json', 'd1.edp.json']]) {
      const r = await check(argv, dir, WORKER_SCRIPT);
      assert.equal(r.stdout, JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n', argv.join(' '));
    }
  });

  it('--jobs takes a whole number of at least 1', async () => {
    for (const bad of ['0', '-1', '1.5', 'many']) {
      const r = await check([`--jobs=${bad}`, 'x.edp.json'], os.tmpdir());
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--jobs must be a whole number of at least 1/);
    }
  });

  it('without --jobs: one thread for a few files, one more per 32 MB of files up to the CPU count', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-check-jobs-'));
    dirs.push(dir);
    const files = (sizes: number[]) => sizes.map((size, i) => {
      const absolute = path.join(dir, `s${size}-${i}.edp.json`);
      fs.closeSync(fs.openSync(absolute, 'w'));
      fs.truncateSync(absolute, Math.round(size)); // sparse: the size without the bytes
      return { absolute };
    });
    const mb = 1024 * 1024;
    assert.equal(BYTES_PER_THREAD, 32 * mb);
    assert.equal(threadCount(files([5 * mb, 5 * mb, 5 * mb]), undefined, 8), 1, '15 MB: one thread');
    assert.equal(threadCount(files(Array(55).fill(0.6 * mb)), undefined, 8), 2, '33 MB: two');
    assert.equal(threadCount(files(Array(200).fill(0.6 * mb)), undefined, 2), 2, '120 MB on 2 CPUs');
    assert.equal(threadCount(files(Array(200).fill(0.6 * mb)), undefined, 16), 4, '120 MB on 16 CPUs');
    assert.equal(threadCount(files([40 * mb, 40 * mb]), undefined, 16), 2, 'never more threads than files');
    assert.equal(threadCount(files([100 * mb]), undefined, 16), 1, 'one file: one thread');
    assert.equal(threadCount([{ absolute: path.join(dir, 'missing.edp.json') }, ...files([1])], undefined, 4), 1, 'a missing file counts nothing');
    assert.equal(threadCount(files([1, 1, 1]), 2, 1), 2, '--jobs wins');
    assert.equal(threadCount(files([1, 1]), 5, 8), 2, '--jobs, at most one per file');
  });
});
