// Issue 12 item 8: property-based fuzzing of everything that reads user input. `npm test` runs
// 2,000+ cases; `npm run fuzz` 100,000 per property (FUZZ_RUNS), FUZZ_SEED replays a failure.
// For every input: no throw, every range inside the text, no non-finite number in the output,
// and a time budget per input (a hang guard: normal inputs take milliseconds).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import { analyze } from '../../src/core/analyze';
import { HwlocXmlError, hwlocTopologyDocument } from '../../src/core/import/hwloc';

const ROOT = path.resolve(__dirname, '../../..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || undefined;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/**
 * CPU milliseconds one input may take before it counts as a hang (far above any real file's
 * cost). CPU time, not wall-clock: on a loaded machine a normal input can wait seconds for a CPU.
 */
const BUDGET_MS = 5_000;
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const readDir = (dir: string, suffix: string) =>
  fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(suffix)).sort().map((f) => fs.readFileSync(path.join(ROOT, dir, f), 'utf8'));

const EXAMPLES = readDir('examples', '.edp.json').filter((t) => t.length < 100_000);
const MALFORMED = readDir('test/fixtures/malformed-json', '.edp.json');
const XML = readDir('test/fixtures/hwloc', '.xml').filter((t) => t.length < 40_000);
const HOSTILE_XML = readDir('test/fixtures/hostile', '.xml');

/** JSON-ish fragments a mutation splices in: the parser's usual trouble makers. */
const FRAGMENT = fc.oneof(
  fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud800', '/*', '//', '\n', '\r\n', '\ufeff', '\u0000', '\x1b[2J',
    'null', 'true', '-', '1e999', '-1e-999', '0x1F', 'NaN', 'Infinity', '123456789012345678901234567890', '"__proto__"', '"constructor"',
    '"hosts"', '"numaNode"', '"name"', '"uplinks"', '"lcores"', '"traffic"', '"model"', '"rules"', '-1', '0', '0.5', '1e308'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer().map(String),
  fc.double().map(String),
);

type Mutation = { at: number; cut: number; insert: string };
const MUTATION = fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: FRAGMENT });

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    out = out.slice(0, at) + m.insert + out.slice(at + m.cut);
  }
  return out;
}

/** Designs from the format's vocabulary with values in and out of range. */
const NUMBER = fc.oneof(fc.integer({ min: -2, max: 70 }), fc.constantFrom(0, 1, 2, 4, 64, 1024, 65536, 1e9, 1e15, 0.5, -1), fc.double({ noNaN: true, noDefaultInfinity: true }));
const NAME = fc.oneof(fc.constantFrom('vmnic0', 'vmnic1', 'vds-edp', 'esx-01', 'fw-1', '', 'x'.repeat(120), 'a\nb', '__proto__'), fc.string({ maxLength: 8 }));
const DESIGN = fc.record({
  version: fc.constantFrom(1, 1, 1, 2),
  target: fc.record({ release: fc.constantFrom('vcf-9.0', 'nsx-4.2', 'nope'), mode: fc.constantFrom('edp-standard', 'edp-performance', 'standard') }),
  hosts: fc.array(fc.record({
    name: NAME,
    cluster: fc.constantFrom('a', 'b'),
    cpu: fc.record({ sockets: NUMBER, coresPerSocket: NUMBER, threadsPerCore: NUMBER, ghz: NUMBER, llcMiB: NUMBER }),
    numaNodes: fc.array(fc.record({ id: NUMBER, socket: NUMBER, cores: NUMBER, memoryGiB: NUMBER }), { maxLength: 3 }),
    nics: fc.array(fc.record({ name: NAME, driver: fc.constantFrom('icen', 'nmlx5_core', 'bnxtnet', 'ixgben', 'x'), speedGbps: NUMBER, numaNode: NUMBER, queues: NUMBER }, { requiredKeys: ['name', 'speedGbps'] }), { maxLength: 3 }),
    switches: fc.array(fc.record({
      name: NAME,
      mode: fc.constantFrom('edp-standard', 'edp-performance', 'standard'),
      uplinks: fc.array(NAME, { maxLength: 2 }),
      mtu: NUMBER,
      lcores: fc.array(fc.record({ numaNode: NUMBER, count: NUMBER }), { maxLength: 2 }),
      flowCache: fc.record({ entries: NUMBER }),
      rxRingSize: NUMBER,
    }, { requiredKeys: ['name', 'mode', 'uplinks'] }), { maxLength: 2 }),
    vms: fc.array(fc.record({
      name: NAME,
      numaNode: NUMBER,
      vcpus: NUMBER,
      latencySensitivity: fc.constantFrom('normal', 'high'),
      vnics: fc.array(fc.record({
        name: NAME,
        switch: NAME,
        adapter: fc.constantFrom('vmxnet3', 'e1000'),
        queues: NUMBER,
        traffic: fc.record({ pps: NUMBER, packetBytes: NUMBER, flows: NUMBER, zipf: NUMBER, newFlowsPerSec: NUMBER }),
      }), { maxLength: 2 }),
    }), { maxLength: 2 }),
  }, { requiredKeys: ['name', 'cpu', 'nics', 'switches'] }), { maxLength: 2 }),
  model: fc.dictionary(fc.constantFrom('fastPathCyclesPerPacket', 'crossNumaPenalty', 'burstSize', 'flowcache.hitRate', 'bogus'), NUMBER, { maxKeys: 2 }),
}, { requiredKeys: ['version', 'hosts'] });

/** What must hold for any text; returns nothing, throws (with the reason) when it does not. */
function checkAnalysis(text: string): void {
  const started = cpuMs();
  const a = analyze(text);
  const ms = cpuMs() - started;
  assert.ok(ms < BUDGET_MS, `analysis took ${Math.round(ms)} ms of CPU`);
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const f of a.findings) {
    assert.doesNotMatch(f.message, /internal error/, f.message);
    for (const loc of [f, ...(f.related ?? [])]) {
      const s = loc.span!;
      assert.ok(s && s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length, `${f.rule}: span ${JSON.stringify(s)} outside ${text.length}`);
      const r = loc.range!;
      assert.ok(r.start.line < lineCount && r.end.line < lineCount, `${f.rule}: range ${JSON.stringify(r)} past line ${lineCount}`);
    }
  }
  const serialized = JSON.stringify(a.model ?? null, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `NONFINITE:${v}` : v));
  assert.doesNotMatch(serialized, /NONFINITE/, 'the model holds a non-finite number');
  // Names and keys from the file are echoed in quotes and may themselves read "Infinity": only
  // the message's own words and figures must never show a non-finite number.
  const unquoted = a.findings.map((f) => f.message.replace(/"[^"]*"/g, '""')).join('\n');
  assert.doesNotMatch(unquoted, /\bNaN\b|\bInfinity\b/, 'a message shows a non-finite number');
}

/** The examples' values with numbers replaced: valid designs at extreme loads, which reach the model. */
type Leaf = { path: (string | number)[] };
function numericLeaves(value: unknown, at: (string | number)[] = [], out: Leaf[] = []): Leaf[] {
  if (typeof value === 'number') out.push({ path: at });
  else if (Array.isArray(value)) value.forEach((v, i) => numericLeaves(v, [...at, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) numericLeaves(v, [...at, k], out);
  return out;
}
const EXAMPLE_VALUES = EXAMPLES.map((t) => parseJsonc(t)).filter((v) => typeof v === 'object' && v !== null);
const LOAD = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.double({ min: 0, max: 1e12, noNaN: true }), fc.constantFrom(0, 1, 2, 0.5, 4096, 524288, 1e9));

function withNumbers(value: unknown, changes: { leaf: number; to: number }[]): unknown {
  const copy = structuredClone(value);
  const leaves = numericLeaves(copy);
  for (const c of changes) {
    if (leaves.length === 0) break;
    const { path: p } = leaves[c.leaf % leaves.length];
    let parent = copy as Record<string | number, unknown>;
    for (const key of p.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[p[p.length - 1]] = c.to;
  }
  return copy;
}

const params = (numRuns: number) => ({ numRuns: RUNS ?? numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

describe('fuzz: analyze()', () => {
  it('the malformed-JSON corpus, as it is', () => {
    assert.ok(MALFORMED.length >= 10);
    for (const text of MALFORMED) checkAnalysis(text);
  });

  it('mutated examples and malformed files', () => {
    fc.assert(fc.property(fc.constantFrom(...EXAMPLES, ...MALFORMED), fc.array(MUTATION, { minLength: 1, maxLength: 4 }), (base, mutations) => {
      checkAnalysis(mutate(base, mutations));
    }), params(1000));
  });

  it('the examples at extreme numbers (valid designs through the model)', () => {
    fc.assert(fc.property(fc.constantFrom(...EXAMPLE_VALUES), fc.array(fc.record({ leaf: fc.nat(), to: LOAD }), { minLength: 1, maxLength: 6 }), (value, changes) => {
      checkAnalysis(JSON.stringify(withNumbers(value, changes), null, 2));
    }), params(300));
  });

  it('generated designs', () => {
    fc.assert(fc.property(DESIGN, fc.boolean(), (design, pretty) => {
      checkAnalysis(JSON.stringify(design, null, pretty ? 2 : undefined));
    }), params(500));
  });
});

describe('fuzz: hwloc import', () => {
  it('mutated lstopo exports import or fail with HwlocXmlError, and stay within the schema', () => {
    const XML_FRAGMENT = fc.oneof(FRAGMENT, fc.constantFrom('<', '>', '/>', '<object type="PU" os_index="-1"/>', '<object type="NUMANode" os_index="99" cpuset="0xffffffff"/>',
      'cpuset="0xg"', 'os_index="x"', '&amp;', '&#0;', '<!ENTITY a "b">', '<![CDATA[', 'type="Package"', '__proto__="1"', '<info name="HostName" value=""/>'));
    fc.assert(fc.property(fc.constantFrom(...XML, ...HOSTILE_XML), fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 30 }), insert: XML_FRAGMENT }), { minLength: 1, maxLength: 3 }), (base, mutations) => {
      const xml = mutate(base, mutations);
      const started = cpuMs();
      let doc;
      try {
        doc = hwlocTopologyDocument(xml);
      } catch (e) {
        assert.ok(e instanceof HwlocXmlError, `${(e as Error).stack}`);
        assert.ok(!/\n/.test(e.message));
        return;
      } finally {
        assert.ok(cpuMs() - started < BUDGET_MS, `import took ${Math.round(cpuMs() - started)} ms of CPU`);
      }
      const violations = analyze(JSON.stringify(doc.topology)).findings
        .filter((f) => f.rule === 'schema/invalid' || f.rule === 'parse/invalid-json')
        .filter((f) => !/is missing the required property/.test(f.message));
      assert.deepEqual(violations.map((f) => f.message), []);
    }), params(300));
  });
});
