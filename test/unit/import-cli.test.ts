// `edp-check import`: files and folders in, the document on stdout or --out, notes on stderr,
// exit 2 for what it cannot read; never over an existing file or an input without --force.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, mergeIntoDesign } from '../../src/core';
import { runCli } from '../support/cli';

const FIXTURES = resolve(__dirname, '../../../test/fixtures');

const cli = (argv: string[], cwd = FIXTURES) => runCli(argv, cwd);

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edp-import-'));
  cpSync(join(FIXTURES, 'import'), join(dir, 'import'), { recursive: true });
  return dir;
}

describe('edp-check import', () => {
  it('a folder of ESXi output becomes a topology on stdout that the checker reads; notes go to stderr', async () => {
    const r = await cli(['import', 'import/esx02-bundle']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.hosts[0].name, 'esx02.lab.example');
    assert.match(r.stderr, /^note: import\/esx02-bundle\/README\.md: not a host description of a known kind: skipped\.$/m);
    assert.match(r.stderr, /cpu\.ghz is in none of the inputs/);
    // The missing facts are findings of the result, not invented values.
    const findings = analyze(r.stdout).findings;
    assert.ok(findings.some((f) => /ghz/.test(f.message)), findings.map((f) => f.message).join('\n'));
    // No input names the switch's uplinks: left out (not an empty list), so the checker asks for them.
    assert.equal(doc.hosts[0].switches[0].uplinks, undefined);
    assert.match(r.stderr, /switch DvsPortset-0 has no uplinks in the inputs .*: left out for you to fill in\./);
    assert.ok(findings.some((f) => f.rule === 'schema/invalid' && /"uplinks"/.test(f.message)), findings.map((f) => f.message).join('\n'));
  });

  it('hwloc XML goes through the same verb', async () => {
    const r = await cli(['import', 'hwloc/24em64t-2n6c2t-pci.xml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).hosts[0].name, 'mirage004');
  });

  it('a named file of no known kind: exit 2, naming the file and the kinds understood', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'notes.txt'), 'nothing to see\n');
    const r = await cli(['import', 'notes.txt', 'import/esx01'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /notes\.txt: not a kind of host description this command reads/);
    for (const kind of ['hwloc XML', 'vSphere HostSystem', 'NSX transport node', 'ESXi command output']) assert.ok(r.stderr.includes(kind), kind);
  });

  it('exit 2 for a missing input, no input, and an unknown option', async () => {
    assert.match((await cli(['import', 'nope.txt'])).stderr, /cannot read nope\.txt: ENOENT/);
    assert.equal((await cli(['import'])).code, 2);
    assert.equal((await cli(['import', '--bogus', 'x'])).code, 2);
  });

  it('--out writes the file, and never over an existing file without --force, never over an input', async () => {
    const dir = scratch();
    const first = await cli(['import', 'import/esx01', '--out', 'esx01.edp.json'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    const written = readFileSync(join(dir, 'esx01.edp.json'), 'utf8');
    assert.equal(JSON.parse(written).hosts[0].switches[0].name, 'vds-edp');

    writeFileSync(join(dir, 'esx01.edp.json'), 'my edits');
    const again = await cli(['import', 'import/esx01', '--out', 'esx01.edp.json'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /will not replace esx01\.edp\.json: it exists\. Add --force/);
    assert.equal(readFileSync(join(dir, 'esx01.edp.json'), 'utf8'), 'my edits');

    const input = 'import/esx02-bundle/01-network.log';
    const before = readFileSync(join(dir, input), 'utf8');
    const overInput = await cli(['import', 'import/esx02-bundle', '--out', input], dir);
    assert.equal(overInput.code, 2);
    assert.match(overInput.stderr, /one of the files being read/);
    assert.equal(readFileSync(join(dir, input), 'utf8'), before);
    // not even with --force: an input is never an output
    const forcedOverInput = await cli(['import', 'import/esx02-bundle', '--out', input, '--force'], dir);
    assert.equal(forcedOverInput.code, 2);
    assert.equal(readFileSync(join(dir, input), 'utf8'), before);

    const forced = await cli(['import', 'import/esx01', '--out', 'esx01.edp.json', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(join(dir, 'esx01.edp.json'), 'utf8'), written);
  });

  it('--into keeps the design\'s values and comments, fills its gaps, lists differences, adds new hosts', async () => {
    const dir = scratch();
    const design = `{
  // rack A, written by hand
  "version": 1,
  "target": { "release": "vcf-9.0", "mode": "edp-performance" },
  "hosts": [
    {
      "name": "esx01",
      "cpu": { "sockets": 2, "coresPerSocket": 4, "ghz": 2.4 },
      "nics": [{ "name": "vmnic4", "speedGbps": 100 }],
      "switches": [{ "name": "vds-edp", "uplinks": ["vmnic4"] }]
    }
  ]
}
`;
    writeFileSync(join(dir, 'rack.edp.json'), design);
    const r = await cli(['import', 'import/esx01', 'import/esx02-bundle', '--into', 'rack.edp.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'rack.edp.json'), 'utf8'), design, 'the design is not written without --out');
    assert.ok(r.stdout.includes('// rack A, written by hand'));
    const merged = JSON.parse(r.stdout.replace(/^\s*\/\/.*$/gm, ''));
    const esx01 = merged.hosts[0];
    assert.equal(esx01.name, 'esx01');
    assert.equal(esx01.cpu.ghz, 2.4, "the design's value is kept");
    assert.equal(esx01.cpu.llcMiB, 60, 'a gap is filled');
    assert.equal(esx01.nics.find((n: { name: string }) => n.name === 'vmnic4').numaNode, 0);
    assert.ok(esx01.nics.some((n: { name: string }) => n.name === 'vmnic5'), 'a NIC the design lacks is added');
    assert.deepEqual(esx01.switches[0].uplinks, ['vmnic4']);
    assert.ok(esx01.switches[0].measured);
    assert.equal(merged.hosts[1].name, 'esx02.lab.example');
    assert.match(r.stderr, /^conflict: hosts\/0\/cpu\/ghz: the design has 2\.4, the import 2\.1 \(kept the design's\)$/m);
    assert.match(r.stderr, /^conflict: hosts\/0\/switches\/0\/uplinks: /m);
    assert.match(r.stderr, /1 host added \(esx02\.lab\.example\)/);
  });

  it('--into a file that is not JSON is refused', () => {
    assert.ok('error' in mergeIntoDesign('{ nope', []));
  });
});

describe('hwloc through import', () => {
  it('an lstopo export that recorded "localhost" names no host: it merges by order with the named input after it', async () => {
    const dir = scratch();
    const xml = readFileSync(join(FIXTURES, 'hwloc/24em64t-2n6c2t-pci.xml'), 'utf8').replace(/name="HostName" value="[^"]*"/, 'name="HostName" value="localhost.localdomain"');
    writeFileSync(join(dir, 'a-host.xml'), xml);
    writeFileSync(join(dir, 'b-name.txt'), '   Fully Qualified Domain Name: esx09.lab.example\n   Host Name: esx09\n');
    const r = await cli(['import', 'a-host.xml', 'b-name.txt'], dir);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.hosts.length, 1);
    assert.equal(doc.hosts[0].name, 'esx09.lab.example');
    assert.equal(doc.hosts[0].cpu.sockets, 2);
  });
});
