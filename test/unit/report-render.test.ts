// The report page's render functions (src/webview/render): pure string builders, so node runs
// them. What a user relies on: names from the file cannot inject markup, the strict CSP holds
// (no style="" or inline handlers), every chart has its table, collapsed hosts cost nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { pct } from '../../src/core/present';
import { reportViewModel, type ReportViewModel } from '../../src/core/report/viewModel';
import { hitAt } from '../../src/webview/render/cache';
import { sortedHosts } from '../../src/webview/render/overview';
import { reportPage } from '../../src/webview/render/page';
import { initialUiState, sectionKey, type UiState } from '../../src/webview/render/state';
import { utilizationChart } from '../../src/webview/render/tlb';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const mistakes = () => reportViewModel(analyze(fs.readFileSync(path.join(ROOT, 'examples/mistakes.edp.json'), 'utf8')), { fileName: 'mistakes.edp.json' });
/** The page with attribute values emptied: what is left inside '<…>' are element and attribute names. */
const markup = (page: string) => page.replace(/="[^"]*"/g, '=""');
const everything = (vm: ReportViewModel): UiState => ({ ...initialUiState(undefined), expanded: vm.hosts.map((h) => h.name) });

describe('report page', () => {
  it('names and messages from the file are escaped, never markup', () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const t = topology([host({
      name: evil,
      nics: [nic(evil, 0)],
      switches: [edpSwitch(evil, [evil], [{ numaNode: 0, count: 2 }])],
      vms: [loadVm(evil, 1, 3e6, evil)],
    })], { name: evil });
    const vm = reportViewModel(analyze(JSON.stringify(t)), { fileName: `${evil}.edp.json` });
    const ui = everything(vm);
    // Tables too: every section shows its table once, its chart once.
    const withTables = { ...ui, tables: ['numa', 'tlb', 'cache', 'mbuf', 'capacity'].map((s) => sectionKey(evil, s)) };
    for (const page of [reportPage(vm, ui, { interactive: true }), reportPage(vm, withTables, { interactive: false })]) {
      assert.doesNotMatch(page, /<img/);
      assert.doesNotMatch(markup(page), /<[^>]*\sonerror=/);
      assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;&amp;/);
    }
  });

  it('no style attributes, inline handlers or scripts (the webview CSP forbids them)', () => {
    const vm = mistakes();
    const ui = everything(vm);
    const keys = vm.hosts.flatMap((h) => ['numa', 'tlb', 'cache', 'mbuf', 'capacity'].map((s) => sectionKey(h.name, s)));
    for (const page of [reportPage(vm, ui, { interactive: true }), reportPage(vm, { ...ui, tables: keys }, { interactive: true })]) {
      // Text is escaped, so every '<' opens a real element: look inside elements only.
      assert.doesNotMatch(markup(page), /<[^>]*\sstyle=/i);
      assert.doesNotMatch(markup(page), /<[^>]*\son[a-z]+=/i);
      assert.doesNotMatch(markup(page), /<[^>]*\s(src|href)=/i);
      assert.doesNotMatch(page, /<script/i);
    }
  });

  it('the lcore chart draws one bar per lcore, over-threshold ones marked, queues in the tooltip', () => {
    const vm = mistakes();
    const sw = vm.hosts[0].switches[0];
    const svg = utilizationChart(sw, vm.thresholds);
    const bars = svg.match(/<rect class="bar [^"]+"[^>]*><title>[^<]*<\/title><\/rect>/g) ?? [];
    assert.equal(bars.length, sw.lcores.length);
    sw.lcores.forEach((l) => {
      const bar = bars.find((b) => b.includes(`lcore ${l.index} on NUMA ${l.numaNode}:`))!;
      assert.equal(bar.includes('bar-bad'), l.utilization > vm.thresholds.utilization);
      assert.ok(bar.includes(pct(l.utilization)));
      for (const a of l.assigned) assert.ok(bar.includes(`queue ${a.queue}`));
    });
    assert.match(svg, /class="threshold"/);
    assert.match(svg, /role="img" aria-label="lcore utilization of switch vds-edp/);
  });

  it('every chart section has a Table toggle, and the table shows the same figures', () => {
    const vm = mistakes();
    const h = vm.hosts[0];
    const ui = everything(vm);
    const chartPage = reportPage(vm, ui, { interactive: true });
    const toggles = chartPage.match(/data-action="toggle-table"/g) ?? [];
    assert.equal(toggles.length, 5, 'NUMA map, TLB, flow cache, mbuf, capacity');
    const tablePage = reportPage(vm, { ...ui, tables: [sectionKey(h.name, 'tlb'), sectionKey(h.name, 'cache')] }, { interactive: true });
    for (const l of h.switches[0].lcores) assert.ok(tablePage.includes(`<th scope="row">lcore ${l.index}</th>`));
    for (const p of h.switches[0].cacheCurve!) assert.ok(tablePage.includes(pct(p.hitRate)));
    assert.match(tablePage, /aria-pressed="true"/);
  });

  it('collapsed hosts render only their heading: a 100-host file stays small', () => {
    const hosts = Array.from({ length: 100 }, (_, i) => host({ name: `esx-${i}`, vms: [loadVm('vm', 0, 1e5)] }));
    const vm = reportViewModel(analyze(JSON.stringify(topology(hosts))), { fileName: 'big.edp.json', curves: [] });
    const collapsed = reportPage(vm, initialUiState(undefined), { interactive: true });
    assert.equal((collapsed.match(/data-action="toggle-host"/g) ?? []).length, 100);
    assert.doesNotMatch(collapsed, /class="host-body"/);
    const one = reportPage(vm, initialUiState('esx-7'), { interactive: true });
    assert.equal((one.match(/class="host-body"/g) ?? []).length, 1);
    // Its curve is not there yet: the page says so rather than drawing nothing.
    assert.match(one, /Computing the flow-cache curve/);
  });

  it('findings are buttons that name their finding in the panel, plain text in an export', () => {
    const vm = mistakes();
    const panel = reportPage(vm, everything(vm), { interactive: true });
    const ids = [...panel.matchAll(/data-action="reveal" data-finding="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual([...ids].sort((a, b) => a - b), vm.findings.map((f) => f.id));
    const exported = reportPage(vm, everything(vm), { interactive: false });
    assert.doesNotMatch(exported, /data-action="reveal"/);
    const first = vm.findings[0];
    assert.ok(exported.includes(`Ln ${first.range!.start.line + 1}, Col ${first.range!.start.character + 1}`));
  });

  it('the overview sorts by any column, worst first where the user clicks once', () => {
    const hosts = [host({ name: 'b', vms: [loadVm('vm', 0, 2e6)] }), host({ name: 'a', vms: [loadVm('vm', 0, 1e5)] }), host({ name: 'c', vms: [loadVm('vm', 0, 1e6)] })];
    const vm = reportViewModel(analyze(JSON.stringify(topology(hosts))), { fileName: 't.edp.json' });
    assert.deepEqual(sortedHosts(vm.hosts, { column: 'name', descending: false }).map((h) => h.name), ['a', 'b', 'c']);
    assert.deepEqual(sortedHosts(vm.hosts, { column: 'maxUtilization', descending: true }).map((h) => h.name), ['b', 'c', 'a']);
    const page = reportPage(vm, { ...initialUiState(undefined), sort: { column: 'maxUtilization', descending: true } }, { interactive: true });
    assert.match(page, /<th scope="col" aria-sort="descending" class="num"><button type="button" class="sort" data-action="sort" data-column="maxUtilization">/);
    const order = [...page.matchAll(/data-action="select-host" data-host="(\w)"/g)].map((m) => m[1]);
    assert.deepEqual(order, ['b', 'c', 'a']);
  });

  it('the hit rate at the current table size is read off the curve (log-linear between points)', () => {
    const curve = [{ entries: 1024, hitRate: 0.5 }, { entries: 4096, hitRate: 0.9 }];
    assert.equal(hitAt(curve, 4096), 0.9);
    assert.ok(Math.abs(hitAt(curve, 2048)! - 0.7) < 1e-12);
    assert.equal(hitAt(curve, 16), 0.5);
    assert.equal(hitAt([], 16), undefined);
  });

  it('a file without figures shows why, and its findings', () => {
    const vm = reportViewModel(analyze('{ "version": 1, "hosts": [ }'), { fileName: 'broken.edp.json' });
    const page = reportPage(vm, initialUiState(undefined), { interactive: true });
    assert.match(page, /class="notice">No figures: the file is not valid JSON/);
    assert.doesNotMatch(page, /Cluster overview/);
    assert.match(page, /parse\/invalid-json/);
  });
});
