// "EDP: Import Hosts…": hwloc XML, vSphere JSON, NSX JSON and ESXi command output (files or a
// folder, from the Explorer or a dialog) into a new untitled topology, opened so its findings
// show; the same core importer as `edp-check import` (docs/IMPORT.md).
// `executeCommand('edpDesigner.importHosts', uri, uris?)` skips the dialog, for tests and other
// extensions; it then never prompts.
import * as vscode from 'vscode';
import { catalogLookup, importHosts, type ImportInput, INPUT_LIMITS, KIND_NAMES, type NicCatalog } from '../core';
import { COMMANDS } from './commandIds';
import { InputRefused, readInputUri } from './readInput';
import { registerCommand } from './registerCommand';
import { freeUntitledUri } from './untitled';

/** What the command did; also its result, for tests. */
export interface HostsImportResult {
  uri: string;
  hosts: string[];
  notes: string[];
  kinds: { name: string; kind: string | undefined }[];
}

const NEW_FILE_NAME = 'imported.edp.json';
/** Files read from the folders given (each one capped at INPUT_LIMITS.importBytes, as edp-check import caps it). */
const MAX_FILES = 2000;

export function registerImportHosts(catalogs: { readonly catalog: NicCatalog }, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(
    log,
    COMMANDS.importHosts,
    async (arg?: unknown, selected?: unknown) => {
      // Explorer context menu: (clicked, all selected); palette: nothing, so the dialog asks.
      const given = Array.isArray(selected) && selected.length > 0 && selected.every((u) => u instanceof vscode.Uri) ? (selected) : arg instanceof vscode.Uri ? [arg] : undefined;
      const uris = given ?? (await pick());
      if (!uris?.length) return undefined;
      return importFrom(uris, catalogs.catalog, log);
    },
    'Importing hosts failed',
  );
}

async function pick(): Promise<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    title: 'Import Hosts (hwloc XML, vSphere JSON, NSX JSON, ESXi command output)',
    openLabel: 'Import',
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: true,
  });
}

async function importFrom(uris: vscode.Uri[], catalog: NicCatalog, log: vscode.LogOutputChannel): Promise<HostsImportResult | undefined> {
  const inputs: ImportInput[] = [];
  const skipped: string[] = [];
  for (const uri of uris) {
    for (const file of await filesOf(uri)) {
      const name = vscode.workspace.asRelativePath(file);
      try {
        // Capped and regular files only, as edp-check import reads them: a FIFO picked in the dialog would never end.
        inputs.push({ name, text: (await readInputUri(file, INPUT_LIMITS.importBytes, 'host description')).replace(/^\uFEFF/, '') });
      } catch (e) {
        skipped.push(e instanceof InputRefused ? `${name}: ${e.message}, skipped.` : `${name}: cannot be read (${(e as Error).message ?? e}), skipped.`);
      }
    }
  }
  const result = importHosts(inputs, { catalog: catalogLookup(catalog) });
  const unknown = result.kinds.filter((k) => k.kind === undefined).map((k) => `${k.name}: not a host description of a known kind, skipped.`);
  const notes = [...skipped, ...unknown, ...result.notes];
  if (result.topology.hosts.length === 0) {
    for (const n of notes) log.info(`  - ${n}`);
    void vscode.window.showErrorMessage(`EDP: No host found in ${uris.length === 1 ? vscode.workspace.asRelativePath(uris[0]) : `${uris.length} inputs`}. Import reads ${Object.values(KIND_NAMES).map((k) => k.split(' (')[0]).join(', ')}.`);
    return undefined;
  }
  const text = `${JSON.stringify(result.topology, null, 2)}\n`;
  const doc = await vscode.workspace.openTextDocument(await freeUntitledUri(NEW_FILE_NAME));
  const editor = await vscode.window.showTextDocument(doc);
  editor.options = { tabSize: 2, insertSpaces: true };
  if (doc.languageId !== 'jsonc') await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);

  const hosts = result.topology.hosts.map((h) => h.name);
  log.info(`Imported ${hosts.length} host(s) (${hosts.join(', ')}) from ${inputs.length} file(s)${notes.length ? `; ${notes.length} notes:` : '.'}`);
  for (const n of notes) log.info(`  - ${n}`);
  const show = 'Show notes';
  const summary = `EDP: Imported ${hosts.length === 1 ? `host "${hosts[0]}"` : `${hosts.length} hosts`}.${notes.length ? ` ${notes.length} ${notes.length === 1 ? 'thing' : 'things'} to check or fill in: see the notes and the Problems panel.` : ''}`;
  // Not awaited: the command (and a test awaiting it) must not wait for a click on the toast.
  void vscode.window.showInformationMessage(summary, ...(notes.length ? [show] : [])).then((p) => (p === show ? log.show(true) : undefined));
  return { uri: doc.uri.toString(), hosts, notes, kinds: result.kinds };
}

/** A file, or the files under a folder in name order (dot-entries skipped, at most MAX_FILES). */
async function filesOf(uri: vscode.Uri): Promise<vscode.Uri[]> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (!(stat.type & vscode.FileType.Directory)) return [uri];
  const out: vscode.Uri[] = [];
  const visit = async (dir: vscode.Uri) => {
    const entries = (await vscode.workspace.fs.readDirectory(dir)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      if (name.startsWith('.') || name === 'node_modules' || out.length >= MAX_FILES) continue;
      const child = vscode.Uri.joinPath(dir, name);
      // Symbolic links to folders are not followed (no cycles).
      if (type & vscode.FileType.SymbolicLink && type & vscode.FileType.Directory) continue;
      if (type & vscode.FileType.Directory) await visit(child);
      else if (type & vscode.FileType.File) out.push(child);
    }
  };
  await visit(uri);
  return out;
}
