// The datapath report (panel, HTML and Markdown export): a view-model built from an Analysis
// and the export builders over it.
export { hostCacheCurves, reportViewModel, REPORT_FORMAT_VERSION } from './viewModel';
export type * from './viewModel';
export { jsonForScript, standaloneReportHtml, STANDALONE_THEME_CSS } from './html';
export type { ReportAssets } from './html';
export { mdEscape, reportMarkdown } from './markdown';
