// "EDP: Import Hosts…": hwloc XML, vSphere JSON, NSX JSON and ESXi command output (files or a
// folder, from the Explorer or a dialog) into a new untitled topology, or merged into the design
// open in the editor (hosts matched by name, the design's values kept, differences listed; NSX
// transport node profiles fill the switches of the design's hosts they configure). The same core
// importer as `edp-check import` (docs/IMPORT.md).
// `executeCommand('edpDesigner.importHosts', uri, uris?, { into })` skips the file dialog; with
// `into` (true: the active design, false: a new file) it never prompts.
import * as vscode from 'vscode';
import { type ImportInput, INPUT_LIMITS, KIND_NAMES, type NicCatalog, plural } from '../core';
import type { AnalysisWorker } from './analysisWorkerClient';
import { COMMANDS } from './commandIds';
import { InputRefused, readInputUri } from './readInput';
import { registerCommand } from './registerCommand';
import { isTopologyDocument } from './topologyFiles';
import { openUntitledTopology } from './untitled';

/** What the command did; also its result, for tests. */
export interface HostsImportResult {
  /** The document the hosts went into. */
  uri: string;
  /** true when merged into the open design, false for a new untitled file. */
  into: boolean;
  hosts: string[];
  /** Everything to check: skipped files, missing facts, profiles not matched, differences (`conflict: …`). */
  notes: string[];
  kinds: { name: string; kind: string | undefined }[];
  /** With `into`: JSON paths filled in, hosts appended, differences kept as the design has them. */
  filled?: string[];
  added?: string[];
  conflicts?: string[];
}

interface ImportHostsOptions {
  /** true: merge into the topology file in the active editor; false: a new file. Unset: ask when a topology file is active. */
  into?: boolean;
}

const TITLE = 'Import Hosts';
const NEW_FILE_NAME = 'imported.edp.json';
const MAX_FILES = 2000;

export function registerImportHosts(catalogs: { readonly catalog: NicCatalog }, worker: AnalysisWorker, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(
    log,
    COMMANDS.importHosts,
    async (arg?: unknown, selected?: unknown, options?: ImportHostsOptions) => {
      // Explorer context menu: (clicked, all selected); palette: nothing, so the dialog asks.
      const given = Array.isArray(selected) && selected.length > 0 && selected.every((u) => u instanceof vscode.Uri) ? (selected) : arg instanceof vscode.Uri ? [arg] : undefined;
      const uris = given ?? (await pick());
      if (!uris?.length) return undefined;
      const read = await readInputs(worker, uris, log);
      if (!read) return undefined;
      const target = await targetOf(options?.into);
      if (target === null) return undefined;
      return importFrom(worker, uris, read, target, catalogs.catalog, log);
    },
    'Importing hosts failed',
  );
}

async function pick(): Promise<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    title: `${TITLE} (hwloc XML, vSphere JSON, NSX JSON, ESXi command output)`,
    openLabel: 'Import',
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: true,
  });
}

/** The design to merge into (undefined: a new file), or null when the user cancelled. */
async function targetOf(into: boolean | undefined): Promise<vscode.TextEditor | undefined | null> {
  const editor = vscode.window.activeTextEditor;
  const open = editor && isTopologyDocument(editor.document) ? editor : undefined;
  if (into === false) return undefined;
  if (into === true) {
    if (!open) void vscode.window.showErrorMessage('EDP: Open the design (*.edp.json) to import into, then run "EDP: Import Hosts…" again.');
    return open ?? null;
  }
  if (!open) return undefined;
  const name = open.document.uri.path.split('/').pop() ?? 'the open design';
  const merge = { label: `$(merge) Merge into ${name}`, description: 'hosts matched by name, your values kept, differences listed', into: true };
  const fresh = { label: '$(new-file) New topology file', description: NEW_FILE_NAME, into: false };
  const chosen = await vscode.window.showQuickPick([merge, fresh], { title: TITLE, placeHolder: 'Where do the imported hosts go?' });
  return chosen === undefined ? null : chosen.into ? open : undefined;
}

const UNDERSTOOD = Object.values(KIND_NAMES).map((k) => k.split(' (')[0]).join('; ');

interface Inputs {
  inputs: (ImportInput & { inFolder: boolean })[];
  /** Files that could not be read, one sentence each. */
  skipped: string[];
}

/** The picked files and the files of picked folders; undefined (after an error message) when a picked file is of no known kind. */
async function readInputs(worker: AnalysisWorker, uris: vscode.Uri[], log: vscode.LogOutputChannel): Promise<Inputs | undefined> {
  const inputs: Inputs['inputs'] = [];
  const skipped: string[] = [];
  for (const uri of uris) {
    const { files, folder } = await filesOf(uri);
    for (const file of files) {
      const name = vscode.workspace.asRelativePath(file);
      try {
        // Capped and regular files only, as edp-check import reads them: a FIFO picked in the dialog would never end.
        inputs.push({ name, text: (await readInputUri(file, INPUT_LIMITS.importBytes, 'host description')).replace(/^\uFEFF/, ''), inFolder: folder });
      } catch (e) {
        skipped.push(e instanceof InputRefused ? `${name}: ${e.message}, skipped.` : `${name}: cannot be read (${(e as Error).message ?? e}), skipped.`);
      }
    }
  }
  // As `edp-check import` (exit 2): a file the user picked that is no host description is an error, not a note;
  // in a picked folder it is skipped with a note (a README beside the outputs).
  // The importers run in the worker.
  const kinds = await worker.call('detectKinds', inputs.map((i) => i.text));
  const unknown = inputs.filter((_, n) => kinds[n] === undefined);
  const chosenUnknown = unknown.filter((i) => !i.inFolder);
  if (chosenUnknown.length > 0 || (inputs.length > 0 && unknown.length === inputs.length)) {
    const named = (chosenUnknown.length ? chosenUnknown : unknown).map((k) => k.name);
    log.info(`Import Hosts: ${named.join(', ')}: not a kind of host description the import reads.`);
    void vscode.window.showErrorMessage(`EDP: ${named.join(', ')} ${named.length === 1 ? 'is' : 'are'} not a kind of host description Import Hosts reads. It reads: ${UNDERSTOOD}. See docs/IMPORT.md.`);
    return undefined;
  }
  return { inputs, skipped };
}

async function importFrom(worker: AnalysisWorker, uris: vscode.Uri[], { inputs, skipped }: Inputs, target: vscode.TextEditor | undefined, catalog: NicCatalog, log: vscode.LogOutputChannel): Promise<HostsImportResult | undefined> {
  const designText = target?.document.getText();
  const version = target?.document.version;
  // Into a design, NSX transport node profiles wait for its hosts (mergeIntoDesign places them).
  const result = await worker.call('importHosts', inputs.map(({ name, text }) => ({ name, text })), catalog, target !== undefined);
  const unknown = result.kinds.filter((k) => k.kind === undefined);
  const notes = [...skipped, ...unknown.map((k) => `${k.name}: not a host description of a known kind, skipped.`), ...result.notes];
  if (result.topology.hosts.length === 0 && !result.nsxProfiles) {
    for (const n of notes) log.info(`  - ${n}`);
    const where = uris.length === 1 ? vscode.workspace.asRelativePath(uris[0]) : `${uris.length} inputs`;
    const profileOnly = result.kinds.some((k) => k.kind === 'nsx') && !target;
    void vscode.window.showErrorMessage(profileOnly
      ? `EDP: No host in ${where}: a transport node profile configures the hosts of a design. Open the design and run "EDP: Import Hosts…" again to merge it in.`
      : `EDP: No host found in ${where}${notes.length ? ' (see "EDP: Show Output")' : ''}. Import reads ${UNDERSTOOD}.`);
    return undefined;
  }

  const show = 'Show notes';
  const hosts = result.topology.hosts.map((h) => h.name);
  if (target && designText !== undefined) {
    const merged = await worker.call('mergeIntoDesign', designText, result.topology.hosts, result.nsxProfiles);
    const doc = target.document;
    const fileName = vscode.workspace.asRelativePath(doc.uri);
    if ('error' in merged) {
      void vscode.window.showErrorMessage(`EDP: ${fileName} ${merged.error}.`);
      return undefined;
    }
    const all = [...notes, ...merged.notes.map((n) => `NSX: ${n}`), ...merged.conflicts.map((c) => `conflict: ${c}`)];
    if (merged.text !== designText) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(designText.length)), merged.text);
      // The merge was made from this version's text; a keystroke in between would be lost.
      if (doc.version !== version || !(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage('EDP: The file changed while the hosts were being imported; run the import again.');
        return undefined;
      }
    }
    const summary = `${plural(merged.filled.length, 'fact')} filled in, ${plural(merged.added.length, 'host')} added, ${plural(merged.conflicts.length, 'difference')} kept as the design has them`;
    log.info(`Imported into ${fileName} from ${plural(inputs.length, 'file')}: ${summary}${all.length ? '; notes:' : '.'}`);
    for (const n of all) log.info(`  - ${n}`);
    void vscode.window.showInformationMessage(`EDP: Imported into ${fileName}: ${summary}.${all.length ? ' See the notes and the Problems panel.' : ''}`, ...(all.length ? [show] : [])).then((p) => (p === show ? log.show(true) : undefined));
    return { uri: doc.uri.toString(), into: true, hosts, notes: all, kinds: result.kinds, filled: merged.filled, added: merged.added, conflicts: merged.conflicts };
  }

  const text = `${JSON.stringify(result.topology, null, 2)}\n`;
  const editor = await openUntitledTopology(NEW_FILE_NAME, text);
  const doc = editor.document;

  log.info(`Imported ${plural(hosts.length, 'host')} (${hosts.join(', ')}) from ${plural(inputs.length, 'file')}${notes.length ? `; ${plural(notes.length, 'note')}:` : '.'}`);
  for (const n of notes) log.info(`  - ${n}`);
  const summary = `EDP: Imported ${hosts.length === 1 ? `host "${hosts[0]}"` : `${hosts.length} hosts`}.${notes.length ? ` ${plural(notes.length, 'thing')} to check or fill in: see the notes and the Problems panel.` : ''}`;
  // Not awaited: the command (and a test awaiting it) must not wait for a click on the toast.
  void vscode.window.showInformationMessage(summary, ...(notes.length ? [show] : [])).then((p) => (p === show ? log.show(true) : undefined));
  return { uri: doc.uri.toString(), into: false, hosts, notes, kinds: result.kinds };
}

/** A file, or the files under a folder in name order (dot-entries skipped, at most MAX_FILES). */
async function filesOf(uri: vscode.Uri): Promise<{ files: vscode.Uri[]; folder: boolean }> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (!(stat.type & vscode.FileType.Directory)) return { files: [uri], folder: false };
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
  return { files: out, folder: true };
}
