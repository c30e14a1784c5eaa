// "EDP: Export Datapath Report": the report as a standalone HTML file (the panel's page, with the
// view-model, script and CSS inline) and a Markdown summary next to it.
import * as vscode from 'vscode';
import { analysisFor, askAbout, fileNameOf, type ReportSource, unavailableReason } from './reportSource';

interface ExportedReport {
  html: vscode.Uri;
  markdown: vscode.Uri;
}

/** mistakes.edp.json → mistakes.report.html, beside the topology file. */
function defaultExportUri(uri: vscode.Uri): vscode.Uri {
  const base = fileNameOf(uri).replace(/\.edp\.json$/i, '').replace(/\.json$/i, '');
  return vscode.Uri.joinPath(uri, '..', `${base}.report.html`);
}

function markdownUriBeside(html: vscode.Uri): vscode.Uri {
  return html.with({ path: html.path.replace(/\.html?$/i, '') + '.md' });
}

/**
 * Writes both files and returns where; undefined when the user cancelled the save dialog.
 * `target` skips the dialog (tests, other extensions).
 */
export async function exportReport(extensionUri: vscode.Uri, source: ReportSource, uri: vscode.Uri, target?: vscode.Uri): Promise<ExportedReport | undefined> {
  const analyzed = await analysisFor(source, uri);
  if (!analyzed) throw new Error(unavailableReason(uri));
  const html = target ?? (await vscode.window.showSaveDialog({
    defaultUri: defaultExportUri(uri),
    filters: { 'HTML report': ['html'] },
    saveLabel: 'Export Report',
    title: `Export the datapath report of ${fileNameOf(uri)} (a Markdown summary is written beside it)`,
  }));
  if (!html) return undefined;
  const read = async (...path: string[]) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...path)));
  const [script, css] = await Promise.all([read('dist', 'webview.js'), read('dist', 'report.css')]);
  // Written in the worker from the analysis the diagnostics show.
  const files = await askAbout(source, uri, analyzed, (a) => source.worker.call('reportFiles', uri.toString(), a.version, fileNameOf(uri), { script, css }));
  if (!files) throw new Error(`the analysis of ${fileNameOf(uri)} changed while the report was written; export it again`);
  const markdown = markdownUriBeside(html);
  const encode = (s: string) => new TextEncoder().encode(s);
  await vscode.workspace.fs.writeFile(html, encode(files.html));
  await vscode.workspace.fs.writeFile(markdown, encode(files.markdown));
  return { html, markdown };
}
