// The analysis worker: what crosses the thread boundary must give the editor the same findings,
// hovers, quick fixes and report the core gives; its copy of a document follows the edits it is
// sent (and is sent whole again when it lost step); requests superseded by newer ones for the
// same document are skipped.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze, type AnalyzeOptions, quickFixes, reportViewModel } from '../../src/core';
import { AnalysisWorker, type TextSource } from '../../src/extension/analysisWorkerClient';
import { switchHoverMarkdown } from '../../src/extension/figures';
import { findingSlices, parseSlice, SLICES } from '../../src/extension/shownFindings';
import { applyLensChange } from '../../src/extension/lensChanges';
import { ANALYSIS_NICE, type LensLines } from '../../src/extension/workerProtocol';
import { cleanDesign } from '../../bench/designs';

const root = join(__dirname, '..', '..', '..');
// tsc's output of the worker entry: the same module esbuild bundles into dist/analysisWorker.js.
const script = join(__dirname, '..', '..', 'src', 'extension', 'analysisWorker.js');
const errors: string[] = [];
const log = { error: (m: string) => void errors.push(m) };
const example = (name: string) => readFileSync(join(root, 'examples', name), 'utf8');
const plain = { lenses: true };

/** A document as the scheduler describes it to the worker; `reads` counts whole-text copies. */
function doc(key: string, text: string, version: number | undefined = 1): TextSource & { reads: number } {
  const source = { key, version, currentVersion: () => version, text: () => (source.reads++, text), reads: 0 };
  return source;
}

describe('analysis worker', () => {
  const worker = new AnalysisWorker(log, script);
  after(() => worker.dispose());

  it('runs below the extension host thread\'s priority on Linux, leaving the host\'s own as it was', { skip: process.platform !== 'linux' && 'thread nice values are Linux' }, async () => {
    // The worker sets its nice value when it starts: wait for it to answer once.
    assert.ok(await worker.analyze(doc('file:///nice.edp.json', example('rack-a.edp.json')), {}, plain));
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (proc(5)).
    const nice = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const threads = readdirSync('/proc/self/task').map((tid) => ({ tid, nice: nice(tid) }));
    assert.equal(nice(String(process.pid)), 0, 'the main thread keeps nice 0');
    assert.ok(threads.some((t) => t.nice === ANALYSIS_NICE), `a thread at nice ${ANALYSIS_NICE}: ${JSON.stringify(threads)}`);
  });

  for (const name of ['rack-a.edp.json', 'mistakes.edp.json', 'readiness.edp.json']) {
    it(`gives the core's findings, quick fixes and report of ${name}`, async () => {
      const text = example(name);
      const key = `file:///${name}`;
      const options: AnalyzeOptions = { maxProblems: 50 };
      const expected = analyze(text, options);
      const got = await worker.analyze(doc(key, text), options, plain);
      assert.ok(got);
      assert.deepEqual(got.findings, findingSlices(expected.findings));
      assert.equal(got.total, expected.findings.length);
      assert.equal(got.truncated, expected.truncated);
      const fixes = await worker.call('quickFixes', key, 1, expected.findings.map((f) => ({ rule: f.rule, message: f.message, range: f.range })));
      assert.deepEqual(fixes, expected.findings.map((f) => (f.range ? quickFixes(text, expected, f) : [])));
      const report = await worker.call('report', key, 1, name, [0]);
      assert.deepEqual(report, reportViewModel(expected, { fileName: name, curves: 'all' }));
      // Another version than the one analyzed gets no answer: its offsets would point elsewhere.
      assert.equal(await worker.call('report', key, 2, name, [0]), undefined);
    });
  }

  it('computes a CodeLens line for every switch, at the switch object, and hovers its name with the model', async () => {
    const text = example('rack-a.edp.json');
    const got = await worker.analyze(doc('file:///lens.edp.json', text), {}, plain);
    const expected = analyze(text);
    const switches = expected.topology!.hosts.flatMap((h) => h.switches);
    const lenses = got!.lenses as LensLines;
    assert.equal(lenses.titles.length, switches.length);
    lenses.titles.forEach((title, i) => {
      assert.equal(text.split('\n')[lenses.lines[i]].slice(lenses.characters[i])[0], '{');
      assert.match(title, /lcore/);
    });
    assert.ok(got!.worst);
    const name = switches[0].name;
    const at = text.indexOf(`"${name}"`, text.indexOf('"switches"')) + 2;
    const hover = await worker.call('modelHover', 'file:///lens.edp.json', 1, at);
    assert.equal(hover?.markdown, switchHoverMarkdown(expected.model!.hosts[0].switches[0]));
  });

  it('keeps its copy of a document by the edits alone, and asks for the whole text when it lost step', async () => {
    const key = 'file:///edited.edp.json';
    const v1 = example('rack-a.edp.json');
    const first = doc(key, v1, 1);
    await worker.analyze(first, {}, plain);
    // Two edits in one change event, applied in order (as VS Code's contentChanges are).
    const at = v1.indexOf('"mtu": ') + '"mtu": '.length;
    const v2 = `${v1.slice(0, at)}1500${v1.slice(at + 4).replace('"vmnic4"', '"vmnic9"')}`;
    const secondAt = v1.slice(at + 4).indexOf('"vmnic4"') + at + 4;
    worker.change(key, 2, [
      { rangeOffset: at, rangeLength: 4, text: '1500' },
      { rangeOffset: secondAt, rangeLength: '"vmnic4"'.length, text: '"vmnic9"' },
    ]);
    const second = doc(key, v2, 2);
    const got = await worker.analyze(second, {}, plain);
    assert.equal(second.reads, 0, 'the edits were enough: no copy of the text was sent');
    assert.deepEqual(got?.findings, findingSlices(analyze(v2).findings));
    assert.ok(got.findings.some((f) => f !== null && parseSlice(f).some((s) => s.rule === 'readiness/mtu')));
    // An edit the worker cannot apply (it lost step): it asks, and gets the text whole.
    worker.change(key, 3, [{ rangeOffset: 10 * v2.length, rangeLength: 1, text: 'x' }]);
    const third = doc(key, v1, 3);
    assert.deepEqual((await worker.analyze(third, {}, plain))?.findings, findingSlices(analyze(v1).findings));
    assert.equal(third.reads, 1);
  });

  it('sends, relative to the result the host shows, only the slices of findings and the CodeLens lines that changed', async () => {
    const key = 'file:///delta.edp.json';
    const v1 = cleanDesign({ hosts: 16, vmsPerHost: 4, remoteVms: true });
    const first = (await worker.analyze(doc(key, v1, 1), {}, plain))!;
    assert.equal(first.base, undefined);
    assert.ok(first.findings.every((f) => f !== null) && first.lenses);
    // The first host's vNIC on a switch that does not exist: its slice changes, and its lenses' figures.
    const at = v1.indexOf('"switch": "vds-edp-n0"') + '"switch": "'.length;
    const v2 = `${v1.slice(0, at)}vds-nop${v1.slice(at + 'vds-edp'.length)}`;
    const second = (await worker.analyze(doc(key, v2, 2), {}, { lenses: true, base: first.id }))!;
    assert.equal(second.base, first.id);
    const whole = findingSlices(analyze(v2).findings);
    assert.deepEqual(second.findings.map((f, i) => f ?? first.findings[i]), whole, 'what was left out is as in the base');
    assert.deepEqual(second.findings.map((f) => f !== null), whole.map((f, i) => f !== first.findings[i]), 'exactly the changed slices are sent');
    assert.ok(second.findings.some((f) => f !== null) && second.findings.some((f) => f === null));
    // The edited host's lenses changed, and only their titles: only those are sent.
    // The same text analyzed afresh (no base): every lens line, whole.
    const lensesNow = (await worker.analyze(doc('file:///delta-whole.edp.json', v2, 1), {}, plain))!.lenses as LensLines;
    assert.ok(second.lenses && 'indices' in second.lenses, 'only the changed titles');
    assert.ok(second.lenses.indices.length > 0 && second.lenses.indices.length < lensesNow.titles.length);
    const applied = applyLensChange(first.lenses as LensLines, second.lenses);
    assert.deepEqual(applied.titles, lensesNow.titles);
    assert.deepEqual([...applied.lines], [...lensesNow.lines]);
    // Nothing changed since the second: nothing but the counts is sent.
    const again = (await worker.analyze(doc(key, v2, 2), {}, { lenses: true, base: second.id }))!;
    assert.deepEqual(again.findings, Array(SLICES).fill(null));
    assert.equal(again.lenses, null);
    assert.deepEqual(again.counts, second.counts);
    // A base the worker does not know (or no longer keeps): everything.
    const unknown = (await worker.analyze(doc(key, v2, 2), {}, { lenses: true, base: -1 }))!;
    assert.equal(unknown.base, undefined);
    assert.deepEqual(unknown.findings, whole);
    assert.deepEqual(unknown.lenses, lensesNow);
  });

  it('takes a document sent in pieces as the whole text, and one that changed while they went out not at all', async () => {
    const text = example('mistakes.edp.json');
    const parts = text.match(/[\s\S]{1,500}/g)!;
    assert.ok(parts.length > 3);
    const whole = doc('file:///pieces.edp.json', text);
    const got = await worker.analyze({ ...whole, pieces: () => parts }, {}, plain);
    assert.equal(whole.reads, 0, 'no copy of the whole text');
    assert.deepEqual(got?.findings, findingSlices(analyze(text).findings));
    // Edited after the first piece: this version is never analyzed, and the worker holds none.
    let version = 1;
    const moving: TextSource = {
      key: 'file:///moving.edp.json', version: 1, currentVersion: () => version, text: () => text,
      *pieces() {
        yield parts[0];
        version = 2;
        yield* parts.slice(1);
      },
    };
    assert.equal(await worker.analyze(moving, {}, plain), undefined);
    const after = await worker.analyze(doc('file:///moving.edp.json', text, 2), {}, plain);
    assert.deepEqual(after?.findings, findingSlices(analyze(text).findings));
  });

  it('the report computes the flow-cache curves of the hosts the panel shows, of all hosts in a small design', async () => {
    const text = cleanDesign({ hosts: 12, vmsPerHost: 4 });
    await worker.analyze(doc('file:///twelve.edp.json', text), {}, plain);
    const report = await worker.call('report', 'file:///twelve.edp.json', 1, 'twelve.edp.json', [3]);
    const curves = report!.hosts.map((h) => h.switches.every((s) => s.cacheCurve !== undefined));
    assert.deepEqual(curves, report!.hosts.map((_, i) => i === 3));
    assert.ok(report!.hosts[3].switches[0].cacheCurve!.length > 0);
    const small = await worker.call('report', 'file:///lens.edp.json', 1, 'rack-a.edp.json', []);
    assert.ok(small!.hosts.every((h) => h.switches.every((s) => s.cacheCurve !== undefined)));
  });

  it('skips a request that a newer one for the same document replaced while the worker was busy', async () => {
    const big = cleanDesign({ hosts: 200, vmsPerHost: 4 });
    const busy = worker.analyze(doc('file:///big.edp.json', big), {}, plain);
    const older = worker.analyze(doc('file:///doc.edp.json', example('mistakes.edp.json'), 1), {}, plain);
    const newer = worker.analyze(doc('file:///doc.edp.json', example('rack-a.edp.json'), 2), {}, plain);
    assert.ok(await busy);
    assert.equal(await older, undefined);
    assert.deepEqual((await newer)?.findings, findingSlices(analyze(example('rack-a.edp.json')).findings));
  });

  it('a worker that cannot start fails the request instead of leaving it waiting', async () => {
    const broken = new AnalysisWorker(log, join(root, 'no-such-worker.js'));
    await assert.rejects(broken.analyze(doc('file:///x.edp.json', '{}'), {}, plain));
    broken.dispose();
  });
});
