// The messages between the report panel's host side (src/extension/reportPanel.ts) and the
// webview (main.ts). Both import these types, so a change on one side fails to compile on the other.
import type { ReportFinding, ReportViewModel } from '../core';
import type { UiState } from './render/state';

export type HostToWebview =
  /** The report of the file, after every analysis (the page keeps its UI state). */
  | { type: 'update'; uri: string; report: ReportViewModel }
  /** No analysis to show (file too large, EDP Designer turned off, unreadable). */
  | { type: 'unavailable'; uri: string; fileName: string; reason: string };

export type WebviewToHost =
  /** The page has loaded and listens: send the report. */
  | { type: 'ready' }
  /** The user picked a finding: show its range in the editor. */
  | { type: 'reveal'; finding: number; range: NonNullable<ReportFinding['range']> | undefined; path: string }
  /** Host indices the page shows expanded: include their flow-cache curves. */
  | { type: 'visibleHosts'; hosts: number[] };

/** What the webview keeps with setState; VS Code hands it to the serializer after a reload. */
export interface PersistedState {
  /** The topology file the panel reports on. */
  uri?: string;
  ui: UiState;
}

export const REPORT_VIEW_TYPE = 'edpDesigner.report';
