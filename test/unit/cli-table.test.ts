// The per-switch table under a file's findings in edp-check's text output.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { switchTableLines } from '../../src/cli/model-table';
import { analyze } from '../../src/core/analyze';
import type { DatapathModel } from '../../src/core/model';
import { dropText, pct } from '../../src/core/present';
import { edpSwitch, host, loadVm, topology } from './model-fixtures';

it('one row per switch with its figures, names aligned left and figures right', () => {
  const switches = [edpSwitch('vds-edp', ['vmnic0'], [{ numaNode: 0, count: 4 }], { mode: 'edp-performance' }), edpSwitch('vds-b', [], [{ numaNode: 0, count: 1 }])];
  const vms = [loadVm('fw', 0, 2e6, 'vds-edp', 4), loadVm('lb', 0, 3e6, 'vds-b')];
  const analysis = analyze(JSON.stringify(topology([host({ switches, vms })])));
  const [a, b] = analysis.model!.hosts[0].switches;
  const lines = switchTableLines(analysis.model);
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0].trim().split(/\s{2,}/), ['host', 'switch', 'offered', 'hit rate', 'lcores', 'max util', 'cores used', 'drops']);
  // EDP Performance: a whole core per lcore; no drops.
  assert.deepEqual(lines[1].trim().split(/\s{2,}/), ['esx-01', 'vds-edp', '2.00 Mpps', '100%', '4', pct(a.maxUtilization), '4', 'none']);
  // EDP Standard, one overloaded lcore: at most one core, and the drop figure every view shows.
  assert.deepEqual(lines[2].trim().split(/\s{2,}/), ['esx-01', 'vds-b', '3.00 Mpps', '100%', '1', pct(b.maxUtilization), '1', dropText(b.dropRate)]);
  assert.ok(b.dropRate > 0);
  const widths = new Set(lines.map((l) => l.length));
  assert.equal(widths.size, 1, 'columns line up');
});

it('no model or no switches means no table', () => {
  assert.deepEqual(switchTableLines(undefined), []);
  assert.deepEqual(switchTableLines({ constants: {}, hosts: [] } as unknown as DatapathModel), []);
  assert.deepEqual(switchTableLines({ constants: {}, hosts: [{ name: 'h', switches: [] }] } as unknown as DatapathModel), []);
});
