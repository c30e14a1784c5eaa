// edp-check on many files: worker threads check them (--jobs), the output is the same as one
// thread's, in file order, written file by file; JSON output is what JSON.stringify would print.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
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
});
