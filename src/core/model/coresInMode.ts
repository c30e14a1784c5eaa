import type { CoresUsed, SwitchModel } from './types';

/** Which of the model's three core counts is the switch's own mode (the others are for comparison). */
export function ownModeKey(sw: Pick<SwitchModel, 'mode'>): keyof CoresUsed {
  return sw.mode === 'edp-performance' ? 'edpPerformance' : sw.mode === 'standard' ? 'heritage' : 'edpStandard';
}

/** Cores the switch consumes in its own mode. */
export function coresInOwnMode(sw: Pick<SwitchModel, 'mode' | 'coresUsed'>): number {
  return sw.coresUsed[ownModeKey(sw)];
}
