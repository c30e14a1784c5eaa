// The report page in the browser: inside the VS Code webview (reports arrive by postMessage, UI
// state is kept with setState) or in an exported HTML file (the report is embedded as JSON).
// Rendering is in render/ as string builders; this file only wires events and state.
import type { ReportViewModel } from '../core';
import type { HostToWebview, PersistedState, WebviewToHost } from './protocol';
import { hostElementId } from './render/host';
import { placeholderPage, reportPage } from './render/page';
import { initialUiState, type OverviewColumn, type UiState } from './render/state';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PersistedState | undefined;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const root = document.getElementById('report')!;
const saved = api?.getState();
let state: PersistedState = saved?.ui ? saved : { ui: initialUiState(undefined) };
/** No saved state: the first report decides what is expanded. */
let fresh = !saved?.ui;
let report: ReportViewModel | undefined;
let banner: string | undefined;
let scrollRestored = false;
let sentHosts = '';

function save(): void {
  api?.setState(state);
}

function update(ui: Partial<UiState>): void {
  state = { ...state, ui: { ...state.ui, ...ui } };
  save();
  render();
}

/** Identifies the focused control across re-renders (a report update replaces the markup). */
function focusKey(el: Element | null): string | undefined {
  const control = el?.closest('[data-action]');
  if (!control) return undefined;
  const d = (control as HTMLElement).dataset;
  return `${d.action}|${d.key ?? d.host ?? d.column ?? d.finding ?? ''}`;
}

/** The width the page was last drawn for: charts are redrawn when the panel changes width noticeably. */
let renderedWidth = 0;
const pageWidth = () => document.documentElement.clientWidth;
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (Math.abs(pageWidth() - renderedWidth) >= 24) render();
  }, 150);
});

function render(): void {
  if (!report) return;
  const focused = focusKey(document.activeElement);
  renderedWidth = pageWidth();
  root.innerHTML = reportPage(report, state.ui, { interactive: api !== undefined, banner, width: renderedWidth });
  if (focused) {
    const again = Array.from(root.querySelectorAll<HTMLElement>('[data-action]')).find((el) => focusKey(el) === focused);
    again?.focus({ preventScroll: true });
  }
  if (!scrollRestored) {
    scrollRestored = true;
    window.scrollTo(0, state.ui.scrollY);
  }
  askForCurves();
}

/** Tells the host which hosts are expanded, so it computes their flow-cache curves. */
function askForCurves(): void {
  if (!api || !report) return;
  const hosts = report.hosts.filter((h) => state.ui.expanded.includes(h.name)).map((h) => h.index);
  const key = hosts.join(',');
  if (key === sentHosts) return; // the host includes their curves in every update from now on
  sentHosts = key;
  api.postMessage({ type: 'visibleHosts', hosts });
}

function toggled(list: readonly string[], item: string): string[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** Lower is worse for hit rate; higher is worse for the rest: sort the worst first on first click. */
const WORST_FIRST_DESCENDING: Record<OverviewColumn, boolean> = { name: false, maxUtilization: true, minHitRate: false, dropRate: true, coresUsed: true, findings: true };

root.addEventListener('click', (event) => {
  const el = (event.target as Element).closest<HTMLElement>('[data-action]');
  if (!el) return;
  const d = el.dataset;
  const ui = state.ui;
  switch (d.action) {
    case 'toggle-host':
      return update({ expanded: toggled(ui.expanded, d.host!) });
    case 'toggle-section':
      return update({ collapsed: toggled(ui.collapsed, d.key!) });
    case 'toggle-table':
      return update({ tables: toggled(ui.tables, d.key!) });
    case 'sort': {
      const column = d.column as OverviewColumn;
      const descending = ui.sort.column === column ? !ui.sort.descending : WORST_FIRST_DESCENDING[column];
      return update({ sort: { column, descending } });
    }
    case 'select-host': {
      const name = d.host!;
      update({ selectedHost: name, expanded: ui.expanded.includes(name) ? ui.expanded : [...ui.expanded, name] });
      const host = report?.hosts.find((h) => h.name === name);
      const target = host && document.getElementById(hostElementId(host));
      target?.scrollIntoView({ block: 'start' });
      target?.querySelector<HTMLElement>('[data-action="toggle-host"]')?.focus({ preventScroll: true });
      return undefined;
    }
    case 'reveal': {
      const finding = report?.findings[Number(d.finding)];
      if (finding && api) api.postMessage({ type: 'reveal', finding: finding.id, range: finding.range, path: finding.path });
      return undefined;
    }
    default:
      return undefined;
  }
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    state = { ...state, ui: { ...state.ui, scrollY: Math.round(window.scrollY) } };
    save();
    // Says what was saved, so a UI check waits for the save instead of guessing how long it takes.
    document.body.dataset.savedScrollY = String(state.ui.scrollY);
  }, 150);
});

function show(next: ReportViewModel): void {
  if (fresh) {
    fresh = false;
    state = { ...state, ui: initialUiState(next.hosts[0]?.name) };
    // else a reload before any click restores the state saved with the uri: every host collapsed
    save();
  }
  report = next;
  banner = undefined;
  render();
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (message.type === 'update') {
    if (state.uri !== message.uri) {
      state = { ...state, uri: message.uri };
      save();
    }
    show(message.report);
  } else if (message.type === 'unavailable') {
    state = { ...state, uri: message.uri };
    save();
    if (report) {
      banner = message.reason;
      render();
    } else {
      root.innerHTML = placeholderPage(message.reason);
    }
  }
});

const embedded = document.getElementById('report-data');
if (embedded?.textContent) {
  show(JSON.parse(embedded.textContent) as ReportViewModel);
} else {
  api?.postMessage({ type: 'ready' });
}
