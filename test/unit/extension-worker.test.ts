// The analysis worker: what crosses the thread boundary must give the editor the same analysis
// the core gives, and requests superseded by newer ones for the same document are skipped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze, type AnalyzeOptions } from '../../src/core';
import { AnalysisWorker } from '../../src/extension/analysisWorkerClient';
import { cleanDesign } from '../../bench/designs';

const root = join(__dirname, '..', '..', '..');
// tsc's output of the worker entry: the same module esbuild bundles into dist/analysisWorker.js.
const script = join(__dirname, '..', '..', 'src', 'extension', 'analysisWorker.js');
const errors: string[] = [];
const log = { error: (m: string) => void errors.push(m) } as never;
const example = (name: string) => readFileSync(join(root, 'examples', name), 'utf8');
const plain = { lenses: true };

describe('analysis worker', () => {
  const worker = new AnalysisWorker(log, script);
  after(() => worker.dispose());

  for (const name of ['rack-a.edp.json', 'mistakes.edp.json', 'readiness.edp.json']) {
    it(`gives the core's analysis of ${name}: findings, model, topology, syntax tree and line index`, async () => {
      const text = example(name);
      const options: AnalyzeOptions = { maxProblems: 50 };
      const expected = analyze(text, options);
      const got = await worker.analyze(`file:///${name}`, text, options, plain);
      assert.ok(got);
      assert.deepEqual(got.analysis.findings, expected.findings);
      assert.equal(got.analysis.truncated, expected.truncated);
      assert.deepEqual(got.analysis.model, expected.model);
      assert.deepEqual(got.analysis.topology, expected.topology);
      assert.deepEqual(got.analysis.root, expected.root);
      const end = expected.lines.positionAt(text.length);
      assert.deepEqual(got.analysis.lines.positionAt(text.length), end);
      assert.equal(got.analysis.lines.offsetAt(end), text.length);
    });
  }

  it('computes a CodeLens line for every switch, at the switch object', async () => {
    const text = example('rack-a.edp.json');
    const got = await worker.analyze('file:///lens.edp.json', text, {}, plain);
    const switches = analyze(text).topology!.hosts.flatMap((h) => h.switches);
    assert.equal(got!.summary.lenses.length, switches.length);
    for (const lens of got!.summary.lenses) {
      assert.equal(text.split('\n')[lens.position.line].slice(lens.position.character)[0], '{');
      assert.match(lens.title, /lcore/);
    }
    assert.ok(got!.summary.worst);
  });

  it('skips a request that a newer one for the same document replaced while the worker was busy', async () => {
    const big = cleanDesign({ hosts: 200, vmsPerHost: 4 });
    const busy = worker.analyze('file:///big.edp.json', big, {}, plain);
    const older = worker.analyze('file:///doc.edp.json', example('mistakes.edp.json'), {}, plain);
    const newer = worker.analyze('file:///doc.edp.json', example('rack-a.edp.json'), {}, plain);
    assert.ok(await busy);
    assert.equal(await older, undefined);
    assert.deepEqual((await newer)?.analysis.findings, analyze(example('rack-a.edp.json')).findings);
  });

  it('a worker that cannot start fails the request instead of leaving it waiting', async () => {
    const broken = new AnalysisWorker(log, join(root, 'no-such-worker.js'));
    await assert.rejects(broken.analyze('file:///x.edp.json', '{}', {}, plain));
    broken.dispose();
  });
});
