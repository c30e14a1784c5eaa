// Presentation helpers: how figures, names, lists and counts read, the same in finding messages,
// quick-fix titles, hovers, the CodeLens, the CLI, the report and the export.
export { bytes, cores, count, dropText, entries, fileSize, fixed, hitRateText, pct, rate } from './figures';
export { htmlEscape } from './html';
export { mdEscape, mdTable } from './markdown';
export { clipText, escapeControlChars, MAX_ECHO } from './safeText';
export { countSeverities, listText, orList, plural, severityCountsText } from './words';
export type { SeverityCounts } from './words';
