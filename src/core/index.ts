// The core's one public entry point. The adapters (extension, CLI, webview) import only this
// module (`npm run lint` rejects deep imports), and package.json exports["./core"] ships it as a
// library: the same analysis the editor and CLI run.
export { analyze, DEFAULT_MAX_PROBLEMS } from './analyze';
export type { Analysis, AnalyzeOptions } from './analyze';
export { createAnalyzer } from './analyzer';
export type { Analyzer } from './analyzer';
export type { Finding, FindingAbout, FindingKind, Position, Range, RelatedLocation, Severity, Span } from './findings';
export { aboutOfPath } from './about';
export { INTERNAL_ERROR_RULE, RULES, ruleInfo, ruleDocUrl, ruleKind } from './rules/registry';
export type { RuleInfo } from './rules/registry';
export type * from './topology';
export { LineIndex, stripBom } from './text';
export { syntaxTree } from './parse';

// Hostile input: what a file must be before it is read, and user text made safe to echo.
export { fileTooLargeAnalysis, parseCatalogText } from './input';
export { FILE_TOO_LARGE_RULE, INPUT_LIMITS, inputFileProblem } from './inputLimits';
export type { FileKind } from './inputLimits';
export { BUDGET_RULE } from './budget';

// Presentation helpers: figures, escaping, lists and counts read the same in messages, hovers,
// the CLI, the report and the export (src/core/present/).
export { bytes, clipText, cores, count, countSeverities, dropText, entries, escapeControlChars, fileSize, fixed, hitRateText, htmlEscape, MAX_ECHO, mdEscape, mdTable, pct, plural, rate, severityCountsText } from './present';

// Quick fixes and edits.
export { applyTextEdits, disableRuleEdits, formattingOptionsOf, quickFixes, ruleSectionLine } from './fixes';
export type { QuickFix, TextEdit } from './fixes';

// The datapath model.
export type * from './model/types';
export { constantInfo, DEFAULT_CONSTANTS, MODEL_CONSTANTS } from './model/constants';
export type { ConstantKey, ModelConstant, ModelConstants } from './model/constants';
export { lineRatePps } from './model/lineRate';
export { measuredHitRate, pairLcores } from './model/measured';
export { calibrateFromMeasurements } from './model/calibrate';
export type { Calibration } from './model/calibrate';
export type { LcorePair } from './model/measured';
export { modelWithoutCurves } from './modelData';
export type { HostData, ModelData, SwitchData } from './modelData';
export { CORES_EXPLAINED, coresInOwnMode, ownModeKey } from './model/coresInMode';

// Readiness: the NIC catalog.
export { BUNDLED_CATALOG, catalogLookup, checkCatalog, entryForDriver, mergeCatalogs } from './readiness/catalog';
export { minimumsApply } from './readiness/check';
export type { CatalogEntry, NicCatalog } from './readiness/catalog';

// The report view-model and its exports.
export { hostCacheCurves, reportViewModel, REPORT_FORMAT_VERSION } from './report/viewModel';
export type * from './report/viewModel';
export { jsonForScript, standaloneReportHtml, STANDALONE_THEME_CSS } from './report/html';
export type { ReportAssets } from './report/html';
export { reportMarkdown } from './report/markdown';

// Importers.
export { appendHostEdits, detectKind, HwlocXmlError, hwlocTopologyDocument, importHosts, importHwloc, KIND_NAMES, mergeIntoDesign, NSX_PROFILE_WITHOUT_HOSTS, readEsxiOutput, understoodKinds } from './import';
export type { HostsImport, HostsImportOptions, HwlocImport, HwlocImportOptions, ImportedHost, ImportedNic, ImportedTopology, ImportInput, InputKind, MergeIntoOptions, MergeIntoResult, NicCatalogLookup, NsxProfiles } from './import';
export { readHwlocXml } from './import/hwloc-xml';

// NSX: the design as the configuration that deploys it, and NSX's JSON read back into switches.
export { EXPORT_FORMATS, exportDesign, exportNsxPolicy, exportTerraform, modeOfNsx, nsxModeOf } from './export';
export type { ExportFormat, ExportOptions, ExportOutput, ExportRefusal, ExportResult, ExportWarning, NsxHostSwitchMode, Placeholder, PlaceholderKind } from './export';
export { isNsxJson, NsxJsonError, readNsxJson } from './import/nsx';
export type { NsxCollection, NsxComputeCollection, NsxHostSwitchFacts, NsxImport, NsxLag, NsxSwitchFragment, NsxTeaming, NsxTransportNode, NsxUplinkProfile } from './import/nsx';
