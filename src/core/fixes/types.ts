// What a quick fix is, independent of any editor: a title and the text edits that repair a finding.
import type { Analysis } from '../analyze';
import type { Finding } from '../findings';
import type { TextEdit } from './edits';
import type { Segments } from './paths';

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix "Auto Fix" applies: at most one per finding. */
  preferred?: boolean;
  /**
   * For editors with snippets: `edits[edit]` written as a snippet (`$1`, `${2:default}`), so the
   * user tabs through the values to fill in. `edits` alone is the same change without tab stops.
   */
  snippet?: { edit: number; text: string };
}

/** What a rule's fixer reads: the analyzed text, its analysis, the finding and its pointer as segments. */
export interface FixContext {
  text: string;
  analysis: Analysis;
  finding: Finding;
  segments: Segments;
}

export type Fixer = (ctx: FixContext) => QuickFix[];
