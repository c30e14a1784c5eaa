// Quick fixes: text edits that repair a finding, computed from the text and its analysis alone
// (no editor), so the VS Code code actions, tests and any other client share them.
import type { Analysis } from '../analyze';
import type { Finding } from '../findings';
import { pointerSegments } from '../pointer';
import { lowHitRateFixes } from './flowcache';
import { lcoreRemoteNicFixes, vmRemoteFixes } from './numa';
import { flowTableSizeFixes, mtuFixes } from './readiness';
import { unknownNicFixes, unknownNumaNodeFixes, unknownSwitchFixes, unknownUplinkFixes } from './references';
import { structureFixes } from './structure';
import type { Fixer, QuickFix } from './types';

export { applyTextEdits, disableRuleEdits, formattingOptionsOf, type TextEdit } from './edits';
export { ruleSectionLine } from './ruleDocs';
export type { QuickFix } from './types';

const FIXERS: Readonly<Record<string, Fixer>> = {
  'schema/invalid': structureFixes,
  'ref/unknown-nic': unknownNicFixes,
  'ref/unknown-switch': unknownSwitchFixes,
  'ref/unknown-uplink': unknownUplinkFixes,
  'ref/unknown-numa-node': unknownNumaNodeFixes,
  'numa/vm-remote': vmRemoteFixes,
  'numa/lcore-remote-nic': lcoreRemoteNicFixes,
  'flowcache/low-hit-rate': lowHitRateFixes,
  'readiness/mtu': mtuFixes,
  'readiness/flow-table-size': flowTableSizeFixes,
};

/**
 * The fixes for `finding`, with offsets into `text` (the text `analysis` was made from; the
 * caller must not use them on any other version). Empty when the rule has no concrete repair.
 */
export function quickFixes(text: string, analysis: Analysis, finding: Finding): QuickFix[] {
  const fixer = FIXERS[finding.rule];
  return fixer ? fixer({ text, analysis, finding, segments: pointerSegments(finding.path) }) : [];
}
