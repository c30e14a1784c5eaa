// The model runs on every keystroke over whatever the schema let through, dangling references
// included: it must never throw and never produce NaN or Infinity (JSON would turn them into null).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeModel } from '../../src/core/model';
import type { Topology } from '../../src/core/topology';
import { prng } from '../support/prng';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

function randomTopology(seed: number): Topology {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const nodes = [0, 1, 2, 7];
  const nics = [nic('vmnic0', pick(nodes), pick([1, 10, 100])), nic('vmnic1', pick(nodes), 25)];
  const switchNames = ['vds', 'vds2', 'ghost'];
  const switches = [0, 1].map((i) =>
    edpSwitch(
      switchNames[i],
      [pick(['vmnic0', 'vmnic1', 'nope']), ...(r() < 0.5 ? [pick(['vmnic0', 'vmnic1', 'nope'])] : [])],
      r() < 0.2 ? [] : [{ numaNode: pick(nodes), count: 1 + Math.floor(r() * 4) }, ...(r() < 0.5 ? [{ numaNode: pick(nodes), count: 1 }] : [])],
      {
        mode: pick(['standard', 'edp-standard', 'edp-performance', 'edp-dedicated'] as const),
        lcoreAssignment: pick(['cpu-usage', 'vnic-count'] as const),
        ...(r() < 0.5 ? { flowCache: { entries: pick([1, 3, 4096, 600000]) } } : {}),
        ...(r() < 0.5 ? { rxRingSize: pick([32, 4096]) } : {}),
      },
    ),
  );
  const vms = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) =>
    loadVm(`vm${i}`, r() < 0.3 ? undefined : pick(nodes), pick([0, 1, 1e6, 5e7]), pick(switchNames), 1 + Math.floor(r() * 4), {
      flows: pick([1, 100, 1e5]),
      zipf: pick([0, 0.8, 1, 2]),
      newFlowsPerSec: pick([0, 1e3, 1e9]),
      packetBytes: pick([60, 1500, 9000]),
    }),
  );
  return topology([host({ nics, switches, vms }), host({ name: 'esx-02', numaNodes: [{ id: 3, socket: 5, cores: 1 }] })]);
}

function nonFinite(value: unknown, at = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${at}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${at}/${k}`));
  return [];
}

describe('model robustness', () => {
  it('never throws and yields only finite figures on random, partly broken topologies', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const t = randomTopology(seed);
      let result: ReturnType<typeof computeModel> | undefined;
      assert.doesNotThrow(() => (result = computeModel(t)), `seed ${seed}`);
      assert.deepEqual(nonFinite(result!.model), [], `seed ${seed}`);
      for (const f of result!.findings) assert.ok(f.message.length > 0 && !/NaN|undefined|Infinity/.test(f.message), `seed ${seed}: ${f.message}`);
    }
  });

  it('a host without switches or VMs has zero figures', () => {
    const { model, findings } = computeModel(topology([host({ switches: [], vms: undefined })]));
    assert.deepEqual(model.hosts[0].coresUsed, { edpPerformance: 0, edpStandard: 0, heritage: 0 });
    assert.deepEqual(findings, []);
  });
});
