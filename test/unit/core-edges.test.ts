// Issue 12 items 4 (budget), 6 and 7: the core's answer for text at the edges of the API.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { escapeControlChars } from '../../src/core/safeText';

const ROOT = path.resolve(__dirname, '../../..');
const RACK = fs.readFileSync(path.join(ROOT, 'examples/rack-a.edp.json'), 'utf8');

describe('"__proto__" keys', () => {
  it('a required property given only inside "__proto__" does not pass the schema, and the key is reported', () => {
    // Every host property is required; here they sit only in a "__proto__" object.
    const text = '{ "version": 1, "target": { "release": "vcf-9.0", "mode": "edp-standard" }, "hosts": [ { "__proto__": { "name": "h", "cpu": { "sockets": 1, "coresPerSocket": 8, "ghz": 2, "llcMiB": 30 }, "nics": [], "switches": [] } } ] }';
    const a = analyze(text);
    assert.equal(a.topology, undefined, 'not a valid topology');
    const proto = a.findings.find((f) => /"__proto__" is not allowed/.test(f.message));
    assert.ok(proto, JSON.stringify(a.findings));
    assert.equal(text.slice(proto.span!.offset, proto.span!.offset + proto.span!.length), '"__proto__"');
  });

  it('an escaped "__pro\\u0074o__" key is the same key', () => {
    const a = analyze('{ "version": 1, "__pro\\u0074o__": { "hosts": [] } }');
    assert.ok(a.findings.some((f) => /"__proto__" is not allowed/.test(f.message)));
  });
});

describe('text edges', () => {
  it('a BOM is accepted: the same findings, at the same offsets, as without it', () => {
    const withBom = analyze(`\ufeff${RACK}`);
    assert.ok(!withBom.findings.some((f) => f.rule === 'parse/invalid-json'), JSON.stringify(withBom.findings[0]));
    assert.ok(withBom.model, 'the model is computed');
    const without = analyze(` ${RACK}`);
    assert.deepEqual(withBom.findings.map((f) => [f.rule, f.span]), without.findings.map((f) => [f.rule, f.span]));
  });

  it('a parse error at the end of the text has a span inside the text', () => {
    for (const text of ['{"version": 1', '{"version": 1,', '[', '{"a": "unclosed', '{ /* open comment']) {
      for (const f of analyze(text).findings) {
        assert.ok(f.span!.offset >= 0 && f.span!.offset + f.span!.length <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(f.span)}`);
      }
    }
  });

  it('a 1 MB unknown key is not echoed whole (nor compared by edit distance)', () => {
    const key = 'k'.repeat(1_000_000);
    const a = analyze(RACK.replace('"version": 1', `"version": 1, "${key}": 1`));
    const unknown = a.findings.find((f) => /Unknown property/.test(f.message));
    assert.ok(unknown);
    assert.ok(unknown.message.length < 1000, `${unknown.message.length} characters`);
    assert.match(unknown.message, /k…"/);
  });
});

describe('analysis budget', () => {
  it('a spent budget stops the analysis with a finding that says so, instead of running on', () => {
    const a = analyze(RACK, { budgetMs: 0 });
    const stop = a.findings.find((f) => f.rule === 'analysis/budget-exceeded');
    assert.ok(stop, JSON.stringify(a.findings));
    assert.match(stop.message, /stopped before the schema check.*budget of 0 ms/);
    assert.equal(a.model, undefined);
    assert.equal(stop.severity, 'warning');
  });

  it('no budget, or an ample one, changes nothing', () => {
    const plain = analyze(RACK);
    const ample = analyze(RACK, { budgetMs: 3_600_000 });
    assert.deepEqual(ample.findings, plain.findings);
    assert.ok(ample.model);
  });
});

describe('escapeControlChars', () => {
  it('writes control characters as escapes and leaves other text alone', () => {
    assert.equal(escapeControlChars('a\nb\r\tc\x1b[31m\u0000\u2028é'), 'a\\nb\\r\\tc\\u001b[31m\\u0000\\u2028é');
  });
});
