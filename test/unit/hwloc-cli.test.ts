// `edp-check import-hwloc`: the document on stdout or --out, notes on stderr, exit 2 on bad input.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runImportHwloc } from '../../src/cli/import-hwloc';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hwloc');

function run(argv: string[], cwd = FIXTURES) {
  let stdout = '';
  let stderr = '';
  const code = runImportHwloc(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

describe('edp-check import-hwloc', () => {
  it('prints the v1 document with 2-space indentation and the notes on stderr', () => {
    const r = run(['32em64t-2n8c2t-pci-normalio.xml', '--name', 'esx-01']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.version, 1);
    assert.equal(doc.hosts[0].name, 'esx-01');
    assert.deepEqual(doc.hosts[0].switches, []);
    assert.ok(r.stdout.startsWith('{\n  "version": 1,'));
    assert.match(r.stderr, /^note: .*speedGbps is left out/m);
    assert.ok(r.stderr.split('\n').filter(Boolean).every((l) => l.startsWith('note: ')), r.stderr);
  });

  it('--out writes the file (relative to cwd) and prints nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edp-hwloc-'));
    writeFileSync(join(dir, 'host.xml'), readFileSync(join(FIXTURES, '24em64t-2n6c2t-pci.xml')));
    const r = run(['host.xml', '--out', 'host.edp.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(join(dir, 'host.edp.json'), 'utf8')).hosts[0].name, 'mirage004');
  });

  it('exit 2 for a missing file, a file that is not hwloc XML, and bad usage', () => {
    const missing = run(['nope.xml']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read nope\.xml: ENOENT/);
    const dir = mkdtempSync(join(tmpdir(), 'edp-hwloc-'));
    writeFileSync(join(dir, 'x.xml'), '{"version": 1}');
    const notXml = run(['x.xml'], dir);
    assert.equal(notXml.code, 2);
    assert.match(notXml.stderr, /x\.xml is not well-formed XML.*lstopo --of xml host\.xml/);
    assert.equal(notXml.stdout, '');
    assert.equal((run([])).code, 2);
    assert.equal((run(['a.xml', '--bogus'])).code, 2);
  });
});
