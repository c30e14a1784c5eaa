// Issue 12 items 4 (budget), 6 and 7: the core's answer for text at the edges of the API.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { createAnalyzer } from '../../src/core/analyzer';
import { escapeControlChars } from '../../src/core/present';
import { edpSwitch, host, loadVm, topology } from './model-fixtures';

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
  it('a BOM is read as VS Code and the CLI read it (dropped): the same findings at the same offsets and ranges', () => {
    const text = RACK.replace('"version": 1', '"version": 1, "nmae": 1');
    const withBom = analyze(`\ufeff${text}`);
    assert.ok(!withBom.findings.some((f) => f.rule === 'parse/invalid-json'), JSON.stringify(withBom.findings[0]));
    assert.ok(withBom.model, 'the model is computed');
    const without = analyze(text);
    assert.ok(without.findings.length > 0);
    assert.deepEqual(withBom.findings, without.findings);
    assert.deepEqual(withBom.lines.positionAt(5), without.lines.positionAt(5));
    // The incremental analyzer too, across an edit that adds the BOM.
    const analyzer = createAnalyzer();
    analyzer.analyze(text);
    assert.deepEqual(analyzer.analyze(`\ufeff${text}`).findings, without.findings);
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

  it('a design whose hosts together exceed the budget stops between hosts, with the findings of the hosts before', () => {
    // Each host has a flow-cache finding of its own (60,000 uniform flows against 4096 entries).
    const hosts = Array.from({ length: 24 }, (_, i) => host({
      name: `esx-${i + 1}`,
      switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }], { flowCache: { entries: 4096 } })],
      vms: [loadVm('vm', 0, 100_000, 'vds', 1, { flows: 60_000, zipf: 0 })],
    }));
    const text = JSON.stringify(topology(hosts), null, 2);
    // The clock counts its reads instead of timing (each read is a check of the budget): the
    // checks of a whole analysis, with an ample budget, are what the budget below is cut from.
    let reads = 0;
    const counting = () => reads++;
    const whole = analyze(text, { budgetMs: 1e9, budgetClock: counting });
    assert.equal(whole.findings.filter((f) => f.rule === 'flowcache/low-hit-rate').length, hosts.length);
    const checks = reads - 1;
    // Spent half way through the last stage's hosts: a budget checked between stages only would
    // not stop there at all (it would stop before the first stage or never).
    reads = 0;
    const a = analyze(text, { budgetMs: checks - hosts.length / 2, budgetClock: counting });
    const stop = a.findings.find((f) => f.rule === 'analysis/budget-exceeded');
    assert.ok(stop, `no budget finding among ${a.findings.map((f) => f.rule).join(', ')}`);
    const m = /stopped before the datapath model of host (\d+) of 24 \("esx-(\d+)"\)/.exec(stop.message);
    assert.ok(m, stop.message);
    const next = Number(m[1]);
    assert.equal(Number(m[2]), next, 'the host named is the one numbered');
    assert.ok(next > 1 && next < hosts.length, `stopped at host ${next}`);
    assert.deepEqual(stop.range?.start, { line: 0, character: 0 }, 'said at the top of the file');
    assert.equal(a.model, undefined, 'no partial model is shown as if it were whole');
    // The hosts modelled before the stop keep their findings; none after it has any.
    const lowHit = a.findings.filter((f) => f.rule === 'flowcache/low-hit-rate').map((f) => f.about.host);
    assert.deepEqual(lowHit, Array.from({ length: next - 1 }, (_, i) => i));
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
