// The report as one standalone HTML file (export command and `edp-check --report`): the same page
// as the panel — the webview bundle (dist/webview.js) runs over the embedded view-model — with
// its CSS inline and default colours for the --vscode-* variables it uses outside VS Code.
// Everything is inline: the file opens offline, from a mail or a CI artifact, with no external URL.
import { htmlEscape } from '../present';
import type { ReportViewModel } from './viewModel';

export interface ReportAssets {
  /** dist/webview.js */
  script: string;
  /** dist/report.css (built from media/report.css) */
  css: string;
}

/**
 * VS Code defines these on the webview's <html>; outside it they fall back to VS Code's Light
 * Modern and Dark Modern colours, following the reader's system setting.
 */
export const STANDALONE_THEME_CSS = `:root {
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: ui-monospace, "SF Mono", Consolas, "Liberation Mono", monospace;
  --vscode-foreground: #3b3b3b;
  --vscode-descriptionForeground: #717171;
  --vscode-editor-background: #ffffff;
  --vscode-sideBar-background: #f8f8f8;
  --vscode-panel-border: #e5e5e5;
  --vscode-focusBorder: #005fb8;
  --vscode-textLink-foreground: #005fb8;
  --vscode-textCodeBlock-background: #f2f2f2;
  --vscode-button-secondaryBackground: #e5e5e5;
  --vscode-button-secondaryForeground: #3b3b3b;
  --vscode-button-secondaryHoverBackground: #cccccc;
  --vscode-list-hoverBackground: #f2f2f2;
  --vscode-errorForeground: #f85149;
  --vscode-editorError-foreground: #e51400;
  --vscode-editorWarning-foreground: #bf8803;
  --vscode-editorInfo-foreground: #1a85ff;
  --vscode-charts-foreground: #616161;
  --vscode-charts-lines: rgba(97, 97, 97, 0.5);
  --vscode-charts-red: #e51400;
  --vscode-charts-blue: #1a85ff;
  --vscode-charts-yellow: #bf8803;
  --vscode-charts-orange: #d18616;
  --vscode-charts-green: #388a34;
  --vscode-charts-purple: #652d90;
}
@media (prefers-color-scheme: dark) {
  :root {
    --vscode-foreground: #cccccc;
    --vscode-descriptionForeground: #9d9d9d;
    --vscode-editor-background: #1f1f1f;
    --vscode-sideBar-background: #181818;
    --vscode-panel-border: #2b2b2b;
    --vscode-focusBorder: #0078d4;
    --vscode-textLink-foreground: #4daafc;
    --vscode-textCodeBlock-background: #2b2b2b;
    --vscode-button-secondaryBackground: #313131;
    --vscode-button-secondaryForeground: #cccccc;
    --vscode-button-secondaryHoverBackground: #3c3c3c;
    --vscode-list-hoverBackground: #2a2d2e;
    --vscode-errorForeground: #f85149;
    --vscode-editorError-foreground: #f14c4c;
    --vscode-editorWarning-foreground: #cca700;
    --vscode-editorInfo-foreground: #3794ff;
    --vscode-charts-foreground: #cccccc;
    --vscode-charts-lines: rgba(204, 204, 204, 0.5);
    --vscode-charts-red: #f14c4c;
    --vscode-charts-blue: #3794ff;
    --vscode-charts-yellow: #cca700;
    --vscode-charts-orange: #d18616;
    --vscode-charts-green: #89d185;
    --vscode-charts-purple: #b180d7;
  }
}
body.standalone { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
`;

/** JSON that cannot end its <script> element (or open a comment) whatever the file's strings hold. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function standaloneReportHtml(report: ReportViewModel, assets: ReportAssets): string {
  // The bundle has no "</script" of its own, but a literal in a future dependency could.
  const script = assets.script.replace(/<\/(script)/gi, '<\\/$1');
  const css = assets.css.replace(/<\/(style)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="EDP Designer">
<title>Datapath report: ${htmlEscape(report.fileName)}</title>
<style>
${STANDALONE_THEME_CSS}
${css}
</style>
</head>
<body class="standalone">
<main id="report" aria-live="polite"><noscript><p>This report draws its charts with JavaScript; the figures are in the Markdown file exported beside it.</p></noscript></main>
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
<script>
${script}
</script>
</body>
</html>
`;
}
