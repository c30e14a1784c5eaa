// Measured beside predicted: the `measured` section of an imported switch against the model's
// hit rate, as the measured/hit-rate-gap finding and the report's per-lcore comparison.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, calibrateFromMeasurements, importHosts, reportViewModel } from '../../src/core';
import { measuredTable } from '../../src/webview/render/measured';

const ESX01 = resolve(__dirname, '../../../test/fixtures/import/esx01/edp-esx01-20261201T203000Z.txt');

/** The imported esx01 with the one fact it lacks filled in and a VM whose traffic the model can predict. */
function design(flows: number, measuredHits?: number) {
  const topology = importHosts([{ name: 'esx01.txt', text: readFileSync(ESX01, 'utf8') }]).topology;
  const host = topology.hosts[0];
  host.nics.find((n) => n.name === 'vmnic1')!.speedGbps = 10;
  host.vms = [{ name: 'fw-1', numaNode: 0, vcpus: 4, latencySensitivity: 'high', vnics: [{ name: 'eth0', switch: 'vds-edp', queues: 4, traffic: { pps: 3_000_000, packetBytes: 512, flows, zipf: 1 } }] }];
  if (measuredHits !== undefined) {
    for (const l of host.switches[0].measured!.lcores) {
      l.counters = { hits: measuredHits, miss: 1_000_000 - measuredHits };
      l.hitRate = measuredHits / 1_000_000;
    }
  }
  return JSON.stringify(topology, null, 2);
}

const gapFindings = (text: string) => analyze(text).findings.filter((f) => f.rule === 'measured/hit-rate-gap');

describe('measured/hit-rate-gap', () => {
  it('silent when the host measures what the model predicts', () => {
    const predicted = analyze(design(2000)).model!.hosts[0].switches[0].hitRate;
    assert.deepEqual(gapFindings(design(2000, Math.round(predicted * 1_000_000))), []);
  });

  it('fires on the measured section when the host misses far more than predicted, with both figures', () => {
    const found = gapFindings(design(2000, 800_000));
    assert.equal(found.length, 1);
    assert.equal(found[0].path, '/hosts/0/switches/0/measured');
    assert.match(found[0].message, /Measured flow-cache hit rate of switch "vds-edp" is 80\.0% \(nsxdp-cli ens flow-stats get, 30 s, 4 lcores\) but the model predicts/);
    assert.match(found[0].message, /more flows/);
  });

  it('the threshold is a model constant the file can override', () => {
    const text = design(2000, 800_000).replace('"version": 1,', '"version": 1,\n  "model": { "measured.hitRateGap": 0.5 },');
    assert.deepEqual(gapFindings(text), []);
  });

  it('no prediction, no comparison: a switch without described traffic', () => {
    const topology = JSON.parse(design(2000, 100_000));
    topology.hosts[0].vms = [];
    assert.deepEqual(gapFindings(JSON.stringify(topology)), []);
  });
});

describe('the report shows measured beside predicted per lcore', () => {
  const a = analyze(design(2000));
  const vm = reportViewModel(a, { fileName: 'esx01.edp.json' });
  const m = vm.hosts[0].switches[0].measured!;

  it('the view model pairs lcores by NUMA node and carries the measurement\'s when and how', () => {
    assert.equal(m.seconds, 30);
    assert.deepEqual(m.lcores.map((l) => [l.numaNode, l.lcore]), [[0, 0], [0, 1], [1, 3], [1, 4]]);
    assert.equal(m.lcores[0].hitRate, 0.98);
    assert.equal(typeof m.lcores[0].predictedHitRate, 'number');
    assert.ok(m.hitRate! > 0.97 && m.hitRate! < 0.98, String(m.hitRate));
  });

  it('the table names each lcore with both hit rates', () => {
    const html = measuredTable(vm.hosts[0].switches[0], vm.thresholds);
    assert.match(html, /lcore 3/);
    assert.match(html, /98\.0%/);
    assert.match(html, /over 30 s/);
    assert.equal(measuredTable({ ...vm.hosts[0].switches[0], measured: undefined }, vm.thresholds), '');
  });
});

describe('calibration from measurements', () => {
  it('proposes the flows and churn that make the model predict the measured hit rate, and says what it changed', () => {
    const before = `// calibrate me\n${design(2000, 800_000)}`;
    assert.equal(gapFindings(before).length, 1);
    const c = calibrateFromMeasurements(before);
    assert.ok('text' in c, JSON.stringify(c));
    assert.ok(c.text.startsWith('// calibrate me'), 'comments stay');
    assert.deepEqual(gapFindings(c.text), [], 'the gap is closed');
    const traffic = JSON.parse(c.text.replace(/^\/\/.*$/m, '')).hosts[0].vms[0].vnics[0].traffic;
    assert.ok(traffic.flows > 2000, `more flows than described: ${traffic.flows}`);
    // measured new flows: 1000 + 3000 + 200 + 150 per second over the four lcores
    assert.equal(traffic.newFlowsPerSec, 4350);
    assert.equal(c.changes.length, 1);
    assert.match(c.changes[0], /Switch "vds-edp" of esx01\.lab\.example: flows of its 1 vNIC × [\d.]+, newFlowsPerSec shared out to 4350 per second in all; predicted hit rate now 80\.\d% against 80\.0% measured\./);
  });

  it('starts from the constants the analysis uses (defaults < settings < the file) and names those that are not defaults', () => {
    const before = design(2000, 800_000);
    const settings = { flowCacheEntries: 1024 };
    const gapWith = (text: string, model: Record<string, number>) => analyze(text, { model }).findings.filter((f) => f.rule === 'measured/hit-rate-gap');
    // calibrated without the settings, the editor (which has them) still sees a gap
    const blind = calibrateFromMeasurements(before);
    assert.ok('text' in blind);
    assert.equal(blind.basis, 'Model constants: the defaults (docs/MODEL.md).');
    assert.equal(gapWith(blind.text, settings).length, 1, 'the settings change the prediction');
    const c = calibrateFromMeasurements(before, settings);
    assert.ok('text' in c);
    assert.deepEqual(gapWith(c.text, settings), [], 'calibrated with the settings: no gap where the user looks');
    assert.equal(c.basis, 'Model constants as the analysis uses them: flowCacheEntries = 1024 (edpDesigner.model setting); the others are the defaults (docs/MODEL.md).');
    // the file's model section wins over the settings, as in the analysis
    const filed = before.replace('"version": 1,', '"version": 1,\n  "model": { "flowCacheEntries": 4096, "burstSize": 64 },');
    const f = calibrateFromMeasurements(filed, settings);
    assert.ok('text' in f);
    assert.deepEqual(gapWith(f.text, settings), []);
    assert.match(f.basis, /burstSize = 64 \(the file's model\), flowCacheEntries = 4096 \(the file's model\)/);
  });

  it('says so when traffic alone cannot reach the measured hit rate, and points at the flow cache size', () => {
    // 1 % hits: no flow count the search allows makes a Zipf-skewed cache miss that often
    const c = calibrateFromMeasurements(design(2000, 10_000));
    assert.ok('text' in c);
    assert.match(c.changes[0], /against 1\.00% measured\. Traffic alone cannot close the gap: check the switch's flowCache\.entries \(else the flowCacheEntries constant, \d+ now\) and the measurement\./);
  });

  it('says why when there is nothing to calibrate', () => {
    const topology = JSON.parse(design(2000));
    delete topology.hosts[0].switches[0].measured;
    const none = calibrateFromMeasurements(JSON.stringify(topology));
    assert.ok('reason' in none && /no switch has a measured section/.test(none.reason));
    assert.ok('reason' in calibrateFromMeasurements('{ "version": 1 }'));
  });
});
