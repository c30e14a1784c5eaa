// The datapath model (DESIGN §3, docs/MODEL.md): closed forms over the validated topology,
// run on every keystroke. It never throws on dangling references; the ref/* rules report those.
import type { RawFinding } from '../findings';
import type { Host, Target, Topology } from '../topology';
import { effectiveConstants, type ModelConstants } from './constants';
import { cacheFindings } from './findings/cache';
import { capacityFindings } from './findings/capacity';
import { mbufFindings } from './findings/mbuf';
import { measuredFindings } from './findings/measured';
import { numaFindings } from './findings/numa';
import { tlbFindings } from './findings/tlb';
import { hostResult } from './hostModel';
import { releaseMixes } from './switchModel';
import { resolveHost } from './resolve';
import type { DatapathModel, HostModel } from './types';

export type * from './types';
export { DEFAULT_CONSTANTS, MODEL_CONSTANTS, effectiveConstants } from './constants';
export { lineRatePps } from './lineRate';

/** `overrides`: flat constant overrides by key (settings merged with the file's `model`); unknown keys are ignored. */
export function computeModel(topology: Topology, overrides: Record<string, number> = {}): { model: DatapathModel; findings: RawFinding[] } {
  const c = effectiveConstants(overrides);
  const hosts = topology.hosts.map((host, h) => modelHost(host, h, topology.target, c));
  return { model: { constants: { ...c }, hosts: hosts.map((hr) => hr.model) }, findings: hosts.flatMap((hr) => hr.findings) };
}

/** One host's model and findings: they depend on that host, the target and the constants only (the incremental analyzer keeps them per host). */
export function modelHost(host: Host, h: number, target: Target, c: ModelConstants): { model: HostModel; findings: RawFinding[] } {
  const hr = hostResult(resolveHost(host, h, target), c);
  const findings = numaFindings(hr, c);
  findings.push(...tlbFindings(hr, c), ...cacheFindings(hr, c), ...mbufFindings(hr, c), ...capacityFindings(hr), ...measuredFindings(hr, c));
  for (const s of hr.switches) releaseMixes(s);
  return { model: hr.model, findings };
}
