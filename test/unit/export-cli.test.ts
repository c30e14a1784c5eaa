// `edp-check export`: stdout or --out, exit 1 and nothing written for a design with errors,
// never over the input, never over an existing file without --force.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze, exportNsxPolicy, readNsxJson } from '../../src/core';
import { EXAMPLES, ROOT } from './export-fixtures';
import { runCli } from '../support/cli';

const cli = (argv: string[], cwd = EXAMPLES) => runCli(argv, cwd);

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function workDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-export-'));
  dirs.push(dir);
  fs.copyFileSync(path.join(EXAMPLES, 'rack-a.edp.json'), path.join(dir, 'rack-a.edp.json'));
  fs.copyFileSync(path.join(EXAMPLES, 'mistakes.edp.json'), path.join(dir, 'mistakes.edp.json'));
  return dir;
}
const rackA = () => fs.readFileSync(path.join(EXAMPLES, 'rack-a.edp.json'), 'utf8');

describe('edp-check export', () => {
  it('prints the export on stdout: the same text the core makes, and the placeholders on stderr', async () => {
    const r = await cli(['export', '--format', 'nsx-policy', 'rack-a.edp.json']);
    assert.equal(r.code, 0, r.stderr);
    const expected = exportNsxPolicy(analyze(rackA()), { source: 'rack-a.edp.json' });
    assert.ok(expected.ok);
    assert.equal(r.stdout, expected.text);
    assert.equal(readNsxJson(r.stdout).transportNodes[0].switches[0].mode, 'edp-standard');
    assert.match(r.stderr, /placeholders to fill in .*vds_uuid_vds_edp/);
  });

  it('terraform to --out: the file, nothing on stdout', async () => {
    const dir = workDir();
    const r = await cli(['export', '-f', 'terraform', '--out', 'rack-a.tf', 'rack-a.edp.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const text = fs.readFileSync(path.join(dir, 'rack-a.tf'), 'utf8');
    assert.match(text, /resource "nsxt_policy_host_transport_node_profile"/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['mistakes.edp.json', 'rack-a.edp.json', 'rack-a.tf'], 'no temporary file left behind');
  });

  it('a design with errors: exit 1, the errors with their lines, nothing on stdout and no file', async () => {
    const dir = workDir();
    const r = await cli(['export', '--format', 'terraform', '--out', 'out.tf', 'mistakes.edp.json'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok(!fs.existsSync(path.join(dir, 'out.tf')));
    const errors = analyze(fs.readFileSync(path.join(dir, 'mistakes.edp.json'), 'utf8')).findings.filter((f) => f.severity === 'error');
    assert.ok(errors.length > 0);
    assert.match(r.stderr, /nothing exported: The design has \d+ errors/);
    for (const e of errors) assert.ok(r.stderr.includes(`mistakes.edp.json:${e.range!.start.line + 1}:${e.range!.start.character + 1} error ${e.rule} `), e.rule);
  });

  it('an existing --out file is kept without --force (exit 2) and replaced with it', async () => {
    const dir = workDir();
    const out = path.join(dir, 'rack-a.nsx.json');
    fs.writeFileSync(out, 'keep me');
    const refused = await cli(['export', '--format', 'nsx-policy', '--out', 'rack-a.nsx.json', 'rack-a.edp.json'], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /exists.*--force/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'keep me');
    const forced = await cli(['export', '--format', 'nsx-policy', '--out', 'rack-a.nsx.json', '--force', 'rack-a.edp.json'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(out, 'utf8')));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['mistakes.edp.json', 'rack-a.edp.json', 'rack-a.nsx.json']);
  });

  it('never over the input, even with --force, by any name for it', async () => {
    const dir = workDir();
    fs.symlinkSync(path.join(dir, 'rack-a.edp.json'), path.join(dir, 'link.json'));
    for (const out of ['rack-a.edp.json', './rack-a.edp.json', 'link.json']) {
      const r = await cli(['export', '--format', 'nsx-policy', '--out', out, '--force', 'rack-a.edp.json'], dir);
      assert.equal(r.code, 2, out);
      assert.match(r.stderr, /one of the files being read/);
      assert.equal(fs.readFileSync(path.join(dir, 'rack-a.edp.json'), 'utf8'), rackA(), out);
    }
  });

  it('usage errors exit 2: no or unknown format, no file, two files, unknown option; a missing file exits 2', async () => {
    for (const argv of [
      ['export', 'rack-a.edp.json'],
      ['export', '--format', 'yaml', 'rack-a.edp.json'],
      ['export', '--format', 'terraform'],
      ['export', '--format', 'terraform', 'rack-a.edp.json', 'mistakes.edp.json'],
      ['export', '--format', 'terraform', '--bogus', 'rack-a.edp.json'],
      ['export', '--format', 'terraform', 'missing.edp.json'],
    ]) {
      const r = await cli(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stdout, '', argv.join(' '));
      assert.match(r.stderr, /^edp-check export: /, argv.join(' '));
    }
    const help = await cli(['export', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format nsx-policy\|terraform/);
  });

  it('the bundled CLI exports too (dist/edp-check.js)', { skip: !fs.existsSync(path.join(ROOT, 'dist', 'edp-check.js')) && 'not built' }, () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'edp-check.js'), 'export', '--format', 'terraform', path.join(EXAMPLES, 'rack-a.edp.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /host_switch_mode = "ENS_INTERRUPT"/);
  });
});
