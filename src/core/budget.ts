// A time budget for one analysis, checked between its stages and between hosts: a design whose analysis would run
// for minutes stops with a finding that says so instead of freezing the editor or a CI job.
import type { RawFinding } from './findings';

export const BUDGET_RULE = 'analysis/budget-exceeded';

/**
 * `stop(next)` is a finding when the budget is spent before the stage `next` begins, else
 * undefined. No budget: never stops. `next` may be a function: the name is then built only for
 * the finding (the analyzer checks between every two hosts).
 */
export function analysisBudget(budgetMs: number | undefined, now: () => number = performanceNow): AnalysisBudget {
  return new AnalysisBudget(budgetMs, now);
}

// A class, not an object literal with its own `stop`: a function made per analysis loses its
// optimized code when the collector finds it unused, and `stop` runs between every two hosts.
export class AnalysisBudget {
  private readonly started: number;

  constructor(
    private readonly budgetMs: number | undefined,
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  stop(next: string | (() => string)): RawFinding | undefined {
    const budgetMs = this.budgetMs;
    if (budgetMs === undefined || !(budgetMs >= 0)) return undefined;
    const spent = this.now() - this.started;
    if (spent < budgetMs) return undefined;
    return {
      rule: BUDGET_RULE,
      path: '',
      span: { offset: 0, length: 0 },
      message: `The analysis stopped before ${typeof next === 'function' ? next() : next}: it had taken ${Math.round(spent)} ms, over its budget of ${budgetMs} ms. The findings above are complete up to that point; split the design into smaller files to check the rest.`,
    };
  }
}

function performanceNow(): number {
  return performance.now();
}
