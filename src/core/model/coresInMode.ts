import type { CoresUsed, SwitchModel } from './types';

/** Which of the model's three core counts is the switch's own mode (the others are for comparison). */
export function ownModeKey(sw: Pick<SwitchModel, 'mode'>): keyof CoresUsed {
  return sw.mode === 'edp-performance' ? 'edpPerformance' : sw.mode === 'standard' ? 'heritage' : 'edpStandard';
}

/** Cores the switch consumes in its own mode. */
export function coresInOwnMode(sw: Pick<SwitchModel, 'mode' | 'coresUsed'>): number {
  return sw.coresUsed[ownModeKey(sw)];
}

/** What each mode's "cores used" counts; the hover and the report explain the figures with these. */
export const CORES_EXPLAINED: Readonly<Record<keyof CoresUsed, string>> = {
  edpStandard: 'EDP Standard: Σ min(1, lcore utilization). Shared threads woken by interrupts use only what the load needs, at most one core each; an overloaded lcore drops the rest.',
  edpPerformance: 'EDP Performance: one whole core per dedicated polling lcore, however idle.',
  heritage: 'Heritage: offered pps × heritageCyclesPerPacket / clock. The standard stack spreads over as many threads as it takes, so it is not capped per thread; compare it with EDP Standard at the same offered load.',
};
