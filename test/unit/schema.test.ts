// The topology schema and its findings: what validates, what does not, and where the squiggle lands.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv, { type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import * as jsonls from 'vscode-json-languageservice';
import { analyze } from '../../src/core/analyze';
import type { Finding } from '../../src/core/findings';
import { findingsFromErrors, MAX_SCHEMA_FINDINGS, validateStructure } from '../../src/core/schema';
import { stripBom } from '../../src/core/text';
import { validateTopology } from '../../src/core/generated/topology-validator';
import type { Cpu, Host, Lag, LcoreGroup, MeasuredLcore, NamedTeaming, NumaNode, Nic, Switch, SwitchMeasured, Target, Teaming, Topology, Traffic, Vm, Vnic } from '../../src/core/topology';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas/topology.schema.json'), 'utf8'));

/** DESIGN §2's example, comments and all. */
const EXAMPLE = readFileSync(join(__dirname, '../../../docs/format-example.edp.json'), 'utf8');

function exampleValue(): Topology {
  return JSON.parse(EXAMPLE.replace(/\/\/[^\n]*/g, '')) as Topology;
}

/** The example with a change applied to its plain-JSON value, pretty-printed. */
function variant(change: (t: Topology & Record<string, unknown>) => void): string {
  const t = exampleValue() as Topology & Record<string, unknown>;
  change(t);
  return JSON.stringify(t, null, 2);
}

function schemaFindings(text: string): Finding[] {
  return analyze(text).findings.filter((f) => f.rule === 'schema/invalid');
}

/**
 * Where `needle` (its `nth` occurrence) is, counted here by hand rather than by the core's
 * LineIndex: lines end at \r\n or \n, characters are UTF-16 units.
 */
function rangeOf(text: string, needle: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} occurs ${nth + 1} times`);
  const position = (at: number) => {
    const before = text.slice(0, at).split(/\r\n|\n/);
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}

function only(findings: Finding[], path: string): Finding {
  const at = findings.filter((f) => f.path === path);
  assert.equal(at.length, 1, `one finding at ${path}, got ${JSON.stringify(findings.map((f) => [f.path, f.message]))}`);
  return at[0];
}

describe('valid files', () => {
  it("DESIGN §2's example, with its comments, has no structural finding and yields a topology", () => {
    const analysis = analyze(EXAMPLE);
    assert.deepEqual(analysis.findings.filter((f) => f.rule === 'parse/invalid-json' || f.rule === 'schema/invalid'), []);
    assert.ok(analysis.topology, 'the validated topology is handed to the rules');
    assert.deepEqual(validateStructure(exampleValue()), []);
  });

  it('optional parts may be left out, "$schema" may be written, edp-dedicated is a mode', () => {
    const minimal = {
      $schema: './topology.schema.json',
      version: 1,
      target: { release: 'vcf-9.1', mode: 'edp-dedicated' },
      hosts: [{ name: 'h', cpu: { sockets: 1, coresPerSocket: 8, ghz: 2, llcMiB: 16 }, nics: [], switches: [{ name: 's', uplinks: [] }] }],
    };
    assert.deepEqual(validateStructure(minimal), []);
  });

  it('flow-cache sizes NSX would round up (3, 5000) are left to the readiness warning, not rejected', () => {
    for (const entries of [1, 3, 5000, 1_000_000]) {
      assert.deepEqual(schemaFindings(variant((t) => { t.hosts[0].switches[0].flowCache = { entries }; })), [], String(entries));
    }
  });

  it('bounds admit the values real hosts have', () => {
    const t = exampleValue();
    t.hosts[0].switches[0].mtu = 1280;
    t.hosts[0].vms![0].vnics[0].traffic = { pps: 0, packetBytes: 60, flows: 1, zipf: 0, newFlowsPerSec: 0 };
    assert.deepEqual(validateStructure(t), []);
    t.hosts[0].switches[0].mtu = 9216;
    t.hosts[0].vms![0].vnics[0].traffic = { pps: 1.2e9, packetBytes: 9216, flows: 1e6, zipf: 3 };
    t.hosts[0].nics[0].speedGbps = 400;
    assert.deepEqual(validateStructure(t), []);
  });
});

describe('each kind of error lands on the right node', () => {
  it('a missing top-level property: the first character of the file, naming the property', () => {
    const text = variant((t) => { delete (t as Partial<Topology>).target; });
    const f = only(schemaFindings(text), '');
    assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.match(f.message, /missing the required property "target"/);
    assert.match(f.message, /Add "target": \{ "release": …, "mode": … \}/);
  });

  it('a missing property of an array element (no key of its own): the element\'s opening brace', () => {
    const text = variant((t) => { delete (t.hosts[0] as Partial<Host>).cpu; });
    const f = only(schemaFindings(text), '/hosts/0');
    assert.deepEqual(f.range, rangeOf(text, '{', 2)); // root, target, then the host
    assert.match(f.message, /^Host "esx-01" is missing the required property "cpu"/);
  });

  it('a missing property of a keyed object: that object\'s key', () => {
    const text = variant((t) => { delete (t.hosts[0].cpu as Partial<Cpu>).llcMiB; });
    const f = only(schemaFindings(text), '/hosts/0/cpu');
    assert.deepEqual(f.range, rangeOf(text, '"cpu"'));
    assert.match(f.message, /"llcMiB"/);
  });

  it('a misspelled property: its key, with the closest allowed name', () => {
    const text = variant((t) => {
      const host = t.hosts[0] as unknown as Record<string, unknown>;
      host.nmae = host.name;
      delete host.name;
    });
    const findings = schemaFindings(text);
    const extra = only(findings, '/hosts/0/nmae');
    assert.deepEqual(extra.range, rangeOf(text, '"nmae"'));
    assert.match(extra.message, /Unknown property "nmae"/);
    assert.match(extra.message, /Did you mean "name"\?/);
    assert.match(only(findings, '/hosts/0').message, /missing the required property "name"/);
  });

  it('a property in the wrong object is pointed to where it belongs', () => {
    const text = variant((t) => { (t.hosts[0] as unknown as Record<string, unknown>).mtu = 9000; });
    const f = only(schemaFindings(text), '/hosts/0/mtu');
    assert.match(f.message, /"mtu" belongs in a switch/);
  });

  it('a bad enum value: the value, with every allowed mode listed', () => {
    const text = variant((t) => { (t.hosts[0].switches[0] as unknown as Record<string, unknown>).mode = 'edp-fast'; });
    const f = only(schemaFindings(text), '/hosts/0/switches/0/mode');
    assert.deepEqual(f.range, rangeOf(text, '"edp-fast"'));
    for (const mode of ['standard', 'edp-standard', 'edp-performance', 'edp-dedicated']) assert.ok(f.message.includes(`"${mode}"`), mode);
    assert.match(f.message, /"edp-fast"/);
    assert.match(f.message, /switch "vds-edp" of host "esx-01"/);
  });

  it('a mode of the wrong type gives one finding, listing the modes', () => {
    const text = variant((t) => { (t.target as unknown as Record<string, unknown>).mode = 1; });
    const f = only(schemaFindings(text), '/target/mode');
    assert.match(f.message, /is 1, but it must be text in quotes\. Use one of: "standard", "edp-standard", "edp-performance", "edp-dedicated"\./);
  });

  it('a near miss of an enum value is suggested', () => {
    const text = variant((t) => { (t.hosts[0].switches[0] as unknown as Record<string, unknown>).lcoreAssignment = 'cpu_usage'; });
    assert.match(only(schemaFindings(text), '/hosts/0/switches/0/lcoreAssignment').message, /Did you mean "cpu-usage"\?/);
  });

  it('a wrong type: the value, saying what was found and how to fix it', () => {
    const text = variant((t) => { (t.hosts[0].nics[0] as unknown as Record<string, unknown>).speedGbps = '100'; });
    const f = only(schemaFindings(text), '/hosts/0/nics/0/speedGbps');
    assert.deepEqual(f.range, rangeOf(text, '"100"'));
    assert.match(f.message, /the text "100", but it must be a number\. Remove the quotes: 100\./);
  });

  it('a fraction where a count is needed', () => {
    const text = variant((t) => { t.hosts[0].switches[0].lcores![0].count = 2.5; });
    assert.match(only(schemaFindings(text), '/hosts/0/switches/0/lcores/0/count').message, /must be a whole number/);
  });

  it('values out of bounds: the value, with the figure and the allowed range', () => {
    const cases: [string, (t: Topology) => void, RegExp][] = [
      ['/hosts/0/switches/0/mtu', (t) => { t.hosts[0].switches[0].mtu = 1000; }, /is 1000, below the minimum of 1280\. Use a whole number from 1280 to 9216\./],
      ['/hosts/0/switches/0/lcores/0/count', (t) => { t.hosts[0].switches[0].lcores![0].count = 0; }, /is 0, below the minimum of 1/],
      ['/hosts/0/vms/0/vnics/0/traffic/packetBytes', (t) => { t.hosts[0].vms![0].vnics[0].traffic!.packetBytes = 9217; }, /above the maximum of 9216/],
      ['/hosts/0/vms/0/vnics/0/traffic/zipf', (t) => { t.hosts[0].vms![0].vnics[0].traffic!.zipf = 3.5; }, /above the maximum of 3/],
      ['/hosts/0/vms/0/vnics/0/traffic/pps', (t) => { t.hosts[0].vms![0].vnics[0].traffic!.pps = -5; }, /below the minimum of 0/],
      ['/hosts/0/vms/0/vnics/0/traffic/flows', (t) => { t.hosts[0].vms![0].vnics[0].traffic!.flows = 0; }, /below the minimum of 1/],
      ['/hosts/0/numaNodes/0/memoryGiB', (t) => { t.hosts[0].numaNodes![0].memoryGiB = 0; }, /must be above 0/],
      // Physical minimums: a clock, link or cache that small would only divide the model by ~0.
      ['/hosts/0/cpu/ghz', (t) => { t.hosts[0].cpu.ghz = 0.1; }, /below the minimum of 0\.5/],
      ['/hosts/0/nics/0/speedGbps', (t) => { t.hosts[0].nics[0].speedGbps = 0.001; }, /below the minimum of 1\b/],
      ['/hosts/0/cpu/llcMiB', (t) => { t.hosts[0].cpu.llcMiB = 0.5; }, /below the minimum of 1\b/],
      ['/hosts/0/numaNodes/1/id', (t) => { t.hosts[0].numaNodes![1].id = 64; }, /above the maximum of 63/],
    ];
    for (const [path, change, message] of cases) {
      const text = variant(change);
      const f = only(schemaFindings(text), path);
      assert.match(f.message, message, path);
      const value = f.message.match(/ is (-?[\d.]+)/)![1];
      assert.equal(text.slice(f.span!.offset, f.span!.offset + f.span!.length), value, `${path} underlines the value`);
    }
  });

  it('too many items: the list\'s key', () => {
    const text = variant((t) => { t.hosts[0].nics = Array.from({ length: 33 }, (_, i) => ({ ...t.hosts[0].nics[0], name: `vmnic${i}` })); });
    const f = only(schemaFindings(text), '/hosts/0/nics');
    assert.deepEqual(f.range, rangeOf(text, '"nics"'));
    assert.match(f.message, /has 33 items, more than the 32 allowed/);
  });

  it('a duplicate uplink: the repeat', () => {
    const text = variant((t) => { t.hosts[0].switches[0].uplinks = ['vmnic4', 'vmnic4']; });
    const f = only(schemaFindings(text), '/hosts/0/switches/0/uplinks/1');
    assert.deepEqual(f.range, rangeOf(text, '"vmnic4"', 2));
    assert.match(f.message, /twice \(items 1 and 2\)/);
  });

  it('version, release and rule ids', () => {
    const text = variant((t) => {
      (t as unknown as Record<string, unknown>).version = 2;
      t.target.release = '9.0';
      t.rules = { 'FlowCache/low-hit-rate': 'warning', 'tlb/imbalance': 'loud' as 'off' };
    });
    const findings = schemaFindings(text);
    assert.match(only(findings, '/version').message, /format version 1/);
    assert.match(only(findings, '/target/release').message, /"9\.0".*"vcf-9\.0"/);
    const ruleKey = only(findings, '/rules/FlowCache~1low-hit-rate');
    assert.deepEqual(ruleKey.range, rangeOf(text, '"FlowCache/low-hit-rate"'));
    assert.match(ruleKey.message, /Rule ids are lowercase: did you mean "flowcache\/low-hit-rate"\?/);
    assert.match(only(findings, '/rules/tlb~1imbalance').message, /"off", "info", "warning", "error"/);
  });

  it('a file that is not an object', () => {
    const [f] = schemaFindings('[1, 2]');
    assert.match(f.message, /^The file is a list of 2 items, but it must be an object/);
  });
});

describe('ranges survive line ends, a BOM and comments', () => {
  const base = `{
  "version": 1,
  // the release and default mode
  "target": { "release": "vcf-9.0", "mode": "edp-fast" },
  /* one host,
     badly spelled */
  "hosts": [ { "name": "h", "cpu": { "sockets": 1, "coresPerSocket": 8, "ghz": 2, "llcMiB": 16 },
               "nics": [], "switches": [], "nmae": 1 } ]
}`;
  const variants: [string, string][] = [
    ['LF', base],
    ['CRLF', base.replace(/\n/g, '\r\n')],
    ['BOM, LF', '\uFEFF' + base],
    ['BOM, CRLF', '\uFEFF' + base.replace(/\n/g, '\r\n')],
  ];
  for (const [name, raw] of variants) {
    it(name, () => {
      const text = stripBom(raw);
      const findings = schemaFindings(text);
      assert.deepEqual(only(findings, '/target/mode').range, rangeOf(text, '"edp-fast"'));
      assert.deepEqual(only(findings, '/hosts/0/nmae').range, rangeOf(text, '"nmae"'));
      assert.equal(findings.length, 2);
    });
  }
});

describe('noise control', () => {
  const error = (over: Partial<ErrorObject>): ErrorObject =>
    ({ instancePath: '', schemaPath: '#', keyword: 'type', params: {}, message: '', ...over }) as ErrorObject;

  it('duplicate errors give one finding', () => {
    const bad = error({ instancePath: '/version', keyword: 'const', params: { allowedValue: 1 } });
    const findings = findingsFromErrors([bad, bad, { ...bad }], { version: 3 });
    assert.equal(findings.length, 1);
  });

  it('anyOf/oneOf: the umbrella is dropped and the deepest branch kept', () => {
    const value = { x: { y: 'a' } };
    const errors = [
      error({ instancePath: '/x', schemaPath: '#/properties/x/anyOf/0/type', keyword: 'type', params: { type: 'string' } }),
      error({ instancePath: '/x/y', schemaPath: '#/properties/x/anyOf/1/properties/y/type', keyword: 'type', params: { type: 'number' } }),
      error({ instancePath: '/x', schemaPath: '#/properties/x/anyOf', keyword: 'anyOf', params: {} }),
    ];
    const findings = findingsFromErrors(errors, value);
    assert.deepEqual(findings.map((f) => f.path), ['/x/y']);
    assert.match(findings[0].message, /must be a number/);
  });

  it('anyOf branches failing on the same node merge into one type finding', () => {
    const errors = [
      error({ instancePath: '/x', schemaPath: '#/properties/x/oneOf/0/type', keyword: 'type', params: { type: 'string' } }),
      error({ instancePath: '/x', schemaPath: '#/properties/x/oneOf/1/type', keyword: 'type', params: { type: 'integer' } }),
      error({ instancePath: '/x', schemaPath: '#/properties/x/oneOf', keyword: 'oneOf', params: {} }),
    ];
    const findings = findingsFromErrors(errors, { x: true });
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /must be text in quotes or a whole number/);
  });

  it(`exactly ${MAX_SCHEMA_FINDINGS} findings are all shown; one more turns the last into a count`, () => {
    const errorsFor = (n: number) => Array.from({ length: n }, (_, i) => error({ instancePath: `/rules/r~1${i}`, keyword: 'enum', params: { allowedValues: ['off'] } }));
    const value = (n: number) => ({ rules: Object.fromEntries(Array.from({ length: n }, (_, i) => [`r/${i}`, 'loud'])) });
    const full = findingsFromErrors(errorsFor(MAX_SCHEMA_FINDINGS), value(MAX_SCHEMA_FINDINGS));
    assert.equal(full.length, MAX_SCHEMA_FINDINGS);
    assert.ok(full.every((f) => f.path !== ''));
    const over = findingsFromErrors(errorsFor(MAX_SCHEMA_FINDINGS + 1), value(MAX_SCHEMA_FINDINGS + 1));
    assert.equal(over.length, MAX_SCHEMA_FINDINGS);
    assert.match(over[MAX_SCHEMA_FINDINGS - 1].message, /^2 more structural errors are not listed/);
  });

  it(`5000 bad values give at most ${MAX_SCHEMA_FINDINGS} findings, the last one counting the rest, quickly`, () => {
    const rules = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`tlb/r${i}`, 'loud']));
    const text = variant((t) => { t.rules = rules as Topology['rules']; });
    const started = performance.now();
    const analysis = analyze(text);
    const elapsed = performance.now() - started;
    const findings = analysis.findings.filter((f) => f.rule === 'schema/invalid');
    assert.equal(findings.length, MAX_SCHEMA_FINDINGS);
    const summary = findings.find((f) => f.path === '');
    assert.match(summary!.message, /^4801 more structural errors are not listed/);
    assert.ok(elapsed < 2000, `${elapsed} ms`);
  });

  it('a 10 MB file returns findings without throwing', () => {
    const host = exampleValue().hosts[0];
    const hosts = Array.from({ length: 2600 }, (_, i) => ({ ...host, name: `esx-${i}`, vms: Array.from({ length: 8 }, (_, v) => ({ ...host.vms![0], name: `vm-${v}` })) }));
    const text = JSON.stringify({ ...exampleValue(), hosts }, null, 1);
    assert.ok(text.length > 10e6, `${text.length} characters`);
    assert.match(only(schemaFindings(text), '/hosts').message, /has 2600 items, more than the 2000 allowed/);
    // Parsing 10 MB is jsonc-parser's time; the schema check on top of it must stay small.
    const value = JSON.parse(text);
    const started = performance.now();
    assert.equal(validateStructure(value).length, 1);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 3000, `${elapsed} ms`);
  });

  it('binary garbage returns findings without throwing', () => {
    let seed = 7;
    const garbage = Array.from({ length: 20_000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 0xd800)).join('');
    const analysis = analyze(garbage);
    assert.ok(analysis.findings.length > 0);
    assert.equal(analysis.topology, undefined);
    for (const value of [undefined, null, 0, 'x', [], [{}], { hosts: 'all' }]) assert.ok(validateStructure(value).length > 0, JSON.stringify(value));
  });
});

describe('the schema itself', () => {
  type Definition = { properties?: Record<string, { $ref?: string; description?: string; markdownDescription?: string }> };
  const definitions = SCHEMA.definitions as Record<string, Definition>;

  it('every property is described, for hover (plain and markdown)', () => {
    const objects: [string, Definition][] = [['(root)', SCHEMA], ...Object.entries(definitions), ['flowCache', definitions.switch.properties!.flowCache as Definition]];
    for (const [name, object] of objects) {
      for (const [key, property] of Object.entries(object.properties ?? {})) {
        // A $ref to an object definition is described by that definition.
        const described = property.$ref && definitions[property.$ref.replace('#/definitions/', '')].properties ? definitions[property.$ref.replace('#/definitions/', '')] : property;
        assert.ok((described as { description?: string }).description, `${name}.${key} has a description`);
        assert.ok((described as { markdownDescription?: string }).markdownDescription, `${name}.${key} has a markdownDescription`);
      }
    }
  });

  it('the schema and src/core/topology.ts name the same properties', () => {
    // Record<keyof T, 0> makes tsc fail when topology.ts gains or loses a field this list lacks.
    const keys = <T>(k: Record<keyof T, 0>) => Object.keys(k).sort();
    const expected: Record<string, string[]> = {
      '(root)': keys<Topology & { $schema: string }>({ $schema: 0, version: 0, name: 0, description: 0, target: 0, hosts: 0, rules: 0, model: 0 }),
      target: keys<Target>({ release: 0, mode: 0 }),
      host: keys<Host>({ name: 0, cluster: 0, cpu: 0, numaNodes: 0, nics: 0, switches: 0, vms: 0 }),
      cpu: keys<Cpu>({ model: 0, sockets: 0, coresPerSocket: 0, threadsPerCore: 0, ghz: 0, llcMiB: 0 }),
      numaNode: keys<NumaNode>({ id: 0, socket: 0, cores: 0, memoryGiB: 0 }),
      nic: keys<Nic>({ name: 0, model: 0, driver: 0, driverVersion: 0, firmware: 0, speedGbps: 0, numaNode: 0, queues: 0, pciVendorId: 0, pciDeviceId: 0 }),
      switch: keys<Switch>({ name: 0, mode: 0, uplinks: 0, mtu: 0, transportVlan: 0, lags: 0, teaming: 0, namedTeamings: 0, lcores: 0, lcoreAssignment: 0, flowCache: 0, rxRingSize: 0, measured: 0 }),
      lag: keys<Lag>({ name: 0, uplinks: 0, mode: 0, loadBalancing: 0, timeout: 0 }),
      teaming: keys<Teaming>({ policy: 0, active: 0, standby: 0 }),
      namedTeaming: keys<NamedTeaming>({ name: 0, policy: 0, active: 0, standby: 0 }),
      measured: keys<SwitchMeasured>({ at: 0, seconds: 0, source: 0, hitRateFrom: 0, lcores: 0 }),
      measuredLcore: keys<MeasuredLcore>({ lcore: 0, numaNode: 0, hitRate: 0, flows: 0, newFlowsPerSec: 0, pps: 0, counters: 0 }),
      lcoreGroup: keys<LcoreGroup>({ numaNode: 0, count: 0 }),
      vm: keys<Vm>({ name: 0, numaNode: 0, vcpus: 0, latencySensitivity: 0, vnics: 0 }),
      vnic: keys<Vnic>({ name: 0, switch: 0, adapter: 0, queues: 0, traffic: 0 }),
      traffic: keys<Traffic>({ pps: 0, packetBytes: 0, flows: 0, zipf: 0, newFlowsPerSec: 0, rxShare: 0 }),
    };
    for (const [name, props] of Object.entries(expected)) {
      const object = name === '(root)' ? SCHEMA : definitions[name];
      assert.deepEqual(Object.keys(object.properties).sort(), props, name);
    }
  });

  it('the generated validator and docs/FORMAT.md are current (the CI guard passes)', () => {
    const result = spawnSync(process.execPath, ['scripts/check-generated.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });

  it('the precompiled validator reports what ajv reports for the schema, instance paths included', () => {
    // The validator is generated at build time from the schema without its annotations
    // (scripts/gen-validators.mjs): compare it with ajv compiling the schema here, on broken documents.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const reference = ajv.compile(SCHEMA);
    const base = parseJsonc(EXAMPLE) as unknown;
    const odd = fc.constantFrom<unknown>(null, -1, 1.5, 'x', '', [], {}, true, 1e10, 70, { name: 1 }, [1, 2], 'vmnic0', 0);
    // An edit: a walk from the root by indexes into keys/elements, then a value put there, a key added or a key removed.
    const edit = fc.record({ steps: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), value: odd, how: fc.constantFrom('set', 'add', 'delete') });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const doc = structuredClone(base) as Record<string, unknown>;
        for (const { steps, value, how } of edits) {
          let node: Record<string, unknown> = doc;
          for (let i = 0; i < steps.length; i++) {
            const keys = Object.keys(node);
            if (keys.length === 0) break;
            const key = keys[steps[i] % keys.length];
            const next = node[key];
            if (i === steps.length - 1 || typeof next !== 'object' || next === null) {
              if (how === 'delete' && !Array.isArray(node)) delete node[key];
              else if (how === 'add' && !Array.isArray(node)) node[`extra${steps[i] % 3}`] = value;
              else node[key] = value;
              break;
            }
            node = next as Record<string, unknown>;
          }
        }
        const valid = validateTopology(doc);
        assert.equal(valid, reference(doc));
        assert.deepStrictEqual(validateTopology.errors ?? null, reference.errors ?? null);
      }),
      { numRuns: 300 },
    );
  });

  it('nothing in src/ compiles a schema or code at run time', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) {
          if (entry !== 'generated') walk(path);
        } else if (/\.ts$/.test(entry) && /new Function\(|\.compile\(|from 'ajv'(?!.*type)|require\(['"]ajv['"]\)/.test(readFileSync(path, 'utf8').replace(/^import type .*$/gm, ''))) {
          offenders.push(path);
        }
      }
    };
    walk(join(ROOT, 'src'));
    assert.deepEqual(offenders, []);
  });
});

describe("VS Code's JSON language service reads the same schema", () => {
  const service = jsonls.getLanguageService({});
  service.configure({ validate: true, allowComments: true, schemas: [{ uri: 'edp://topology.schema.json', fileMatch: ['*.edp.json'], schema: SCHEMA }] });
  const open = (text: string) => {
    const doc = jsonls.TextDocument.create('file:///ws/rack.edp.json', 'jsonc', 1, text);
    return { doc, json: service.parseJSONDocument(doc) };
  };
  const markdownOf = (hover: jsonls.Hover | null) => JSON.stringify(hover?.contents ?? '');

  it('the example validates clean there too, and a bad mode is flagged on its value', async () => {
    const { doc, json } = open(EXAMPLE);
    assert.deepEqual(await service.doValidation(doc, json, { comments: 'ignore', trailingCommas: 'ignore' }), []);
    const bad = open(EXAMPLE.replace('"mode": "edp-standard", "uplinks"', '"mode": "edp-fast", "uplinks"'));
    const [diagnostic] = await service.doValidation(bad.doc, bad.json, { comments: 'ignore', trailingCommas: 'ignore' });
    assert.deepEqual(diagnostic.range, rangeOf(bad.doc.getText(), '"edp-fast"'));
  });

  it('hover shows the markdown description where the property is used, also beside a $ref', async () => {
    const { doc, json } = open(EXAMPLE);
    const at = (needle: string) => doc.positionAt(EXAMPLE.indexOf(needle) + 2);
    assert.match(markdownOf(await service.doHover(doc, at('"entries"'), json)), /per lcore/);
    assert.match(markdownOf(await service.doHover(doc, at('"mode": "edp-standard" }'), json)), /Default mode of every switch/);
    assert.match(markdownOf(await service.doHover(doc, at('"mode": "edp-standard", "uplinks"'), json)), /omit it to use `target.mode`/);
    assert.match(markdownOf(await service.doHover(doc, at('"numaNode": 0, "queues"'), json)), /PCIe slot/);
  });

  it('completion offers the switch modes with their descriptions', async () => {
    const text = EXAMPLE.replace('"mode": "edp-standard", "uplinks"', '"mode": , "uplinks"');
    const { doc, json } = open(text);
    const list = await service.doComplete(doc, doc.positionAt(text.indexOf('"mode": , "uplinks"') + 8), json);
    const labels = list!.items.map((i) => i.label);
    assert.deepEqual(labels.sort(), ['"edp-dedicated"', '"edp-performance"', '"edp-standard"', '"standard"']);
    assert.ok(list!.items.every((i) => i.documentation), 'each mode is explained');
  });
});
