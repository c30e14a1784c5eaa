// --catalog: CI must judge hardware with the same NIC catalog the editor's edpDesigner.catalogs gives.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, it } from 'node:test';
import { runCli } from '../support/cli';
import { BUNDLED_CATALOG } from '../../src/core/readiness/catalog';

const ROOT = path.resolve(__dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-catalog-test-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[]) => runCli(argv, ROOT);

/** The bundled icen entry with a stated minimum above rack-a's driver 1.14.2.0. */
function strictIcenCatalog(): string {
  const icen = BUNDLED_CATALOG.nics.find((e) => e.driver === 'icen');
  assert.ok(icen, 'the bundled catalog lists icen');
  const file = path.join(dir, 'strict.json');
  fs.writeFileSync(file, JSON.stringify({ version: 1, nics: [{ ...icen, minDriverVersion: '1.20.0.0', source: 'our lab', verified: true }] }));
  return file;
}

it('without --catalog the clean example passes; a stricter workspace catalog makes its driver too old', async () => {
  const plain = await cli(['--format', 'json', 'examples/rack-a.edp.json']);
  assert.equal(plain.code, 0, plain.stderr);
  const strict = await cli(['--format', 'json', '--catalog', strictIcenCatalog(), 'examples/rack-a.edp.json']);
  assert.equal(strict.code, 1);
  const findings = JSON.parse(strict.stdout).files[0].findings as { rule: string; message: string }[];
  const tooOld = findings.filter((f) => f.rule === 'readiness/driver-too-old');
  assert.equal(tooOld.length, 2, 'one per host');
  assert.match(tooOld[0].message, /1\.20\.0\.0/);
  assert.match(tooOld[0].message, /our lab/);
});

it('a catalog that is not valid is a usage error naming the file', async () => {
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ version: 1, nics: [{ driver: 'x' }] }));
  const result = await cli(['--catalog', bad, 'examples/rack-a.edp.json']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad\.json/);
  const missing = await cli(['--catalog', path.join(dir, 'nope.json'), 'examples/rack-a.edp.json']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read NIC catalog/);
});
