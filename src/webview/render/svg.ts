// Small SVG string builders. Colours come from classes in media/report.css (CSP forbids style=""
// and presentation attributes cannot take var(--vscode-*)), so these take a class, never a colour.
import { esc, num } from './escape';

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
 * Horizontal bars on one scale: one row per bar, the label left, the value right of the bar;
 * `marker` draws a vertical threshold line across all rows.
 */
export interface HBar {
  label: string;
  value: number;
  valueText: string;
  cls: string;
  tooltip?: string;
}

export function hbars(bars: readonly HBar[], options: { label: string; max?: number; marker?: { value: number; text: string }; width?: number }): string {
  const width = options.width ?? 560;
  const labelW = 150;
  const valueW = 110;
  const rowH = 24;
  const top = options.marker ? 18 : 6;
  const plotW = width - labelW - valueW;
  const max = Math.max(options.max ?? 0, ...bars.map((b) => b.value), options.marker?.value ?? 0) || 1;
  const x = (v: number) => labelW + (Math.max(0, v) / max) * plotW;
  const height = top + bars.length * rowH + 4;
  const rows = bars.map((b, i) => {
    const y = top + i * rowH;
    return (
      text(labelW - 8, y + 16, fit(b.label, 22), 'label', 'end') +
      rect(labelW, y + 4, x(b.value) - labelW, rowH - 8, `bar ${b.cls}`, b.tooltip ?? `${b.label}: ${b.valueText}`) +
      text(x(b.value) + 6, y + 16, b.valueText, 'value')
    );
  });
  const marker = options.marker
    ? line(x(options.marker.value), top - 4, x(options.marker.value), height - 2, 'threshold', options.marker.text) +
      text(x(options.marker.value), 11, options.marker.text, 'threshold-label', 'middle')
    : '';
  return svgChart(width, height, options.label, line(labelW, top, labelW, height - 4, 'axis') + rows.join('') + marker);
}
