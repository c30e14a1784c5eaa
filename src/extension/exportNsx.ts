// "EDP: Export Design as NSX Configuration…": the NSX Policy API JSON or the Terraform
// configuration that deploys the design, opened in a new untitled editor (nothing is written
// to disk until the user saves it). A design with errors is refused, with the errors listed.
// `executeCommand('edpDesigner.exportNsx', uri, 'terraform')` skips the quick pick (tests,
// other extensions).
import * as vscode from 'vscode';
import { EXPORT_FORMATS, type ExportFormat, INPUT_LIMITS, type NicCatalog, plural, stripBom } from '../core';
import type { AnalysisWorker } from './analysisWorkerClient';
import { COMMANDS } from './commandIds';
import { readInputUri } from './readInput';
import { registerCommand } from './registerCommand';
import { fileNameOf, targetUri } from './reportSource';
import { settingsFor } from './settings';
import { freeUntitledUri } from './untitled';

/** What the command did; also its result, for tests. */
type NsxExport =
  | { exported: true; format: ExportFormat; uri: string; warnings: number; placeholders: string[] }
  | { exported: false; reason: string; errors: { rule: string; message: string; line: number }[] };

const PICKS: readonly (vscode.QuickPickItem & { format: ExportFormat })[] = [
  { format: 'nsx-policy', label: 'NSX Policy API (JSON)', description: 'nsx-policy', detail: 'The requests that create the uplink profiles, transport node profiles and host overrides.' },
  { format: 'terraform', label: 'Terraform (vmware/nsxt provider)', description: 'terraform', detail: 'Resources and variables for terraform plan / apply.' },
];
const LANGUAGE: Record<ExportFormat, string> = { 'nsx-policy': 'json', terraform: 'terraform' };
const EXTENSION: Record<ExportFormat, string> = { 'nsx-policy': '.nsx.json', terraform: '.tf' };
const NO_FILE = 'Open a topology file (*.edp.json) first, or run the command from its context menu.';

export function registerExportNsx(catalogs: { readonly catalog: NicCatalog }, worker: AnalysisWorker, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(log, COMMANDS.exportNsx, (arg?: unknown, format?: unknown) => exportNsx(catalogs.catalog, worker, log, arg, format), 'Exporting the design failed');
}

async function exportNsx(catalog: NicCatalog, worker: AnalysisWorker, log: vscode.LogOutputChannel, arg: unknown, given: unknown): Promise<NsxExport | undefined> {
  const uri = targetUri(arg, undefined);
  if (!uri) return void vscode.window.showInformationMessage(`EDP: ${NO_FILE}`);
  const name = fileNameOf(uri);
  const format = EXPORT_FORMATS.includes(given as ExportFormat) ? (given as ExportFormat) : await pickFormat(name);
  if (!format) return undefined;

  // The editor's text when the file is open (unsaved edits included), else the file on disk.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  // A file on disk is read as edp-check reads it: a regular file under the topology cap (a link
  // to /dev/zero picked from the Explorer would otherwise never finish reading).
  const text = open ? open.getText() : stripBom(await readInputUri(uri, INPUT_LIMITS.topologyBytes, 'topology file'));
  const { settings } = settingsFor(vscode.workspace, uri);
  // Analyzed and written in the worker, with every finding: the export must see each error,
  // whatever edpDesigner.maxProblems says.
  const result = await worker.call('exportDesign', text, { rules: settings.rules, model: settings.model, catalog }, format, name);

  if (!result.ok) {
    const errors = result.errors.map((e) => ({ rule: e.rule, message: e.message, line: (e.range?.start.line ?? 0) + 1 }));
    log.warn(`Export of ${name} refused: ${result.reason}`);
    for (const e of errors) log.warn(`  line ${e.line}: ${e.rule} ${e.message}`);
    const shown = errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join(' · ');
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more: see "EDP: Show Output")` : '';
    const problems = 'Show Problems';
    // Not awaited: the command (and a test awaiting it) must not wait for a click on the toast.
    void vscode.window.showErrorMessage(`EDP: ${name} was not exported. ${result.reason}${shown ? ` ${shown}${more}` : ''}`, problems)
      .then((pick) => (pick === problems ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
    return { exported: false, reason: result.reason, errors };
  }

  const doc = await openUntitled(name, format, result.text);
  const pick = PICKS.find((p) => p.format === format)!;
  log.info(`Exported ${name} as ${pick.label}: ${plural(result.warnings.length, 'warning')}, ${plural(result.placeholders.length, 'placeholder')}.`);
  for (const w of result.warnings) log.info(`  warning: ${w.rule ? `${w.rule} ` : ''}${w.message}`);
  const parts = [
    result.placeholders.length > 0 ? `${plural(result.placeholders.length, 'placeholder')} to fill in (listed at the top)` : '',
    result.warnings.length > 0 ? `${plural(result.warnings.length, 'warning')} in the header` : '',
  ].filter(Boolean);
  void vscode.window.showInformationMessage(`EDP: Exported ${name} as ${pick.label}${parts.length ? `: ${parts.join(', ')}` : ''}.`);
  return { exported: true, format, uri: doc.uri.toString(), warnings: result.warnings.length, placeholders: result.placeholders.map((p) => p.name) };
}

/**
 * A named untitled editor (rack-a.nsx.json, rack-a.tf; numbered when taken), so Save proposes
 * a fitting name. An "Untitled-N" document is not safe here: after its editor closes, the
 * extension host may keep the old document under the same name and hand it back.
 */
async function openUntitled(designFile: string, format: ExportFormat, text: string): Promise<vscode.TextDocument> {
  const stem = designFile.replace(/\.edp\.json$/i, '').replace(/\.json$/i, '');
  const extension = EXTENSION[format];
  const doc = await vscode.workspace.openTextDocument(await freeUntitledUri(`${stem}${extension}`, extension));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  // Terraform highlighting needs a Terraform extension; without one the text stays plain text.
  const languages = await vscode.languages.getLanguages();
  const language = languages.includes(LANGUAGE[format]) ? LANGUAGE[format] : 'plaintext';
  if (doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  editor.revealRange(new vscode.Range(0, 0, 0, 0));
  return editor.document;
}

async function pickFormat(name: string): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(PICKS, { title: `Export ${name} as NSX Configuration`, placeHolder: 'Format' });
  return picked?.format;
}
