import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze } from '../../src/core/analyze';
import { cores as coresText, pct, rate } from '../../src/core/present';
import type { SwitchModel } from '../../src/core/model/types';
import { fixtureUri, hoverTexts, lineOf, openInEditor, positionIn, revertAndClose } from './helpers';

/** Lenses come without their command until resolved (VS Code resolves those on screen): resolve them all. */
const RESOLVE_ALL = 1000;

/** "hit 99.7% · 4 lcores · max util 7.25% · 0.35 cores" (no drops: the fixture is clean). */
const LENS = /^hit ([\d.]+%) · (\d+) lcores? · max util ([\d.]+%) · ([\d.]+) cores$/;

/** Our hover among those shown (VS Code's JSON service adds the schema's description). */
function ours(texts: string[], heading: string): string {
  const text = texts.find((t) => t.includes(heading));
  assert.ok(text, `a hover starting ${heading}; got ${JSON.stringify(texts)}`);
  return text;
}

suite('CodeLens and hovers with the datapath model', () => {
  const uri = fixtureUri('lens-hover.edp.json');
  let doc: vscode.TextDocument;
  /** The core's model of the same text: what the editor's figures must equal. */
  let switches: SwitchModel[];

  suiteSetup(async () => {
    doc = (await openInEditor(uri)).document;
    const analysis = analyze(doc.getText());
    assert.deepEqual(analysis.findings.map((f) => f.rule), [], 'the fixture is clean');
    switches = analysis.model!.hosts[0].switches;
  });
  suiteTeardown(revertAndClose);

  test('one lens per switch, above it, with the model\'s hit rate, lcores, utilization and cores; it opens the report', async () => {
    // The provider waits (up to 2 s) for the analysis of this version; a clean file gives no
    // diagnostics event to wait on, so ask again if the first answer came before it.
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 3 && lenses.length === 0; i++) {
      lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, RESOLVE_ALL)) ?? [];
    }
    lenses.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(lenses.length, switches.length, `one lens per switch; got ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    const text = doc.getText();
    switches.forEach((sw, i) => {
      const lens = lenses[i];
      // the switch object opens on the line above its "name"
      assert.equal(lens.range.start.line, lineOf(text, `"name": "${sw.name}"`) - 1, `the lens of ${sw.name} sits on its object`);
      const title = lens.command?.title ?? '';
      const m = LENS.exec(title);
      assert.ok(m, `lens "${title}" reads like "hit 99.7% · 4 lcores · max util 7.25% · 0.35 cores"`);
      const [, hit, lcores, util, cores] = m;
      // the figures as every view prints them (99.96% must not read 100.0%)
      assert.equal(hit, pct(sw.hitRate), `${sw.name}: hit rate ${sw.hitRate}`);
      assert.equal(Number(lcores), sw.lcores.length, `${sw.name}: lcores`);
      assert.equal(util, pct(sw.maxUtilization), `${sw.name}: max utilization ${sw.maxUtilization}`);
      assert.equal(cores, coresText(sw.coresUsed.edpStandard), `${sw.name}: cores used in EDP Standard`);
      assert.equal(lens.command?.command, 'edpDesigner.showReport');
      assert.equal(String(lens.command?.arguments?.[0]), uri.toString(), 'the lens opens the report of this file');
    });
    assert.notEqual(lenses[0].command?.title, lenses[1].command?.title, 'each switch shows its own figures');
  });

  test('hovering a switch name shows its offered load, capacity, hit rate and one row per lcore', async () => {
    const sw = switches[0];
    const md = ours(await hoverTexts(uri, positionIn(doc, sw.name, `"name": "${sw.name}"`)), `**Switch ${sw.name}**`);
    assert.ok(md.includes(`Offered: ${rate(sw.offeredPps)}`), md);
    assert.ok(md.includes(`Capacity of ${sw.lcores.length} lcores: ${rate(sw.capacityPps)}`), md);
    assert.ok(md.includes(`Flow-cache hit rate: ${pct(sw.hitRate)} with 65,536 entries per lcore`), md);
    assert.ok(md.includes(`Uplinks' line rate: ${rate(sw.lineRatePps)}`), md);
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    assert.deepEqual(rows.map((l) => Number(/^\| (\d+) \|/.exec(l)![1])), sw.lcores.map((l) => l.index), 'a table row per lcore');
  });

  test('hovering a vNIC name shows its rate and where each of its queues landed', async () => {
    const sw = switches[0];
    const queues = sw.lcores.flatMap((l) => l.assigned.filter((a) => a.vm === 'fw-1' && a.vnic === 'eth-fw').map((a) => ({ ...a, lcore: l.index })));
    assert.equal(queues.length, 4, 'the model places the vNIC\'s 4 queues');
    const total = queues.reduce((s, q) => s + q.pps, 0);
    const md = ours(await hoverTexts(uri, positionIn(doc, 'eth-fw')), '**vNIC fw-1 / eth-fw**');
    assert.ok(md.includes(`on switch ${sw.name} · ${rate(total)} over 4 queues`), md);
    assert.ok(!md.includes('cross-NUMA penalty'), 'the VM and the lcores share NUMA node 0');
    for (const q of queues) {
      assert.match(md, new RegExp(`^\\| ${q.queue} \\| ${q.lcore} \\| 0 \\| ${rate(q.pps).replace('.', '\\.')} \\| no \\|`, 'm'), `queue ${q.queue} on lcore ${q.lcore}`);
    }
  });

  test('hovering an lcore group\'s count shows its lcores\' utilization', async () => {
    const sw = switches[1];
    const line = lineOf(doc.getText(), '"count": 2');
    const md = ours(await hoverTexts(uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('"count": 2') + '"count": '.length)), `**lcore group 0 of switch ${sw.name}**`);
    assert.ok(md.includes('2 lcores on NUMA node 1'), md);
    const util = sw.lcores.map((l) => l.utilization);
    const mean = util.reduce((a, b) => a + b, 0) / util.length;
    assert.ok(md.includes(`Utilization: mean ${pct(mean)}, max ${pct(Math.max(...util))}.`), md);
    assert.ok(md.includes('lb-1/eth-lb q0'), `the queues each lcore serves: ${md}`);
  });

  test('hovering an uplink shows the NIC, its NUMA node and the line rate it gives the switch', async () => {
    const sw = switches[1];
    const md = ours(await hoverTexts(uri, positionIn(doc, 'vmnic6', '"uplinks": ["vmnic6"]')), '**NIC vmnic6**');
    assert.ok(md.includes('100 Gb/s on NUMA node 1'), md);
    assert.ok(md.includes(`Uplink of ${sw.name}: line rate ${rate(sw.lineRatePps)} at its 800 B mean packet size`), md);
    // 100 Gb/s of 800 B packets plus 20 B of framing: about 15.24 Mpps
    assert.equal(rate(sw.lineRatePps), '15.24 Mpps');
  });
});
