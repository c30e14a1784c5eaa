// createAnalyzer(): per-document incremental analysis gives exactly what analyze() gives, and
// analyze() (fast parse, tree-free locating, per-host rules) gives what the plain pipeline gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Analysis, analyze, type AnalyzeOptions, createAnalyzer, type DatapathModel, modelWithoutCurves } from '../../src/core';
import { hostSpansOf } from '../../src/core/fastParse';
import { referenceAnalyze } from './reference-analyze';

const examples = join(__dirname, '..', '..', '..', 'examples');
const exampleTexts = ['rack-a.edp.json', 'mistakes.edp.json', 'readiness.edp.json', 'large-cluster.edp.json'].map((name) => readFileSync(join(examples, name), 'utf8'));

/** The model without its cache curves (each curve costs a solver run per size; they are compared where it matters). */
function withoutCurves(model: DatapathModel | undefined): unknown {
  return model && modelWithoutCurves(model);
}

function assertSame(actual: Omit<Analysis, 'root'>, expected: Omit<Analysis, 'root'>, text: string, what: string): void {
  assert.deepEqual(actual.findings, expected.findings, what);
  assert.equal(actual.truncated, expected.truncated, what);
  assert.deepEqual(withoutCurves(actual.model), withoutCurves(expected.model), what);
  assert.deepEqual(actual.topology, expected.topology, what);
  for (const offset of [0, Math.floor(text.length / 3), text.length]) assert.deepEqual(actual.lines.positionAt(offset), expected.lines.positionAt(offset), what);
}

// Three hosts in two clusters, with traffic that fits the cache except one vNIC, and a few
// mistakes (an MTU below the minimum, a vNIC on a switch the host lacks), so edits move findings.
const BASE = `// test design
{
  "version": 1,
  "target": { "release": "vcf-9.0", "mode": "edp-standard" },
  "hosts": [
${[0, 1, 2].map((h) => `    {
      "name": "esx-${h}", "cluster": "c${h % 2}",
      "cpu": { "sockets": 2, "coresPerSocket": 16, "ghz": 2.4, "llcMiB": 32 },
      "nics": [ { "name": "vmnic0", "driver": "icen", "driverVersion": "1.14.2.0", "speedGbps": 100, "numaNode": 0 } ],
      "switches": [
        { "name": "vds", "uplinks": ["vmnic0"], "mtu": ${h === 1 ? 1600 : 9000}, "lcores": [ { "numaNode": 0, "count": 2 } ] }
      ],
      "vms": [
        { "name": "a${h}", "numaNode": 0, "vcpus": 4, "latencySensitivity": "high",
          "vnics": [ { "name": "eth0", "switch": "vds", "adapter": "vmxnet3", "queues": 2, "traffic": { "pps": 200000, "packetBytes": 512, "flows": ${h === 2 ? 60000 : 300}, "newFlowsPerSec": 100 } } ] },
        { "name": "b${h}", "numaNode": ${h}, "vcpus": 2,
          "vnics": [ { "name": "eth0", "switch": "${h === 0 ? 'vds-x' : 'vds'}", "traffic": { "pps": 90000, "packetBytes": 256, "flows": 200 } } ] }
      ]
    }`).join(',\n')}
  ]
}
`;

type Edit = { kind: number; at: number; pick: number };

/** One edit of the kinds a user makes: digits, stray characters, comments, whole hosts, the target. */
function applyEdit(text: string, e: Edit, history: string[]): string {
  const at = e.at % (text.length + 1);
  switch (e.kind) {
    case 0:
    case 1: {
      const digits = [...text.matchAll(/\d/g)];
      if (digits.length === 0) return text;
      const d = digits[e.at % digits.length].index;
      return text.slice(0, d) + String(e.pick % 10) + text.slice(d + 1);
    }
    case 2:
      return text.slice(0, at) + ' {}[],:"/*0a\n'[e.pick % 13] + text.slice(at);
    case 3:
      return text.slice(0, at) + text.slice(at + 1 + (e.pick % 3));
    case 4: {
      const end = text.indexOf('\n', at);
      return end < 0 ? text : `${text.slice(0, end)} // note "${e.pick}${text.slice(end)}`;
    }
    case 5:
    case 6: {
      // Duplicate or remove a whole host.
      const spans = hostSpansOf(text);
      if (!spans || spans.starts.length === 0) return text;
      const h = e.pick % spans.starts.length;
      const host = text.slice(spans.starts[h], spans.ends[h]);
      if (e.kind === 5) return text.slice(0, spans.ends[h]) + ',\n    ' + host + text.slice(spans.ends[h]);
      if (spans.starts.length === 1) return text;
      const from = h === 0 ? spans.starts[0] : spans.ends[h - 1];
      const to = h === 0 ? spans.starts[1] : spans.ends[h];
      return text.slice(0, from) + text.slice(to);
    }
    case 7:
      return text.includes('"model"')
        ? text.replace(/"model": \{[^}]*\},\n/, '')
        : text.replace('"version": 1,', `"version": 1,\n  "model": { "fastPathCyclesPerPacket": ${700 + (e.pick % 5) * 100} },`);
    case 8:
      return text.replace(/"mode": "[a-z-]+"/, `"mode": "${['edp-standard', 'edp-performance', 'standard'][e.pick % 3]}"`);
    case 9:
      return text.replace(/"cluster": "c\d"/, `"cluster": "c${e.pick % 3}"`);
    default:
      // Undo: back to an earlier text.
      return history.length > 0 ? history[e.pick % history.length] : text;
  }
}

const OPTION_SETS: AnalyzeOptions[] = [
  {},
  { maxProblems: 3 },
  { rules: { 'readiness/mtu': 'off', 'tlb/imbalance': 'error' }, model: { slowPathCyclesPerPacket: 9000 } },
];

describe('createAnalyzer', () => {
  it('gives the same analysis as analyze() for each example, text after text', () => {
    const analyzer = createAnalyzer();
    for (const text of [...exampleTexts, exampleTexts[0]]) {
      assertSame(analyzer.analyze(text), analyze(text), text, text.slice(0, 80));
    }
  });

  it('gives the same analysis as analyze() after every edit of random edit sequences', () => {
    const edit = fc.record({ kind: fc.integer({ min: 0, max: 10 }), at: fc.nat(), pick: fc.nat() });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 20 }), fc.nat(), (edits, optionPick) => {
        const analyzer = createAnalyzer(OPTION_SETS[0]);
        const history: string[] = [];
        let text = BASE;
        analyzer.analyze(text);
        edits.forEach((e, step) => {
          history.push(text);
          text = applyEdit(text, e, history);
          // Now and then the settings change between two analyses of one document.
          const options = step % 4 === 3 ? OPTION_SETS[(optionPick + step) % OPTION_SETS.length] : undefined;
          const actual = analyzer.analyze(text, options);
          assertSame(actual, analyze(text, options ?? OPTION_SETS[0]), text, `step ${step}: ${JSON.stringify(e)}`);
        });
      }),
      { numRuns: 12 },
    );
  });

  it('reuses unchanged hosts: their models are the same objects after an edit elsewhere', () => {
    const analyzer = createAnalyzer();
    const before = analyzer.analyze(BASE);
    const after = analyzer.analyze(BASE.replace('"pps": 200000', '"pps": 201000'));
    assert.equal(after.model!.hosts[1], before.model!.hosts[1]);
    assert.notEqual(after.model!.hosts[0], before.model!.hosts[0]);
    assert.equal(after.model!.hosts[0].switches[0].offeredPps, before.model!.hosts[0].switches[0].offeredPps + 1000);
  });

  it('computes the cache curves like analyze()', () => {
    const analyzer = createAnalyzer();
    analyzer.analyze(BASE);
    const text = BASE.replace('"flows": 60000', '"flows": 70000');
    assert.deepEqual(analyzer.analyze(text).model!.hosts[2].switches[0].cacheCurve, analyze(text).model!.hosts[2].switches[0].cacheCurve);
  });

  it('does not expose the syntax tree to JSON or postMessage, and still builds it on request', () => {
    const a = createAnalyzer().analyze(BASE);
    assert.ok(!Object.keys(a).includes('root'));
    assert.equal(a.root?.type, 'object');
    assert.equal(structuredClone({ findings: a.findings }).findings.length, a.findings.length);
  });
});

describe('analyze() against the plain pipeline (jsonc-parser tree, whole-document rules)', () => {
  it('agrees on the examples and the test design, with each option set', () => {
    for (const text of [...exampleTexts, BASE]) {
      // The large example once; the small ones with every option set.
      for (const options of text.length > 100_000 ? OPTION_SETS.slice(0, 1) : OPTION_SETS) assertSame(analyze(text, options), referenceAnalyze(text, options), text, JSON.stringify(options));
    }
  });

  it('agrees after random edits (broken files included)', () => {
    const edit = fc.record({ kind: fc.integer({ min: 0, max: 9 }), at: fc.nat(), pick: fc.nat() });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = BASE;
        for (const e of edits) text = applyEdit(text, e, []);
        assertSame(analyze(text, OPTION_SETS[0]), referenceAnalyze(text, OPTION_SETS[0]), text, JSON.stringify(edits));
      }),
      { numRuns: 40 },
    );
  });
});
