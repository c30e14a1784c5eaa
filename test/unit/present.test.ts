// The presentation helpers (src/core/present): how figures, names, lists and counts read. What a
// user relies on: one figure prints the same in a finding message, a hover, the CLI and the report,
// and a share that is not exactly 0 or 1 never reads as "0%" or "100%".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../src/core/analyze';
import { bytes, count, fileSize, htmlEscape, listText, mdEscape, mdTable, orList, pct, plural, rate, severityCountsText } from '../../src/core/present';
import { reportMarkdown } from '../../src/core/report/markdown';
import { reportViewModel } from '../../src/core/report/viewModel';
import { switchTableLines } from '../../src/cli/model-table';
import { lcoreGroupHoverMarkdown, switchHoverMarkdown, switchLensText } from '../../src/extension/figures';
import { utilizationTable } from '../../src/webview/render/tlb';
import { reportPage } from '../../src/webview/render/page';
import { initialUiState } from '../../src/webview/render/state';
import { host, loadVm, topology } from './model-fixtures';

describe('percentages', () => {
  it('small shares keep two decimals, larger ones one', () => {
    assert.equal(pct(0.004), '0.40%');
    assert.equal(pct(0.0525), '5.25%');
    assert.equal(pct(0.123), '12.3%');
    assert.equal(pct(1.57), '157.0%');
    assert.equal(pct(0), '0%');
    assert.equal(pct(1), '100%');
    assert.equal(pct(Number.NaN), '–');
  });

  it('a share that is not 0 or 1 never reads as 0% or 100%', () => {
    assert.equal(pct(0.9996), '99.96%');
    assert.equal(pct(0.99996), '99.996%');
    assert.equal(pct(0.00004), '0.004%');
    assert.equal(pct(1 - 1e-9), '<99.9999%');
    assert.equal(pct(1e-9), '<0.0001%');
    fc.assert(fc.property(fc.double({ min: 0, max: 2, noNaN: true }).filter((x) => x !== 0 && x !== 1), (share) => {
      const text = pct(share);
      assert.ok(!/^-?0(\.0*)?%$/.test(text) && !/^100(\.0*)?%$/.test(text), `${share} reads as ${text}`);
      const shown = Number(text.replace(/[<>%]/g, ''));
      assert.ok(Math.abs(shown - share * 100) <= 0.05 + 1e-9, `${share} reads as ${text}`);
    }));
  });
});

describe('percentages away from 0 and 100 %', () => {
  it('print the share with two decimals below 10 % and one from 10 %', () => {
    fc.assert(fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (share) => {
      const p = share * 100;
      const text = p.toFixed(Math.abs(p) < 10 ? 2 : 1);
      // Shares that would round to 0 or ±100 % take more digits (the test above).
      fc.pre(Number(text) !== 0 && Math.abs(Number(text)) !== 100);
      assert.equal(pct(share), `${text}%`);
    }));
  });
});

describe('one figure, one text in every view', () => {
  // One vNIC whose new flows make a given share of its packets miss; the cache holds its 100 flows,
  // so the hit rate is 1 - that share. Thresholds set so that both flowcache findings speak.
  const analyzed = (newFlowsPerSec: number) => {
    const t = topology([host({ vms: [loadVm('fw', 0, 1_000_000, 'vds', 1, { newFlowsPerSec })] })], { model: { 'flowcache.hitRate': 0.99999, 'flowcache.churn': 0.00001 } });
    const analysis = analyze(JSON.stringify(t));
    return { analysis, sw: analysis.model!.hosts[0].switches[0] };
  };

  for (const [newFlowsPerSec, churnText, hitText] of [[4000, '0.40%', '99.6%'], [400, '0.04%', '99.96%']] as const) {
    it(`a ${churnText} churn share and a ${hitText} hit rate read the same in messages, hovers, CLI and report`, () => {
      const { analysis, sw } = analyzed(newFlowsPerSec);
      assert.equal(pct(sw.churnMissShare), churnText);
      assert.equal(pct(sw.hitRate), hitText);
      const message = (rule: string) => analysis.findings.find((f) => f.rule === rule)?.message ?? '';
      assert.match(message('flowcache/churn'), new RegExp(` ${churnText} of its packets miss`));
      assert.match(message('flowcache/low-hit-rate'), new RegExp(`is ${hitText} on lcore`));
      const hover = switchHoverMarkdown(sw);
      assert.match(hover, new RegExp(`hit rate: ${hitText} with .* make ${churnText} of packets miss`));
      assert.match(switchLensText(sw), new RegExp(`^hit ${hitText} · `));
      assert.ok(switchTableLines(analysis.model)[1].includes(` ${hitText} `), 'CLI table');
      const vm = reportViewModel(analysis, { fileName: 'x.edp.json' });
      const md = reportMarkdown(vm);
      assert.match(md, new RegExp(`\\| Flow-cache hit rate \\| \\*\\*${hitText}\\*\\* \\|`));
      assert.match(md, new RegExp(`\\| Churn misses \\| \\*\\*${churnText}\\*\\* \\|`));
      const page = reportPage(vm, { ...initialUiState(undefined), expanded: [vm.hosts[0].name] }, { interactive: false });
      assert.ok(page.includes(hitText) && page.includes(churnText), 'report panel');
    });
  }
});

describe('an lcore or switch that serves no packets has no hit rate', () => {
  // Two lcores, one vNIC queue: lcore 1 serves nothing. Its hit rate is not 100 %: it has none.
  const t = topology([host({ vms: [loadVm('fw', 0, 1_000_000)] })]);
  const analysis = analyze(JSON.stringify(t));
  const sw = analysis.model!.hosts[0].switches[0];
  const idle = sw.lcores.find((l) => l.pps === 0)!;

  it('"idle" in the hovers, the Markdown report and the report panel, never "100%"', () => {
    assert.ok(idle, 'the design has an idle lcore');
    const idleRow = (table: string) => table.split('\n').find((line) => line.startsWith(`| ${idle.index} |`) && line.includes(' pps |')) ?? '';
    assert.match(idleRow(switchHoverMarkdown(sw)), /\| idle \|/);
    assert.match(idleRow(lcoreGroupHoverMarkdown(t.hosts[0], sw, 0, 0)), /\| idle \|/);
    const vm = reportViewModel(analysis, { fileName: 'x.edp.json' });
    const md = reportMarkdown(vm);
    assert.match(idleRow(md), /\| idle \|/);
    assert.doesNotMatch(idleRow(md), /100/);
    const html = utilizationTable(vm.hosts[0].switches[0], vm.thresholds);
    assert.match(html, new RegExp(`lcore ${idle.index}</t[dh]>(<td[^>]*>[^<]*(<span[^>]*>[^<]*</span>)?</td>){3}<td[^>]*>idle</td>`));
    // The busy lcore keeps its figure.
    const busy = sw.lcores.find((l) => l.pps > 0)!;
    assert.ok(md.includes(`| ${pct(busy.hitRate)} |`));
  });

  it('a switch without traffic: "idle" in the CLI table, the hover and the report', () => {
    const quiet = analyze(JSON.stringify(topology([host()])));
    const qsw = quiet.model!.hosts[0].switches[0];
    assert.equal(qsw.offeredPps, 0);
    assert.match(switchTableLines(quiet.model)[1], /\bidle\b/);
    assert.match(switchHoverMarkdown(qsw), /Flow-cache hit rate: idle/);
    assert.match(reportMarkdown(reportViewModel(quiet, { fileName: 'x.edp.json' })), /\| Flow-cache hit rate \| idle \|/);
    assert.equal(switchLensText(qsw), 'no traffic · 2 lcores · 0 cores');
  });
});

describe('rates and sizes', () => {
  it('read as engineers write them', () => {
    assert.equal(rate(14_880_952), '14.88 Mpps');
    assert.equal(rate(1_500), '1.5 kpps');
    assert.equal(rate(800), '800 pps');
    assert.equal(rate(Number.NaN), '–');
    assert.equal(bytes(512 * 1024), '512 KiB');
    assert.equal(bytes(1.5 * 1024 * 1024), '1.5 MiB');
    assert.equal(fileSize(10 * 1024 * 1024), '10 MB');
    assert.equal(fileSize(1000), '1 KB');
  });

  it('take the unit of the rounded figure, never "1000.0 kpps" or "1024 KiB"', () => {
    assert.equal(rate(999_999.99), '1.00 Mpps');
    assert.equal(rate(999_949), '999.9 kpps');
    assert.equal(rate(999.7), '1.0 kpps');
    assert.equal(rate(999.4), '999 pps');
    assert.equal(bytes(1023.7), '1 KiB');
    assert.equal(bytes(1024 * 1024 - 100), '1.0 MiB');
    assert.equal(bytes(1024 * 1024 * 1024 - 1024), '1.00 GiB');
    assert.equal(bytes(1023.9 * 1024 * 1024), '1023.9 MiB');
  });
});

describe('text from the file', () => {
  it('is inert in HTML, in text and in quoted attributes', () => {
    assert.equal(htmlEscape(`<img src=x onerror="a('&')">`), '&lt;img src=x onerror=&quot;a(&#39;&amp;&#39;)&quot;&gt;');
  });

  it('is inert in Markdown: no emphasis, code, link, HTML, table cell or new line', () => {
    assert.equal(mdEscape('a|b*c_d`e<f>[g](h)&i'), 'a\\|b\\*c\\_d\\`e\\<f\\>\\[g\\](h)\\&i');
    assert.equal(mdEscape('two\nlines\r\nhere'), 'two lines here');
    assert.deepEqual(mdTable(['name', 'pps'], [[mdEscape('a|b'), '1']]), ['| name | pps |', '| --- | ---: |', '| a\\|b | 1 |']);
  });
});

describe('words', () => {
  it('counts group thousands as en-US does, whatever the magnitude or sign', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.double({ min: -1e7, max: 1e7, noNaN: true })), (n) => {
        assert.equal(count(n), Math.round(n).toLocaleString('en-US'));
      }),
      { numRuns: 2000 },
    );
  });

  it('count nouns, list choices and severities one way', () => {
    assert.equal(plural(1, 'lcore'), '1 lcore');
    assert.equal(plural(2, 'lcore'), '2 lcores');
    assert.equal(orList([]), '');
    assert.equal(orList(['a']), 'a');
    assert.equal(orList(['a', 'b', 'c']), 'a, b or c');
    assert.equal(listText([1, 2, 3], 2), '1, 2 and 1 more');
    assert.equal(severityCountsText({ error: 1, warning: 2, info: 0 }), '1 error, 2 warnings, 0 info');
    assert.equal(severityCountsText({ error: 0, warning: 1, info: 0 }, true), '1 warning');
    assert.equal(severityCountsText({ error: 0, warning: 0, info: 0 }, true), 'none');
  });
});
