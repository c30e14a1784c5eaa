// The core as a library (package.json exports["./core"]): the same analysis the editor and CLI run.
export { analyze, DEFAULT_MAX_PROBLEMS } from './analyze';
export type { Analysis, AnalyzeOptions } from './analyze';
export type { Finding, Position, Range, RelatedLocation, Severity, Span } from './findings';
export { RULES, ruleInfo, ruleDocUrl } from './rules/registry';
export type { RuleInfo } from './rules/registry';
export type * from './topology';
export { appendHostEdits, HwlocXmlError, hwlocTopologyDocument, importHwloc } from './import';
export type { DatapathModel } from './model';
