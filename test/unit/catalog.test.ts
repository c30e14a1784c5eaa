// The NIC catalog is data the readiness rules and the hwloc import read: it must follow its own
// schema, carry a source for every entry, and merge with workspace catalogs by driver.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { BUNDLED_CATALOG, catalogLookup, checkCatalog, entryForDriver, mergeCatalogs, type NicCatalog } from '../../src/core/readiness/catalog';

const ROOT = join(__dirname, '..', '..', '..');

it('the bundled catalog validates against schemas/nic-catalog.schema.json', () => {
  const check = checkCatalog(JSON.parse(readFileSync(join(ROOT, 'schemas/nic-catalog.json'), 'utf8')));
  assert.deepEqual(check.problems, []);
});

it('every entry names its source and whether it is verified; stated minimums are kept', () => {
  for (const e of BUNDLED_CATALOG.nics) {
    assert.ok(e.source.length > 10, e.driver);
    assert.equal(typeof e.verified, 'boolean', e.driver);
  }
  assert.equal(entryForDriver(BUNDLED_CATALOG, 'i40en-ens')?.minDriverVersion, '1.1.3');
  for (const driver of ['e1000', 'ne1000', 'vmxnet3']) assert.deepEqual(entryForDriver(BUNDLED_CATALOG, driver)?.edpModes, [], driver);
  assert.equal(entryForDriver(BUNDLED_CATALOG, 'ICEN')?.family, 'E810', 'drivers match case-insensitively');
  // The DESIGN §2 example and examples/rack-a.edp.json (icen 1.14.2.0, firmware 4.40) must stay clean:
  // no minimum for icen without a source that states one.
  assert.equal(entryForDriver(BUNDLED_CATALOG, 'icen')?.minDriverVersion, undefined);
});

it('a broken user catalog is refused with sentences naming the entry at fault', () => {
  const missing = checkCatalog({ version: 1, nics: [{ vendor: 'X', family: 'Y', driver: 'foo', edpModes: ['turbo'] }] });
  assert.equal(missing.catalog, undefined);
  assert.ok(missing.problems.some((p) => /\/nics\/0 must have required property 'source'/.test(p)), missing.problems.join('\n'));
  assert.ok(missing.problems.some((p) => /\/nics\/0\/edpModes\/0 must be equal to one of the allowed values \(interrupt, poll\)/.test(p)), missing.problems.join('\n'));
  const entry = { vendor: 'X', family: 'Y', driver: 'foo', edpModes: ['poll'], source: 'lab', verified: true };
  const twice = checkCatalog({ version: 1, nics: [entry, { ...entry, family: 'Z' }] });
  assert.deepEqual(twice.problems, ['/nics/1 repeats driver "foo" of /nics/0; keep one entry per driver']);
  const badPattern = checkCatalog({ version: 1, nics: [{ ...entry, modelPattern: '(' }] });
  assert.match(badPattern.problems[0], /\/nics\/0\/modelPattern is not a regular expression/);
  assert.equal(checkCatalog('not a catalog').catalog, undefined);
});

it('merging: a workspace entry replaces the bundled entry of its driver, new drivers are added', () => {
  const workspace: NicCatalog = {
    version: 1,
    nics: [
      { vendor: 'Intel', family: 'E810', driver: 'icen', edpModes: ['interrupt'], minDriverVersion: '1.12', source: 'lab', verified: true },
      { vendor: 'Marvell', family: 'FastLinQ', driver: 'qedentv', edpModes: ['interrupt', 'poll'], source: 'lab', verified: true },
    ],
  };
  const merged = mergeCatalogs(BUNDLED_CATALOG, [workspace]);
  assert.equal(merged.nics.length, BUNDLED_CATALOG.nics.length + 1);
  assert.equal(entryForDriver(merged, 'icen')?.minDriverVersion, '1.12');
  assert.equal(entryForDriver(merged, 'qedentv')?.vendor, 'Marvell');
  assert.equal(entryForDriver(BUNDLED_CATALOG, 'icen')?.minDriverVersion, undefined, 'the bundled catalog is not changed');
  const later: NicCatalog = { version: 1, nics: [{ ...workspace.nics[0], minDriverVersion: '1.13' }] };
  assert.equal(entryForDriver(mergeCatalogs(BUNDLED_CATALOG, [workspace, later]), 'icen')?.minDriverVersion, '1.13', 'the last catalog wins');
});

it('the PCI lookup names a NIC for the hwloc import', () => {
  const lookup = catalogLookup(BUNDLED_CATALOG);
  assert.deepEqual(lookup('8086', '1592'), { driver: 'icen', model: 'Intel E810-CQDA2', speedGbps: 100 });
  assert.deepEqual(lookup('0x15B3', '101D'), { driver: 'nmlx5_core', model: 'Mellanox ConnectX-6 Dx' });
  assert.equal(lookup('dead', 'beef'), undefined);
});

it('the schema completes NIC models and drivers from the catalog (generated examples)', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/topology.schema.json'), 'utf8'));
  const nic = schema.definitions.nic.properties;
  const capable = BUNDLED_CATALOG.nics.filter((e) => e.edpModes.length > 0);
  assert.deepEqual(nic.driver.examples, capable.map((e) => e.driver));
  assert.ok(nic.model.examples.includes('Intel E810-CQDA2'));
  assert.ok(!nic.driver.examples.includes('e1000'), 'no completion for a driver EDP cannot use');
});
