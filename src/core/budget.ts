// A time budget for one analysis, checked between its stages and between hosts: a design whose analysis would run
// for minutes stops with a finding that says so instead of freezing the editor or a CI job.
import type { RawFinding } from './findings';

export const BUDGET_RULE = 'analysis/budget-exceeded';

/**
 * `stop(next)` is a finding when the budget is spent before the stage `next` begins, else
 * undefined. No budget: never stops. `next` may be a function: the name is then built only for
 * the finding (the analyzer checks between every two hosts).
 */
export function analysisBudget(budgetMs: number | undefined, now: () => number = () => performance.now()): { stop(next: string | (() => string)): RawFinding | undefined } {
  const started = now();
  return {
    stop(next) {
      if (budgetMs === undefined || !(budgetMs >= 0)) return undefined;
      const spent = now() - started;
      if (spent < budgetMs) return undefined;
      return {
        rule: BUDGET_RULE,
        path: '',
        span: { offset: 0, length: 0 },
        message: `The analysis stopped before ${typeof next === 'function' ? next() : next}: it had taken ${Math.round(spent)} ms, over its budget of ${budgetMs} ms. The findings above are complete up to that point; split the design into smaller files to check the rest.`,
      };
    },
  };
}
