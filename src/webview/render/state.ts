// The page's UI state: what is expanded, toggled and sorted. Plain data (kept with setState).

export type OverviewColumn = 'name' | 'maxUtilization' | 'minHitRate' | 'dropRate' | 'coresUsed' | 'findings';

export interface UiState {
  /** Names of the hosts shown expanded. */
  expanded: string[];
  /** The host last picked in the overview. */
  selectedHost?: string;
  /** Section keys (see sectionKey) shown collapsed. */
  collapsed: string[];
  /** Section keys showing their table instead of the chart. */
  tables: string[];
  sort: { column: OverviewColumn; descending: boolean };
  scrollY: number;
}

export function initialUiState(firstHost: string | undefined): UiState {
  return { expanded: firstHost === undefined ? [] : [firstHost], collapsed: [], tables: [], sort: { column: 'name', descending: false }, scrollY: 0 };
}

/** A section of a host ("esx-01", "tlb") or of the page (undefined, "findings"); any host name round-trips through an attribute. */
export function sectionKey(host: string | undefined, section: string): string {
  return host === undefined ? section : JSON.stringify([host, section]);
}
