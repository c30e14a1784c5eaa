// "EDP: Calibrate Model from Measurements": the traffic description that makes the model predict
// what the host measured. For each switch with a `measured` section and described traffic:
//   1. churn: when the measurement has new flows per second, the vNICs' newFlowsPerSec are set so
//      that they add up to it (shared out by pps, as the model shares flows);
//   2. flows: every vNIC's flows is scaled by one factor, found by bisection, until the switch's
//      predicted hit rate meets the measured one (the hit rate falls as flows grow).
// Flows and churn are what the user guesses when describing traffic; the cycle constants are left
// alone (flow-stats counters do not measure cycles). The model runs with the constants the editor
// uses (defaults < the user's edpDesigner.model settings < the file's `model`), so the calibrated
// file predicts what was measured in the editor too, and `basis` says which were not defaults.
// Edits go through jsonc-parser: comments stay.
import { applyEdits, modify } from 'jsonc-parser';
import { analyze } from '../analyze';
import { formattingOptionsOf } from '../fixes/edits';
import { pct, plural } from '../present';
import type { Topology } from '../topology';
import { DEFAULT_CONSTANTS, effectiveConstants, MODEL_CONSTANTS } from './constants';
import { computeModel } from './index';
import { measuredHitRate } from './measured';

export interface Calibration {
  /** The document with the proposed traffic. */
  text: string;
  /** What changed, one sentence per switch. */
  changes: string[];
  /** The model constants the calibration started from that are not the defaults, and where each was set. */
  basis: string;
}

/**
 * The proposal, or why there is none. `settings`: the model constants of the user's settings
 * (edpDesigner.model); the file's own `model` section wins over them, as in the analysis.
 */
export function calibrateFromMeasurements(text: string, settings: Record<string, number> = {}): Calibration | { reason: string } {
  const analysis = analyze(text);
  const topology = analysis.topology;
  if (!topology) return { reason: 'the file has structural errors; fix them first' };
  let out = text;
  const changes: string[] = [];
  const fmt = formattingOptionsOf(text);
  const set = (path: (string | number)[], value: number) => {
    out = applyEdits(out, modify(out, path, value, { formattingOptions: fmt }));
  };
  const overridesOf = { ...settings, ...topology.model };
  const withMeasurement = topology.hosts.flatMap((h, hi) => h.switches.map((s, si) => ({ h, hi, s, si })).filter((x) => x.s.measured));
  if (withMeasurement.length === 0) return { reason: 'no switch has a measured section (import flow statistics with "EDP: Import Hosts…" or edp-check import)' };

  for (const { h, hi, s, si } of withMeasurement) {
    const target = measuredHitRate(s.measured!);
    const vnics = (h.vms ?? []).flatMap((vm, vi) => vm.vnics.map((n, ni) => ({ vm, vi, n, ni }))).filter((x) => x.n.switch === s.name && x.n.traffic && x.n.traffic.pps > 0);
    if (target === undefined || vnics.length === 0) {
      changes.push(`Switch "${s.name}" of ${h.name}: ${target === undefined ? 'the measurement has no hit rate' : 'no vNIC traffic is described'}, nothing to calibrate.`);
      continue;
    }
    const predict = (flowsFactor: number, churn: number[] | undefined): number => {
      const host = structuredClone(h);
      for (const [k, x] of vnics.entries()) {
        const t = host.vms![x.vi].vnics[x.ni].traffic!;
        t.flows = Math.max(1, Math.round(x.n.traffic!.flows * flowsFactor));
        if (churn) t.newFlowsPerSec = churn[k];
      }
      const one: Topology = { ...topology, hosts: [host] };
      return computeModel(one, overridesOf).model.hosts[0].switches[si].hitRate;
    };

    const measuredNew = s.measured!.lcores.reduce((n, l) => n + (l.newFlowsPerSec ?? 0), 0);
    const hasNew = s.measured!.lcores.some((l) => l.newFlowsPerSec !== undefined);
    const totalPps = vnics.reduce((n, x) => n + x.n.traffic!.pps, 0);
    const churn = hasNew ? vnics.map((x) => round(measuredNew * (x.n.traffic!.pps / totalPps))) : undefined;

    // log-space bisection on the flows factor: hit rate is non-increasing in flows
    let lo = Math.log(1e-4);
    let hi2 = Math.log(1e4);
    const at = (f: number) => predict(Math.exp(f), churn);
    if (at(lo) < target) hi2 = lo;
    else if (at(hi2) > target) lo = hi2;
    else {
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi2) / 2;
        if (at(mid) > target) lo = mid;
        else hi2 = mid;
      }
    }
    const factor = Math.exp((lo + hi2) / 2);
    const reached = predict(factor, churn);
    const gap = effectiveConstants(overridesOf)['measured.hitRateGap'];
    const base = ['hosts', hi, 'vms'];
    for (const [k, x] of vnics.entries()) {
      const flows = Math.max(1, Math.round(x.n.traffic!.flows * factor));
      if (flows !== x.n.traffic!.flows) set([...base, x.vi, 'vnics', x.ni, 'traffic', 'flows'], flows);
      if (churn && churn[k] !== (x.n.traffic!.newFlowsPerSec ?? 0)) set([...base, x.vi, 'vnics', x.ni, 'traffic', 'newFlowsPerSec'], churn[k]);
    }
    changes.push(
      `Switch "${s.name}" of ${h.name}: flows of its ${plural(vnics.length, 'vNIC')} × ${factor.toPrecision(3)}` +
        (churn ? `, newFlowsPerSec shared out to ${round(measuredNew)} per second in all` : '') +
        `; predicted hit rate now ${pct(reached)} against ${pct(target)} measured.` +
        (Math.abs(reached - target) > gap ? ` Traffic alone cannot close the gap: check the switch's flowCache.entries (else the flowCacheEntries constant, ${s.flowCache?.entries ?? effectiveConstants(overridesOf).flowCacheEntries} now) and the measurement.` : ''),
    );
  }
  return { text: out, changes, basis: basisOf(settings, topology.model) };
}

/** "Model constants: …" naming each constant that is not its default and where it was set. */
function basisOf(settings: Record<string, number>, file: Record<string, number> | undefined): string {
  const fromFile = effectiveConstants(file);
  const fromSettings = effectiveConstants(settings);
  const effective = effectiveConstants({ ...settings, ...file });
  const set = MODEL_CONSTANTS.filter((c) => effective[c.key] !== DEFAULT_CONSTANTS[c.key]).map((c) => {
    const where = file && c.key in file && fromFile[c.key] === effective[c.key] ? "the file's model" : fromSettings[c.key] === effective[c.key] ? 'edpDesigner.model setting' : 'default';
    return `${c.key} = ${effective[c.key]} (${where})`;
  });
  return set.length === 0 ? 'Model constants: the defaults (docs/MODEL.md).' : `Model constants as the analysis uses them: ${set.join(', ')}; the others are the defaults (docs/MODEL.md).`;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
