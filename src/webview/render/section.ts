// A collapsible section with a Chart/Table toggle: every chart has the same numbers as a table.
import { htmlEscape as esc } from '../../core';
import type { UiState } from './state';

interface SectionParts {
  key: string;
  title: string;
  /** One line under the title: what the chart shows and the threshold. */
  caption?: string;
  chart: () => string;
  /** The chart's numbers as a <table>; omitted for sections that are tables already. */
  table?: () => string;
}

export function section(parts: SectionParts, ui: UiState): string {
  const collapsed = ui.collapsed.includes(parts.key);
  const showTable = parts.table !== undefined && ui.tables.includes(parts.key);
  const key = esc(parts.key);
  const toggle = parts.table
    ? `<button type="button" class="view-toggle" data-action="toggle-table" data-key="${key}" aria-pressed="${showTable}" title="Show the numbers as a ${showTable ? 'chart' : 'table'}">${showTable ? 'Chart' : 'Table'}</button>`
    : '';
  const body = collapsed
    ? ''
    : `<div class="section-body">${parts.caption ? `<p class="caption">${esc(parts.caption)}</p>` : ''}${showTable ? parts.table!() : parts.chart()}</div>`;
  return (
    `<section class="section${collapsed ? ' collapsed' : ''}">` +
    `<div class="section-head"><h3><button type="button" class="disclosure" data-action="toggle-section" data-key="${key}" aria-expanded="${!collapsed}">` +
    `<span class="chevron" aria-hidden="true">${collapsed ? '▸' : '▾'}</span>${esc(parts.title)}</button></h3>${collapsed ? '' : toggle}</div>` +
    body +
    `</section>`
  );
}

/** A table from a header row and body rows of already-escaped cell markup. */
export function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], numericFrom = 1): string {
  const th = head.map((h, i) => `<th scope="col"${i >= numericFrom ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${i >= numericFrom ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`).join('');
  return `<table class="data"><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}
