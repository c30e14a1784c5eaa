// Workspace NIC catalogs (`edpDesigner.catalogs`): extra or replacing entries for the bundled
// schemas/nic-catalog.json. They are workspace-supplied data the readiness rules act on, so they
// load only in trusted workspaces (package.json declares the setting restricted as well).
import * as vscode from 'vscode';
import { BUNDLED_CATALOG, INPUT_LIMITS, mergeCatalogs, type NicCatalog } from '../core';
import type { AnalysisWorker } from './analysisWorkerClient';
import { describeError } from './log';
import { InputRefused, readInputUri } from './readInput';

export class WorkspaceCatalogs implements vscode.Disposable {
  private merged: NicCatalog = BUNDLED_CATALOG;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the catalogs were (re)loaded: the diagnostics re-check open files. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly worker: Pick<AnalysisWorker, 'call'>, private readonly log: vscode.LogOutputChannel) {
    const reload = () => void this.reload();
    this.disposables = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('edpDesigner.catalogs') && reload()),
      vscode.workspace.onDidGrantWorkspaceTrust(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
    ];
  }

  /** The catalog analysis uses: the bundled one merged with the workspace's valid catalogs. */
  get catalog(): NicCatalog {
    return this.merged;
  }

  async reload(): Promise<void> {
    this.watcher?.dispose();
    this.watcher = undefined;
    const before = this.merged;
    const files = this.configuredFiles();
    const extra: NicCatalog[] = [];
    for (const uri of files) {
      const catalog = await this.load(uri);
      if (catalog) extra.push(catalog);
    }
    this.merged = extra.length ? mergeCatalogs(BUNDLED_CATALOG, extra) : BUNDLED_CATALOG;
    if (files.length > 0) {
      // Edits to a catalog file take effect without a reload of the window.
      this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.workspace.workspaceFolders![0], '**/*.json'), true);
      const onFile = (uri: vscode.Uri) => files.some((f) => f.toString() === uri.toString()) && void this.reload();
      this.watcher.onDidChange(onFile);
      this.watcher.onDidDelete(onFile);
    }
    if (this.merged !== before) this.changed.fire();
  }

  dispose(): void {
    this.watcher?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** Paths from the setting, relative to the first workspace folder; none in untrusted workspaces. */
  private configuredFiles(): vscode.Uri[] {
    const paths = vscode.workspace.getConfiguration('edpDesigner').get<unknown>('catalogs');
    if (!Array.isArray(paths) || paths.length === 0) return [];
    if (!vscode.workspace.isTrusted) {
      this.log.info('edpDesigner.catalogs is ignored: workspace catalogs load only in trusted workspaces.');
      return [];
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    return paths
      .filter((p): p is string => typeof p === 'string' && p.length > 0)
      .map((p) => (p.startsWith('/') || !folder ? vscode.Uri.file(p) : vscode.Uri.joinPath(folder.uri, p)));
  }

  private async load(uri: vscode.Uri): Promise<NicCatalog | undefined> {
    const name = vscode.workspace.asRelativePath(uri);
    try {
      // Checked against its schema in the worker, where the validators are.
      const checked = await this.worker.call('parseCatalog', await readInputUri(uri, INPUT_LIMITS.catalogBytes, 'NIC catalog'));
      if ('catalog' in checked) {
        this.log.info(`Loaded NIC catalog ${name} (${checked.catalog.nics.length} entries).`);
        return checked.catalog;
      }
      this.warn(`NIC catalog ${name} is not used: ${checked.problems.slice(0, 3).join('; ')}${checked.problems.length > 3 ? '; …' : ''}. See schemas/nic-catalog.schema.json.`);
    } catch (e) {
      this.warn(`NIC catalog ${name} cannot be read: ${e instanceof InputRefused ? e.message : describeError(e)}`);
    }
    return undefined;
  }

  private warn(message: string): void {
    this.log.warn(message);
    void vscode.window.showWarningMessage(`EDP Designer: ${message}`);
  }
}
