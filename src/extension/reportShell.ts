// The report panel's HTML shell: set once per panel (updates arrive by postMessage). Strict CSP:
// nothing inline but the nonce'd script, styles and scripts only from the extension's own files.
// No vscode import, so a unit test checks the policy.
import { htmlEscape } from '../core';

interface ReportShellParts {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** asWebviewUri(dist/webview.js) */
  scriptUri: string;
  /** asWebviewUri(dist/report.css) */
  styleUri: string;
  title: string;
}

export function reportCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function reportShellHtml(p: ReportShellParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${htmlEscape(reportCsp(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${htmlEscape(p.styleUri)}">
<title>${htmlEscape(p.title)}</title>
</head>
<body>
<main id="report" aria-live="polite"><p class="placeholder">Loading the datapath report…</p></main>
<script nonce="${htmlEscape(p.nonce)}" src="${htmlEscape(p.scriptUri)}"></script>
</body>
</html>
`;
}
