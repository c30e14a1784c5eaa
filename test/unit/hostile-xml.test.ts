// Issue 12 items 1 and 4: whatever XML the importer is given, the answer is a document that
// differs from a valid one only by the fields left out on purpose, or one line that says why.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runImportHwloc } from '../../src/cli/import-hwloc';
import { analyze } from '../../src/core/analyze';
import { HwlocXmlError, hwlocTopologyDocument } from '../../src/core/import/hwloc';
import { largeHwlocXml } from '../support/largeHwloc';

const HOSTILE = resolve(__dirname, '../../../test/fixtures/hostile');
const read = (file: string) => readFileSync(join(HOSTILE, file), 'utf8');

function importCli(argv: string[], cwd = HOSTILE) {
  let stdout = '';
  let stderr = '';
  const code = runImportHwloc(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

/** The schema findings of an imported document other than "missing the required property": there must be none. */
function schemaViolations(doc: unknown): string[] {
  return analyze(JSON.stringify(doc, null, 2)).findings
    .filter((f) => f.rule === 'schema/invalid' || f.rule === 'parse/invalid-json')
    .filter((f) => !/is missing the required property/.test(f.message))
    .map((f) => `${f.path}: ${f.message}`);
}

function deepXml(depth: number): string {
  return `<?xml version="1.0"?>\n<topology version="2.0">\n${'<object type="Group" cpuset="0x1">'.repeat(depth)}${'</object>'.repeat(depth)}\n</topology>\n`;
}

describe('hostile hwloc XML', () => {
  const refused: [string, RegExp][] = [
    ['entity-expansion.xml', /declares XML entities/],
    ['external-entity.xml', /declares XML entities/],
    ['bad-bitmap.xml', /<object type="Core"> number 1 .*cpuset="0xZZ,not-a-bitmap".*not an hwloc bitmap/],
    ['non-integer-index.xml', /<object type="NUMANode"> number 1 .*os_index="one".*not a whole number/],
  ];
  for (const [file, reason] of refused) {
    it(`${file}: exit 2 with one line that says why and where`, () => {
      const r = importCli([file]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, reason);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
      assert.doesNotMatch(r.stderr, /root:/, 'the external entity is never read');
    });
  }

  it('deep nesting is refused with one line, not a stack overflow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edp-hostile-'));
    writeFileSync(join(dir, 'deep.xml'), deepXml(5000));
    const r = importCli(['deep.xml'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /nested more than \d+ elements deep/);
    assert.throws(() => hwlocTopologyDocument(deepXml(100_000)), HwlocXmlError);
  });

  it('a reference to an entity XML does not predefine is refused with where it is, not kept as text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edp-hostile-'));
    writeFileSync(join(dir, 'nbsp.xml'), read('bad-bitmap.xml').replace('0xZZ,not-a-bitmap', '0x1&nbsp;'));
    const r = importCli(['nbsp.xml'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /not well-formed XML \(line \d+, column \d+: .*&nbsp;/);
  });

  it('__proto__ attributes, infos and elements are names like any other', () => {
    const { topology } = hwlocTopologyDocument(read('proto-attributes.xml'));
    assert.equal(topology.hosts[0].name, 'proto-host');
    assert.equal(topology.hosts[0].cpu.sockets, 1);
    assert.equal(topology.hosts[0].cpu.coresPerSocket, 1);
    assert.equal(topology.hosts[0].cpu.threadsPerCore, 2);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'no prototype was changed');
    assert.deepEqual(schemaViolations(topology), []);
  });

  it('out-of-range facts become notes and the document stays within the schema', () => {
    const { topology, notes } = hwlocTopologyDocument(read('out-of-range.xml'));
    const host = topology.hosts[0];
    assert.ok(host.name.length <= 100, 'the 300-character host name is cut to the schema limit');
    assert.ok(notes.some((n) => /host name is 300 characters long/.test(n)), notes.join('\n'));
    assert.deepEqual(host.numaNodes?.map((n) => n.id), [1], 'the node with os_index -1 is left out');
    assert.ok(notes.some((n) => /os_index -1 is outside 0\.\.63/.test(n)), notes.join('\n'));
    assert.equal(host.numaNodes?.[0].memoryGiB, undefined, '10^20 bytes is over the schema maximum');
    assert.equal(host.nics[0].name, 'nic-1', 'an unnamed NIC gets a name the schema accepts');
    assert.deepEqual(schemaViolations(topology), []);
  });

  it('a host without CPUs imports with notes; the schema then asks for the counts', () => {
    const r = importCli(['no-pus.xml']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.match(r.stderr, /no processing units/);
    assert.deepEqual(schemaViolations(doc), []);
    assert.ok(analyze(r.stdout).findings.some((f) => /missing the required property "coresPerSocket"/.test(f.message)));
  });

  it('notes and errors escape control characters from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edp-hostile-'));
    writeFileSync(join(dir, 'esc.xml'), read('bad-bitmap.xml').replace('0xZZ,not-a-bitmap', '0xZZ&#10;error forged&#27;[31m'));
    const r = importCli(['esc.xml'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\x1b/);
  });
});

describe('import cost', () => {
  it('a 600 KB export imports within a generous budget (a hang guard, not a speed test: it took 35 s when quadratic)', () => {
    const xml = largeHwlocXml(8, 72);
    assert.ok(xml.length > 600_000, `${xml.length} characters`);
    const started = performance.now();
    const { topology } = hwlocTopologyDocument(xml);
    const ms = performance.now() - started;
    assert.equal(topology.hosts[0].cpu.coresPerSocket, 72);
    assert.equal(topology.hosts[0].numaNodes?.length, 8);
    assert.ok(ms < 10_000, `${Math.round(ms)} ms`);
  });
});
