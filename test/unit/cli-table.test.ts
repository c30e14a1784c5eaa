// The per-switch table under a file's findings in edp-check's text output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Analysis } from '../../src/core/analyze';
import { percentText, ppsText, switchTableLines } from '../../src/cli/model-table';

/** Only the fields the table reads: it must work on whatever the model gives. */
function analysisWith(model: unknown, topology?: unknown): Analysis {
  return { model, topology } as unknown as Analysis;
}

test('one row per switch with its figures, names aligned left and figures right', () => {
  const lines = switchTableLines(analysisWith({
    hosts: [{
      name: 'esx-01',
      switches: [
        { name: 'vds-edp', mode: 'edp-performance', offeredPps: 2_000_000, hitRate: 0.973, lcores: [{}, {}, {}, {}], maxUtilization: 0.62,
          coresUsed: { edpPerformance: 4, edpStandard: 2.5, heritage: 9 }, dropRate: 0 },
        { name: 'vds-b', mode: 'edp-standard', offeredPps: 950, hitRate: 1, lcores: [{}], maxUtilization: 0.051,
          coresUsed: { edpPerformance: 1, edpStandard: 0.05, heritage: 0.2 }, dropRate: 0.125 },
      ],
    }],
  }));
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0].trim().split(/\s{2,}/), ['host', 'switch', 'offered', 'hit rate', 'lcores', 'max util', 'cores used', 'drops']);
  assert.deepEqual(lines[1].trim().split(/\s{2,}/), ['esx-01', 'vds-edp', '2.00 Mpps', '97.3%', '4', '62%', '4.0', '0.0%']);
  // EDP Standard shares cores: the cores it actually uses, not one per lcore.
  assert.deepEqual(lines[2].trim().split(/\s{2,}/), ['esx-01', 'vds-b', '950 pps', '100.0%', '1', '5%', '0.1', '12.5%']);
  const widths = new Set(lines.map((l) => l.length));
  assert.equal(widths.size, 1, 'columns line up');
});

test('missing figures show as "-", names come from the topology, and no switches means no table', () => {
  const topology = { hosts: [{ name: 'esx-09', switches: [{ name: 'vds-x' }] }] };
  const lines = switchTableLines(analysisWith({ hosts: [{ switches: [{}] }] }, topology));
  assert.deepEqual(lines[1].trim().split(/\s{2,}/), ['esx-09', 'vds-x', '-', '-', '-', '-', '-', '-']);
  assert.deepEqual(switchTableLines(analysisWith(undefined)), []);
  assert.deepEqual(switchTableLines(analysisWith({ hosts: [] })), []);
  assert.deepEqual(switchTableLines(analysisWith({ hosts: [{ name: 'h', switches: [] }] })), []);
});

test('rates read as engineers write them', () => {
  assert.equal(ppsText(14_880_952), '14.88 Mpps');
  assert.equal(ppsText(1_500), '1.50 kpps');
  assert.equal(ppsText(2.4e9), '2.40 Gpps');
  assert.equal(ppsText(Number.NaN), '-');
  assert.equal(percentText(0.5, 1), '50.0%');
  assert.equal(percentText(undefined, 1), '-');
});
