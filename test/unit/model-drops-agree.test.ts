// One overloaded lcore beside idle ones: the model drops what that lcore cannot serve, and every
// view (CodeLens, hover, report overview and capacity section, Markdown, CLI table, JSON, the
// capacity/datapath message) shows the same drop figure.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsonReport } from '../../src/cli/format-json';
import { switchTableLines } from '../../src/cli/model-table';
import { type Analysis, analyze } from '../../src/core/analyze';
import { dropText, rate } from '../../src/core/present';
import { reportMarkdown } from '../../src/core/report/markdown';
import { reportViewModel } from '../../src/core/report/viewModel';
import { switchHoverMarkdown, switchLensText } from '../../src/extension/figures';
import { capacityTable } from '../../src/webview/render/capacity';
import { overviewTable } from '../../src/webview/render/overview';
import { initialUiState } from '../../src/webview/render/state';
import { edpSwitch, host, loadVm, topology } from './model-fixtures';

// Four lcores on node 0; one single-queue vNIC of 3 Mpps lands on lcore 0 (2 GHz / 900 cycles =
// 2.22 Mpps at most), the other three idle. Summed capacity (8.9 Mpps) is far above the offer.
const design = topology([host({ switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 4 }])], vms: [loadVm('fw', 0, 3e6)] })]);
const text = JSON.stringify(design, null, 2);
const analysis = analyze(text);
const sw = analysis.model!.hosts[0].switches[0];
const expected = dropText(sw.dropRate);

describe('one overloaded lcore, three idle', () => {
  it('the model drops what the busy lcore cannot serve; idle lcores do not help', () => {
    const served = 2e9 / 900;
    assert.ok(Math.abs(sw.lcores[0].dropPps - (3e6 - served)) < 1e-6);
    assert.deepEqual(sw.lcores.slice(1).map((l) => l.dropPps), [0, 0, 0]);
    assert.ok(sw.capacityPps > sw.offeredPps, 'the summed capacity would hide the drops');
    assert.ok(Math.abs(sw.dropRate - (3e6 - served) / 3e6) < 1e-12);
    assert.equal(expected, '25.9%');
    // A whole core at most, though the lcore is 135 % busy.
    assert.ok(sw.lcores[0].utilization > 1);
    assert.equal(sw.coresUsed.edpStandard, 1);
  });
});

/** Every view of the drop figure, for the first switch of the first host of `a`. */
function viewsAgree(a: Analysis, fileName: string): void {
  const s = a.model!.hosts[0].switches[0];
  const shown = dropText(s.dropRate);
  const hostName = a.topology!.hosts[0].name;
  it('capacity/datapath fires with the same figure', () => {
    const f = a.findings.find((x) => x.rule === 'capacity/datapath');
    assert.ok(f, 'capacity/datapath fires');
    // No line-rate excess here, so the lcores' share is the switch's drop rate.
    assert.equal(s.lineDropPps, 0);
    assert.ok(f.message.includes(`they drop ${rate(s.lcoreDropPps)}, ${shown} of the switch's offered packets.`), f.message);
  });

  it('CodeLens and hover', () => {
    assert.ok(switchLensText(s).endsWith(`· drops ${shown}`), switchLensText(s));
    assert.match(switchHoverMarkdown(s), new RegExp(`^- Drops: ${shown.replace('.', '\\.')} \\(`, 'm'));
  });

  it('report overview, capacity section and Markdown', () => {
    const report = reportViewModel(a, { fileName });
    assert.equal(report.hosts[0].worst.dropRate, s.dropRate);
    assert.equal(report.hosts[0].worst.droppedPps, s.dropPps);
    assert.ok(overviewTable(report, initialUiState(hostName)).includes(shown));
    assert.ok(capacityTable(report.hosts[0].switches[0]).includes(shown));
    const md = reportMarkdown(report);
    assert.ok(md.includes(`| Predicted drop rate | **${shown}** |`), 'switch table');
    assert.ok(md.includes(`| ${shown} (`), 'overview row');
  });

  it('CLI text table and JSON', () => {
    const row = switchTableLines(a.model)[1].trim().split(/\s{2,}/);
    assert.equal(row.at(-1), shown);
    const json = JSON.parse(JSON.stringify(jsonReport([{ display: 'x.edp.json', absolute: '/x.edp.json', analysis: a }]))) as {
      files: { model: { hosts: { switches: { dropRate: number; dropPps: number; lcores: { dropPps: number }[] }[] }[] } }[];
    };
    const j = json.files[0].model.hosts[0].switches[0];
    assert.equal(j.dropRate, s.dropRate);
    assert.equal(j.dropPps, s.dropPps);
    assert.deepEqual(j.lcores.map((l) => l.dropPps), s.lcores.map((l) => l.dropPps));
  });
}

describe('one overloaded lcore, three idle: every view shows the same drop figure', () => viewsAgree(analysis, 'overloaded.edp.json'));

describe('examples/overloaded-lcore.edp.json: one lcore over 100 % busy beside idle ones', () => {
  const a = analyze(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'overloaded-lcore.edp.json'), 'utf8'));
  const s = a.model!.hosts[0].switches[0];
  it('the example is what it says: one lcore overloaded and dropping, the others idle, the sum would hide it', () => {
    const [busy, ...rest] = [...s.lcores].sort((x, y) => y.utilization - x.utilization);
    assert.ok(busy.utilization > 1 && busy.dropPps > 0, `busiest lcore ${busy.utilization}`);
    assert.ok(rest.every((l) => l.utilization < 0.5 && l.dropPps === 0), 'the others are under half busy and drop nothing');
    assert.ok(s.capacityPps > s.offeredPps, 'the summed capacity would hide the drops');
    assert.ok(s.dropRate > 0 && s.dropPps === busy.dropPps);
  });
  viewsAgree(a, 'overloaded-lcore.edp.json');
});
describe('a hit rate below the heritage break-even is explained', () => {
  it('in the hover and the report', () => {
    // 200 000 uniform flows per lcore against 8192 entries: a hit rate of about 4 %.
    const t = topology([host({ vms: [loadVm('many', 0, 1e5, 'vds', 1, { flows: 200000, zipf: 0 })] })]);
    const a = analyze(JSON.stringify(t));
    const s = a.model!.hosts[0].switches[0];
    assert.ok(s.hitRate < s.heritageBreakEvenHitRate);
    assert.match(switchHoverMarkdown(s), /costs EDP more than the heritage stack: each miss runs the heritage pipeline/);
    assert.match(reportMarkdown(reportViewModel(a, { fileName: 'x', curves: [] })), /Dearer than heritage/);
  });
});
