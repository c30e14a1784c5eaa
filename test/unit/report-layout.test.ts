// The report fits the panel (issue 13): charts are drawn for the page's width, one scale per
// chart, and labels stay clear of threshold lines. Pure string builders, so node checks the SVG.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { reportViewModel } from '../../src/core/report/viewModel';
import { CHART_INSET, reportPage } from '../../src/webview/render/page';
import { initialUiState } from '../../src/webview/render/state';
import { hbars, MAX_CHART_WIDTH, textWidth } from '../../src/webview/render/svg';

const ROOT = path.resolve(__dirname, '../../..');
const mistakes = () => reportViewModel(analyze(fs.readFileSync(path.join(ROOT, 'examples/mistakes.edp.json'), 'utf8')), { fileName: 'mistakes.edp.json' });
const svgs = (page: string) => [...page.matchAll(/<svg class="chart([^"]*)" viewBox="0 0 ([\d.]+) ([\d.]+)"[^>]*>([\s\S]*?)<\/svg>/g)].map((m) => ({ cls: m[1].trim(), width: Number(m[2]), body: m[4] }));
const attr = (el: string, name: string) => Number(new RegExp(`\\s${name}="([-\\d.]+)"`).exec(el)![1]);

describe('report layout', () => {
  for (const width of [480, 900, 1600]) {
    it(`at ${width} px every chart but the NUMA map (which scrolls in its section) is drawn to fit the page`, () => {
      const vm = mistakes();
      const page = reportPage(vm, { ...initialUiState(undefined), expanded: vm.hosts.map((h) => h.name) }, { interactive: true, width });
      const charts = svgs(page).filter((c) => c.cls !== 'numa-map');
      assert.ok(charts.length >= 4, `${charts.length} charts`);
      for (const c of charts) assert.ok(c.width <= Math.max(width - CHART_INSET, 320), `a ${c.width} px chart on a ${width} px page`);
      // a wide panel gets wide charts, not a 560 px strip
      if (width === 1600) assert.ok(charts.some((c) => c.width >= Math.min(MAX_CHART_WIDTH, width - CHART_INSET) - 1));
    });
  }

  it('the mbuf hot sets and pools share one labelled byte scale', () => {
    const vm = mistakes();
    const page = reportPage(vm, { ...initialUiState(undefined), expanded: vm.hosts.map((h) => h.name) }, { interactive: true, width: 900 });
    const mbuf = svgs(page).find((c) => /Hot working set against the LLC, and buffer pool memory/.test(page.slice(0, page.indexOf(c.body))) && c.body.includes('EDP pool'));
    assert.ok(mbuf, 'one chart holds both the hot sets and the pools');
    const node = vm.hosts[0].numaNodes.find((n) => n.mbuf.packetsInFlight > 0)!.mbuf;
    const bars = [...mbuf.body.matchAll(/<rect class="bar [^"]*"[^>]*>/g)].map((m) => attr(m[0], 'width'));
    // EDP's LLC bar is its mbuf hot set plus its flow tables (docs/MODEL.md §7).
    const values = [node.llcBytes, node.edp.hotBytes + node.flowTableBytes, node.heritage.hotBytes, node.edp.poolBytes, node.heritage.poolBytes];
    assert.equal(bars.length, values.length);
    // one scale: pixels per byte is the same for every bar
    const scale = bars[0] / values[0];
    bars.forEach((w, i) => assert.ok(Math.abs(w - values[i] * scale) < 0.2, `bar ${i}: ${w} px for ${values[i]} bytes`));
    assert.match(mbuf.body, /bytes \(one scale for hot sets and pools\)/);
  });

  it('a value label never sits across the threshold line', () => {
    for (const value of [0, 0.001, 0.01, 0.04, 0.05, 0.06, 0.2, 0.9]) {
      const svg = hbars([{ label: 'Churn misses', value, valueText: `${(value * 100).toFixed(2)}%`, cls: 'series-churn' }], { label: 't', max: 1, marker: { value: 0.05, text: 'churn threshold 5.00%' } });
      const marker = /<line class="threshold" x1="([\d.]+)"/.exec(svg)!;
      const mx = Number(marker[1]);
      const label = /<text class="value" x="([\d.]+)"[^>]*>([^<]*)</.exec(svg)!;
      const lx = Number(label[1]);
      assert.ok(mx < lx - 1 || mx > lx + textWidth(label[2]) + 1, `value ${value}: label at ${lx}..${lx + textWidth(label[2])} crosses the line at ${mx}`);
    }
  });
});
