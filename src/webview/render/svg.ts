// Small SVG string builders. Colours come from classes in media/report.css (CSP forbids style=""
// and presentation attributes cannot take var(--vscode-*)), so these take a class, never a colour.
import { htmlEscape as esc } from '../../core';

/** A number for an SVG attribute: finite, 2 decimals at most. */
function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0';
}

/**
 * The width charts are drawn for: the room the page has for them (set by reportPage from the
 * panel's width, so charts use a wide panel and keep their text size in a narrow one), else a
 * width that suits a panel beside the editor. CSS still caps every chart at 100% of its section.
 */
let available: number | undefined;
const MIN_CHART_WIDTH = 320;
export const MAX_CHART_WIDTH = 1100;

export function setChartRoom(width: number | undefined): void {
  available = width !== undefined && Number.isFinite(width) && width > 0 ? width : undefined;
}

export function chartWidth(preferred: number): number {
  return available === undefined ? preferred : Math.round(Math.min(MAX_CHART_WIDTH, Math.max(MIN_CHART_WIDTH, available)));
}

/** About how wide `s` is in the charts' 11 px font (for keeping labels clear of lines). */
export function textWidth(s: string): number {
  return s.length * 6.2;
}

/** A chart: fixed coordinate space, scaled by CSS (max-width: 100%); role=img with a label for screen readers. */
export function svgChart(width: number, height: number, label: string, content: string, cls = ''): string {
  return `<svg class="chart ${cls}" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">${content}</svg>`;
}

/** A tooltip (SVG <title>) for the element it is the first child of. */
export function title(text: string): string {
  return text ? `<title>${esc(text)}</title>` : '';
}

export function rect(x: number, y: number, w: number, h: number, cls: string, tooltip = '', rx = 0): string {
  const r = rx > 0 ? ` rx="${num(rx)}"` : '';
  return `<rect class="${cls}" x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}"${r}>${title(tooltip)}</rect>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, cls: string, tooltip = ''): string {
  return `<line class="${cls}" x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}">${title(tooltip)}</line>`;
}

export function text(x: number, y: number, content: string, cls = 'label', anchor: 'start' | 'middle' | 'end' = 'start'): string {
  return `<text class="${cls}" x="${num(x)}" y="${num(y)}" text-anchor="${anchor}">${esc(content)}</text>`;
}

export function circle(cx: number, cy: number, r: number, cls: string, tooltip = ''): string {
  return `<circle class="${cls}" cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}">${title(tooltip)}</circle>`;
}

export function path(d: string, cls: string, tooltip = ''): string {
  return `<path class="${cls}" d="${d}">${title(tooltip)}</path>`;
}

/** A label cut to fit a box of `max` characters (the full text stays in the tooltip). */
export function fit(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * Horizontal bars on one labelled scale: one row per bar, the label left, the value right of the
 * bar; `gapBefore` starts a new group of rows; `marker` draws a vertical threshold line across
 * the first `marker.rows` rows (all by default); `axis` labels the scale under the bars.
 */
interface HBar {
  label: string;
  value: number;
  valueText: string;
  cls: string;
  tooltip?: string;
  gapBefore?: boolean;
}

interface HBarOptions {
  label: string;
  max?: number;
  marker?: { value: number; text: string; rows?: number };
  width?: number;
  axis?: { format: (value: number) => string; title?: string };
}

export function hbars(bars: readonly HBar[], options: HBarOptions): string {
  const width = options.width ?? chartWidth(560);
  const labelW = 150;
  const valueW = 110;
  const rowH = 24;
  const groupGap = 12;
  const top = options.marker ? 18 : 6;
  const plotW = width - labelW - valueW;
  const max = Math.max(options.max ?? 0, ...bars.map((b) => b.value), options.marker?.value ?? 0) || 1;
  const x = (v: number) => labelW + (Math.max(0, v) / max) * plotW;
  const rowY: number[] = [];
  let y = top;
  bars.forEach((b, i) => {
    if (i > 0 && b.gapBefore) y += groupGap;
    rowY.push(y);
    y += rowH;
  });
  const barsBottom = y + 4;
  const markerX = options.marker ? x(options.marker.value) : undefined;
  const rows = bars.map((b, i) => {
    const ry = rowY[i];
    // The value sits right of its bar; where the threshold line would cross it, right of the line.
    let vx = x(b.value) + 6;
    if (markerX !== undefined && markerX >= vx - 3 && markerX <= vx + textWidth(b.valueText) + 3) vx = markerX + 6;
    return (
      text(labelW - 8, ry + 16, fit(b.label, 22), 'label', 'end') +
      rect(labelW, ry + 4, x(b.value) - labelW, rowH - 8, `bar ${b.cls}`, b.tooltip ?? `${b.label}: ${b.valueText}`) +
      text(vx, ry + 16, b.valueText, 'value')
    );
  });
  const parts = [line(labelW, top, labelW, barsBottom - 4, 'axis'), ...rows];
  if (options.marker && markerX !== undefined) {
    const markerRows = Math.min(bars.length, options.marker.rows ?? bars.length);
    const markerBottom = markerRows > 0 ? rowY[markerRows - 1] + rowH + 2 : barsBottom;
    const labelX = Math.min(Math.max(markerX, labelW + textWidth(options.marker.text) / 2), width - textWidth(options.marker.text) / 2);
    parts.push(line(markerX, top - 4, markerX, markerBottom, 'threshold', options.marker.text), text(labelX, 11, options.marker.text, 'threshold-label', 'middle'));
  }
  let height = barsBottom;
  if (options.axis) {
    const { format, title: axisTitle } = options.axis;
    parts.push(line(labelW, barsBottom, labelW + plotW, barsBottom, 'axis'));
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      const tx = labelW + f * plotW;
      parts.push(line(tx, barsBottom, tx, barsBottom + 4, 'axis'), text(tx, barsBottom + 16, format(f * max), 'tick', f === 0 ? 'start' : f === 1 ? 'end' : 'middle'));
    }
    height = barsBottom + 20;
    if (axisTitle) {
      parts.push(text(labelW + plotW / 2, height + 12, axisTitle, 'label', 'middle'));
      height += 16;
    }
  }
  return svgChart(width, height, options.label, parts.join(''));
}
