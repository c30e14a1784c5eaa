// Invariants of the model over hundreds of generated schema-valid designs (fast-check): drop
// rates are shares, an lcore is at most one core, per-lcore served + dropped = offered, switch
// drops = lcore drops + line-rate excess, and no figure or message is ever NaN or Infinity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../src/core/analyze';
import { MODEL_CONSTANTS } from '../../src/core/model/constants';
import type { Host, Topology } from '../../src/core/topology';
import { jsonReport } from '../../src/cli/format-json';
import { switchTableLines } from '../../src/cli/model-table';
import { reportMarkdown } from '../../src/core/report/markdown';
import { reportViewModel } from '../../src/core/report/viewModel';
import { switchHoverMarkdown, switchLensText } from '../../src/extension/figures';

const MODES = ['edp-standard', 'edp-performance', 'standard'] as const;

/** A schema-valid topology: one host, 1–2 sockets, NICs, switches and VMs referencing each other. */
const designs: fc.Arbitrary<Topology> = fc
  .record({
    sockets: fc.integer({ min: 1, max: 2 }),
    ghz: fc.oneof(fc.constant(0.5), fc.double({ min: 0.5, max: 10, noNaN: true })),
    llcMiB: fc.oneof(fc.constant(1), fc.double({ min: 1, max: 4096, noNaN: true })),
    nics: fc.array(fc.record({ node: fc.integer({ min: 0, max: 1 }), speed: fc.oneof(fc.constant(1), fc.double({ min: 1, max: 1600, noNaN: true })), queues: fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
    switches: fc.array(
      fc.record({
        mode: fc.constantFrom(...MODES),
        uplinks: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
        lcores: fc.array(fc.record({ numaNode: fc.integer({ min: 0, max: 1 }), count: fc.integer({ min: 1, max: 8 }) }), { maxLength: 2 }),
        entries: fc.option(fc.integer({ min: 1, max: 1 << 19 }), { nil: undefined }),
        rxRingSize: fc.option(fc.integer({ min: 32, max: 16384 }), { nil: undefined }),
        assignment: fc.constantFrom<'cpu-usage' | 'vnic-count'>('cpu-usage', 'vnic-count'),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    vms: fc.array(
      fc.record({
        node: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
        vnics: fc.array(
          fc.record({
            sw: fc.integer({ min: 0, max: 1 }),
            queues: fc.integer({ min: 1, max: 8 }),
            traffic: fc.option(
              fc.record({
                pps: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5e7, noNaN: true }), fc.constant(1e10)),
                packetBytes: fc.integer({ min: 60, max: 9216 }),
                flows: fc.integer({ min: 1, max: 20000 }),
                zipf: fc.double({ min: 0, max: 3, noNaN: true }),
                newFlowsPerSec: fc.double({ min: 0, max: 1e7, noNaN: true }),
                rxShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
              }),
              { nil: undefined },
            ),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      { maxLength: 4 },
    ),
    overrides: fc.dictionary(
      fc.constantFrom(...MODEL_CONSTANTS.map((c) => c.key)),
      fc.constantFrom<'min' | 'max' | 'mid'>('min', 'max', 'mid'),
      { maxKeys: 4 },
    ),
  })
  .map((g): Topology => {
    const nodes = g.sockets;
    const nics = g.nics.map((n, i) => ({ name: `vmnic${i}`, speedGbps: n.speed, numaNode: n.node % nodes, ...(n.queues ? { queues: n.queues } : {}) }));
    // Each NIC is an uplink of one switch at most (ref/shared-uplink would flag the design).
    const taken = new Set<number>();
    const switches = g.switches.map((s, i) => ({
      name: `vds${i}`,
      mode: s.mode,
      uplinks: s.uplinks.filter((u) => u < nics.length && !taken.has(u) && taken.add(u)).map((u) => nics[u].name),
      lcoreAssignment: s.assignment,
      ...(s.lcores.length ? { lcores: s.lcores.map((l) => ({ numaNode: l.numaNode % nodes, count: l.count })) } : {}),
      ...(s.entries ? { flowCache: { entries: s.entries } } : {}),
      ...(s.rxRingSize ? { rxRingSize: s.rxRingSize } : {}),
    }));
    const vms = g.vms.map((v, i) => ({
      name: `vm${i}`,
      ...(v.node !== undefined ? { numaNode: v.node % nodes } : {}),
      vnics: v.vnics.map((n, k) => ({ name: `eth${k}`, switch: switches[n.sw % switches.length].name, queues: n.queues, ...(n.traffic ? { traffic: n.traffic } : {}) })),
    }));
    const model = Object.fromEntries(
      Object.entries(g.overrides).map(([key, at]) => {
        const c = MODEL_CONSTANTS.find((x) => x.key === key)!;
        return [key, at === 'min' ? c.minimum : at === 'max' ? c.maximum : (c.minimum + c.maximum) / 2];
      }),
    );
    const host: Host = { name: 'esx', cpu: { sockets: g.sockets, coresPerSocket: 64, ghz: g.ghz, llcMiB: g.llcMiB }, nics, switches, vms };
    return { version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts: [host], model };
  });

/** Every number reachable from `value` (the lazy cache curve only when asked). */
function numbersIn(value: unknown, withCurve: boolean, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, withCurve, `${path}/${i}`));
  if (value && typeof value === 'object') {
    return Object.keys(value).flatMap((k) => (k === 'cacheCurve' && !withCurve ? [] : numbersIn((value as Record<string, unknown>)[k], withCurve, `${path}/${k}`)));
  }
  return [];
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('model properties over generated designs', () => {
  it('holds its invariants on hundreds of valid designs', () => {
    fc.assert(
      fc.property(designs, (t) => {
        const a = analyze(JSON.stringify(t));
        assert.deepEqual(a.findings.filter((f) => f.rule === 'schema/invalid' || f.rule === 'parse/invalid-json').map((f) => f.message), [], 'the generator makes valid designs');
        const model = a.model!;
        for (const [path, n] of numbersIn(model, false)) assert.ok(Number.isFinite(n), `${path} = ${n}`);
        for (const f of a.findings) assert.doesNotMatch(f.message, /NaN|Infinity|undefined/, f.rule);
        for (const h of model.hosts) {
          for (const sw of h.switches) {
            assert.ok(sw.dropRate >= 0 && sw.dropRate <= 1, `dropRate ${sw.dropRate}`);
            assert.ok(sw.coresUsed.edpStandard <= sw.lcores.length + 1e-9, 'cores used ≤ lcores');
            assert.ok(sw.coresUsed.edpStandard <= sw.coresUsed.edpPerformance + 1e-9);
            for (const l of sw.lcores) {
              assert.ok(near(l.servedPps + l.dropPps, l.pps), `lcore ${l.index}: served + dropped = offered`);
              assert.ok(l.servedPps <= l.capacityPps * (1 + 1e-12) && l.dropPps >= 0);
            }
            if (sw.mode !== 'standard') assert.ok(near(sw.lcoreDropPps, sw.lcores.reduce((n, l) => n + l.dropPps, 0)));
            assert.ok(near(sw.dropPps, sw.lcoreDropPps + sw.lineDropPps) && sw.dropPps <= sw.offeredPps * (1 + 1e-12));
            assert.equal(a.findings.some((f) => f.rule === 'capacity/datapath' && f.message.includes(`"${sw.name}"`)), sw.mode !== 'standard' && sw.lcoreDropPps > 0);
            for (const line of [switchLensText(sw), switchHoverMarkdown(sw)]) assert.doesNotMatch(line, /NaN|Infinity/);
          }
        }
        // The report (without the curves, checked below), its Markdown, the CLI table and JSON.
        const report = reportViewModel(a, { fileName: 'x.edp.json', curves: [] });
        for (const [path, n] of numbersIn(report, false)) assert.ok(Number.isFinite(n), `report ${path} = ${n}`);
        assert.doesNotMatch(reportMarkdown(report), /NaN|Infinity/);
        assert.doesNotMatch(switchTableLines(a.model).join('\n'), /NaN|Infinity/);
        assert.doesNotMatch(JSON.stringify(jsonReport([{ display: 'x', absolute: '/x', analysis: a }]), (k, v) => (k === 'cacheCurve' ? undefined : v)), /null|NaN|Infinity/);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('the flow-cache curves are finite too', () => {
    fc.assert(
      fc.property(designs, (t) => {
        const model = analyze(JSON.stringify(t)).model!;
        for (const [path, n] of numbersIn(model, true)) assert.ok(Number.isFinite(n), `${path} = ${n}`);
      }),
      { numRuns: 40, seed: 12 },
    );
  });
});
