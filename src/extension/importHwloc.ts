// "EDP: Import Host from lstopo XML…": a host from hwloc's `lstopo --of xml`, appended to the
// topology file in the active editor (comments and layout kept), or as a new untitled file.
// `executeCommand('edpDesigner.importHwloc', uri, { name })` skips the dialogs, for tests and
// other extensions; it then never prompts.
import * as vscode from 'vscode';
import { type ImportedHost, INPUT_LIMITS, type NicCatalog, plural } from '../core';
import type { AnalysisWorker } from './analysisWorkerClient';
import { COMMANDS } from './commandIds';
import { registerCommand } from './registerCommand';
import { isTopologyDocument } from './topologyFiles';
import { readInputUri } from './readInput';
import { openUntitledTopology } from './untitled';

/** What the command did; also its result, for tests. */
interface HostImport {
  /** The document the host went into. */
  uri: string;
  host: string;
  /** true when appended to an open topology file, false for a new untitled file. */
  appended: boolean;
  notes: string[];
}

interface ImportOptions {
  name?: string;
}

const NEW_FILE_NAME = 'imported.edp.json';

export function registerImportHwloc(catalogs: { readonly catalog: NicCatalog }, worker: AnalysisWorker, log: vscode.LogOutputChannel): vscode.Disposable {
  // From the palette there is no argument; from the Explorer's context menu it is the file.
  return registerCommand(log, COMMANDS.importHwloc, (arg?: unknown, options?: ImportOptions) =>
    importHost(worker, log, catalogs.catalog, arg instanceof vscode.Uri ? arg : undefined, options ?? {}), 'Importing the host failed');
}

async function importHost(worker: AnalysisWorker, log: vscode.LogOutputChannel, catalog: NicCatalog, given: vscode.Uri | undefined, options: ImportOptions): Promise<HostImport | undefined> {
  const interactive = given === undefined;
  const xmlUri = given ?? (await pickXml());
  if (!xmlUri) return undefined;
  const fileName = xmlUri.path.split('/').pop() ?? xmlUri.toString();

  let xml: string;
  try {
    xml = await readInputUri(xmlUri, INPUT_LIMITS.hwlocXmlBytes, 'hwloc XML file');
  } catch (e) {
    void vscode.window.showErrorMessage(`EDP: Cannot read ${fileName}: ${(e as Error).message ?? e}`);
    return undefined;
  }
  // Read in the worker, where the importers are; the catalog names the NICs it knows by PCI id
  // (model, driver, speed).
  const read = await worker.call('importHwloc', xml, catalog);
  if ('error' in read) {
    void vscode.window.showErrorMessage(`EDP: ${fileName} is ${read.error}. Export the host's topology with: lstopo --of xml host.xml`);
    return undefined;
  }
  const recorded = usefulHostName(read.recorded);
  const imported = read.imported;

  const editor = vscode.window.activeTextEditor;
  const target = editor && isTopologyDocument(editor.document) ? editor : undefined;
  const taken = new Set(target ? (await worker.call('hosts', target.document.getText())).names : []);
  const name = await hostName(options.name ?? recorded, taken, interactive);
  if (name === undefined) return undefined;
  const host: ImportedHost = { ...imported.topology.hosts[0], name };

  const result = target ? await appendHost(worker, target, host) : await openNewDocument(host, imported.topology);
  if (!result) return undefined;
  const notes = imported.notes;
  report(log, fileName, name, result.uri, notes);
  return { uri: result.uri.toString(), host: name, appended: !!target, notes };
}

async function pickXml(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import Host from lstopo XML',
    openLabel: 'Import Host',
    canSelectMany: false,
    filters: { 'hwloc XML (lstopo --of xml)': ['xml'], 'All files': ['*'] },
  });
  return picked?.[0];
}

/** hwloc records what the machine calls itself; "localhost…" names nothing. */
function usefulHostName(name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed && !/^localhost(\.|$)/i.test(trimmed) ? trimmed : undefined;
}

function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The recorded name when it is free; otherwise the user is asked (or, non-interactive, a free variant is taken). */
async function hostName(wanted: string | undefined, taken: Set<string>, interactive: boolean): Promise<string | undefined> {
  const proposal = freeName(wanted ?? 'host-1', taken);
  if (!interactive || (wanted !== undefined && proposal === wanted)) return proposal;
  const why = wanted === undefined ? 'The XML records no host name.' : `The file already has a host "${wanted}".`;
  const name = await vscode.window.showInputBox({
    title: 'Import Host from lstopo XML',
    prompt: `${why} Name of the imported host:`,
    value: proposal,
    validateInput: (v) => (v.trim() === '' ? 'A host needs a name.' : taken.has(v.trim()) ? `The file already has a host "${v.trim()}".` : undefined),
  });
  return name?.trim();
}

async function appendHost(worker: AnalysisWorker, editor: vscode.TextEditor, host: ImportedHost): Promise<{ uri: vscode.Uri } | undefined> {
  const doc = editor.document;
  const version = doc.version;
  const edits = await worker.call('appendHostEdits', doc.getText(), host);
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  // The edits were made from this version's text; a keystroke in between would shift them.
  if (doc.version !== version || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('EDP: The file changed while the host was being imported; run the import again.');
    return undefined;
  }
  await revealLastHost(worker, editor);
  return { uri: doc.uri };
}

async function revealLastHost(worker: AnalysisWorker, editor: vscode.TextEditor): Promise<void> {
  const doc = editor.document;
  const { last } = await worker.call('hosts', doc.getText());
  if (!last) return;
  const start = doc.positionAt(last.offset);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, doc.positionAt(last.offset + last.length)), vscode.TextEditorRevealType.AtTop);
}

async function openNewDocument(host: ImportedHost, topology: { hosts: ImportedHost[] }): Promise<{ uri: vscode.Uri }> {
  const text = `${JSON.stringify({ ...topology, hosts: [host] }, null, 2)}\n`;
  return { uri: (await openUntitledTopology(NEW_FILE_NAME, text)).document.uri };
}

/** imported.edp.json, imported-2.edp.json, …: a name no open document or workspace file has. */
/** The notes go to the output channel; the toast says how many and opens it on request. */
function report(log: vscode.LogOutputChannel, fileName: string, name: string, into: vscode.Uri, notes: string[]): void {
  log.info(`Imported host "${name}" from ${fileName} into ${vscode.workspace.asRelativePath(into)}${notes.length ? `; ${notes.length} notes:` : '.'}`);
  for (const note of notes) log.info(`  - ${note}`);
  const show = 'Show notes';
  const summary = notes.length === 0
    ? `EDP: Imported host "${name}" from ${fileName}.`
    : `EDP: Imported host "${name}" from ${fileName}. ${plural(notes.length, 'thing')} to check or fill in: see the notes.`;
  // Not awaited: the command (and a test awaiting it) must not wait for a click on the toast.
  void vscode.window.showInformationMessage(summary, ...(notes.length ? [show] : [])).then((pick) => (pick === show ? log.show(true) : undefined));
}
