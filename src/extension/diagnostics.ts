// One DiagnosticCollection ('edp') for every topology file: analysis on open, on type (debounced
// per document) and on save; results dropped when the document moved on; diagnostics removed on
// close, delete, rename and when the user turns the extension off.
import * as vscode from 'vscode';
import { type Analysis, analyze, type NicCatalog, stripBom } from '../core';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { describeError } from './log';
import { readSettings, type Settings } from './settings';

/** An analysis and what it was made from; `version` is undefined for a file read from disk. */
export interface AnalyzedDocument {
  version: number | undefined;
  text: string;
  analysis: Analysis;
}

export const TOPOLOGY_GLOB = '**/*.edp.json';

/** Schemes with real documents; `git:` and friends show old versions that must not be flagged. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vsls']);

export function isTopologyUri(uri: vscode.Uri): boolean {
  return SCHEMES.has(uri.scheme) && uri.path.toLowerCase().endsWith('.edp.json');
}

export function isTopologyDocument(doc: vscode.TextDocument): boolean {
  return isTopologyUri(doc.uri);
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function countsOf(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) {
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
    else counts.info++;
  }
  return counts;
}

export function settingsFor(uri: vscode.Uri | undefined): { settings: Settings; ignored: string[] } {
  const config = vscode.workspace.getConfiguration('edpDesigner', uri);
  return readSettings((key) => config.get(key));
}

function uriOfTab(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

function isInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => uriOfTab(t)?.toString() === key));
}

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Said once, at the top of the file: the editor stays responsive, and the user knows why it is quiet. */
function tooLargeDiagnostic(size: number, capMB: number): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    `This file is ${sizeText(size)}, over the edpDesigner.maxFileSizeMB limit of ${capMB} MB, so EDP Designer did not analyze it. Raise the setting to analyze it.`,
    vscode.DiagnosticSeverity.Information,
  );
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}

export class TopologyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('edp');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after the diagnostics of a URI were published or cleared. */
  readonly onDidUpdate = this.updated.event;
  private readonly lastMs = new Map<string, number>();
  private readonly analyses = new Map<string, AnalyzedDocument>();
  private readonly warnedSettings = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** Where the NIC catalog comes from (bundled + trusted workspace catalogs). */
    private readonly catalogs: { readonly catalog: NicCatalog },
  ) {
    // Deletes made outside VS Code (git checkout, a terminal) reach us only through a watcher.
    const watcher = vscode.workspace.createFileSystemWatcher(TOPOLOGY_GLOB, true, false, false);
    const on = <T>(event: vscode.Event<T>, handler: (e: T) => unknown) => event((e) => this.guard(() => handler(e)));
    this.disposables = [
      this.collection,
      this.updated,
      watcher,
      on(vscode.workspace.onDidOpenTextDocument, (doc) => this.checkDocument(doc)),
      on(vscode.workspace.onDidChangeTextDocument, (e) => this.onDidChange(e)),
      on(vscode.workspace.onDidSaveTextDocument, (doc) => this.onDidSave(doc)),
      on(vscode.workspace.onDidCloseTextDocument, (doc) => this.clear(doc.uri)),
      // A document outlives its editor (onDidCloseTextDocument may come minutes later), but users
      // expect the problems to go with the last tab showing the file.
      on(vscode.window.tabGroups.onDidChangeTabs, (e) => e.closed.forEach((tab) => this.onDidCloseTab(tab))),
      on(vscode.workspace.onDidDeleteFiles, (e) => e.files.forEach((uri) => this.clearUnder(uri))),
      on(vscode.workspace.onDidRenameFiles, (e) => e.files.forEach((f) => this.clearUnder(f.oldUri))),
      on(watcher.onDidDelete, (uri) => this.clearUnder(uri)),
      on(watcher.onDidChange, (uri) => this.onDidChangeOnDisk(uri)),
      on(vscode.workspace.onDidChangeConfiguration, (e) => {
        if (e.affectsConfiguration('edpDesigner')) return this.recheckAll();
        return undefined;
      }),
    ];
  }

  /** Open documents first: activation may come after they were opened. */
  checkOpenDocuments(): void {
    for (const doc of vscode.workspace.textDocuments) this.guard(() => this.checkDocument(doc));
  }

  /** Analyzes a document now and publishes the result unless the document changed meanwhile. */
  checkDocument(doc: vscode.TextDocument): void {
    if (!isTopologyDocument(doc) || doc.isClosed) return;
    this.cancelTimer(doc.uri);
    const settings = this.settings(doc.uri);
    if (!settings.enable) return this.clear(doc.uri);
    const version = doc.version;
    const text = doc.getText();
    const result = this.diagnose(text, text.length, doc.uri, settings, `v${version}`);
    // Analysis is synchronous today; the guard keeps it right if it ever moves off-thread.
    if (doc.isClosed || doc.version !== version) return;
    this.remember(doc.uri, result.analysis && { version, text, analysis: result.analysis });
    this.publish(doc.uri, result.diagnostics);
  }

  /**
   * Checks a topology file whether or not it is open: an open document is analyzed as the editor
   * holds it, a closed file as it is on disk. Returns its counts (undefined when disabled or unreadable).
   */
  async checkUri(uri: vscode.Uri): Promise<Counts | undefined> {
    const open = this.openDocument(uri);
    if (open) {
      this.checkDocument(open);
      return this.collection.has(uri) ? this.counts(uri) : undefined;
    }
    const settings = this.settings(uri);
    if (!settings.enable) {
      this.clear(uri);
      return undefined;
    }
    let text: string | undefined;
    let size: number;
    try {
      // Stat first: a file over the size cap is not even read.
      size = (await vscode.workspace.fs.stat(uri)).size;
      if (size <= settings.maxFileSizeMB * 1024 * 1024) text = stripBom(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
    } catch (e) {
      this.log.warn(`Could not read ${uri.fsPath || uri.toString()}: ${describeError(e)}`);
      this.clear(uri);
      return undefined;
    }
    // The file may have been opened while we read it; the editor's text wins then.
    const nowOpen = this.openDocument(uri);
    if (nowOpen) return this.checkUri(nowOpen.uri);
    const result = this.diagnose(text ?? '', size, uri, settings, 'on disk');
    this.remember(uri, result.analysis && { version: undefined, text: text ?? '', analysis: result.analysis });
    this.publish(uri, result.diagnostics);
    return this.counts(uri);
  }

  /** After a settings change or on request: every open topology document and every checked file. */
  async recheckAll(): Promise<void> {
    const uris = new Map<string, vscode.Uri>();
    this.collection.forEach((uri) => void uris.set(uri.toString(), uri));
    for (const doc of vscode.workspace.textDocuments) {
      if (isTopologyDocument(doc) && isInTab(doc.uri)) uris.set(doc.uri.toString(), doc.uri);
    }
    for (const uri of uris.values()) await this.guardAsync(() => this.checkUri(uri));
  }

  counts(uri: vscode.Uri): Counts {
    return countsOf(this.collection.get(uri) ?? []);
  }

  has(uri: vscode.Uri): boolean {
    return this.collection.has(uri);
  }

  /**
   * The last published analysis of a URI, with the text and document version it was made from:
   * CodeLens, hover, quick fixes and the report read it instead of analyzing again, and check
   * `version` against the document before using offsets.
   */
  latest(uri: vscode.Uri): AnalyzedDocument | undefined {
    return this.analyses.get(uri.toString());
  }

  /** Milliseconds the last analysis of this URI took. */
  lastDuration(uri: vscode.Uri): number | undefined {
    return this.lastMs.get(uri.toString());
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private onDidChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    // Dirty-flag flips and undo-stack changes come with no content change.
    if (!isTopologyDocument(doc) || e.contentChanges.length === 0) return;
    const settings = this.settings(doc.uri);
    if (!settings.enable || settings.run !== 'onType') return;
    this.cancelTimer(doc.uri);
    const key = doc.uri.toString();
    // Analysis runs on the extension host's thread: for a file whose analysis is slow (a huge
    // design), wait for a longer pause in typing so the editor stays responsive.
    const delay = Math.max(settings.debounceMs, 2 * (this.lastMs.get(key) ?? 0));
    if (delay === 0) return this.checkDocument(doc);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.guard(() => this.checkDocument(doc));
    }, delay));
  }

  /** Saving text that was already analyzed while typing changes nothing: don't analyze it twice. */
  private onDidSave(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.timers.has(key) && this.analyses.get(key)?.version === doc.version) return;
    this.checkDocument(doc);
  }

  private onDidCloseTab(tab: vscode.Tab): void {
    const uri = uriOfTab(tab);
    if (uri && isTopologyUri(uri) && !isInTab(uri)) this.clear(uri);
  }

  private onDidChangeOnDisk(uri: vscode.Uri): Promise<unknown> | undefined {
    // Open documents follow the editor; closed files matter only if "Check All" reported them.
    if (this.openDocument(uri) || !this.collection.has(uri)) return undefined;
    return this.checkUri(uri);
  }

  private diagnose(text: string, size: number, uri: vscode.Uri, settings: Settings, what: string): { diagnostics: vscode.Diagnostic[]; analysis?: Analysis } {
    const name = vscode.workspace.asRelativePath(uri);
    if (size > settings.maxFileSizeMB * 1024 * 1024) {
      this.log.info(`${name}: ${sizeText(size)} is over edpDesigner.maxFileSizeMB (${settings.maxFileSizeMB}); not analyzed.`);
      return { diagnostics: [tooLargeDiagnostic(size, settings.maxFileSizeMB)] };
    }
    const started = performance.now();
    const analysis = analyze(text, {
      rules: settings.rules,
      model: settings.model,
      maxProblems: settings.maxProblems,
      catalog: this.catalogs.catalog,
    });
    const ms = performance.now() - started;
    this.lastMs.set(uri.toString(), ms);
    // Every finding, syntax and structure included, exactly as edp-check reports it: topology
    // files have their own language id, so VS Code's JSON service adds nothing of its own.
    const diagnostics = analysis.findings.map((f) => toDiagnostic(f, uri));
    const c = countsOf(diagnostics);
    const cut = analysis.truncated > 0 ? `, ${analysis.truncated} more over edpDesigner.maxProblems` : '';
    this.log.debug(`${name} (${what}): ${c.error} errors, ${c.warning} warnings, ${c.info} infos${cut} in ${ms.toFixed(1)} ms`);
    return { diagnostics, analysis };
  }

  private remember(uri: vscode.Uri, analyzed: AnalyzedDocument | undefined): void {
    if (analyzed) this.analyses.set(uri.toString(), analyzed);
    else this.analyses.delete(uri.toString());
  }

  private publish(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    this.collection.set(uri, diagnostics);
    this.updated.fire(uri);
  }

  private clear(uri: vscode.Uri): void {
    this.cancelTimer(uri);
    this.lastMs.delete(uri.toString());
    this.analyses.delete(uri.toString());
    if (!this.collection.has(uri)) return;
    this.collection.delete(uri);
    this.updated.fire(uri);
  }

  /** A deleted or renamed folder takes the files under it along. */
  private clearUnder(uri: vscode.Uri): void {
    const prefix = uri.toString().replace(/\/?$/, '/');
    const gone: vscode.Uri[] = [];
    this.collection.forEach((u) => {
      if (u.toString() === uri.toString() || u.toString().startsWith(prefix)) gone.push(u);
    });
    gone.forEach((u) => this.clear(u));
    this.cancelTimer(uri);
  }

  private cancelTimer(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
  }

  private settings(uri: vscode.Uri): Settings {
    const { settings, ignored } = settingsFor(uri);
    for (const line of ignored) {
      if (this.warnedSettings.has(line)) continue;
      this.warnedSettings.add(line);
      this.log.warn(line);
    }
    return settings;
  }

  /** No exception may escape into the extension host: log it and keep going. */
  private guard(run: () => unknown): void {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((e: unknown) => this.log.error(describeError(e)));
    } catch (e) {
      this.log.error(describeError(e));
    }
  }

  private async guardAsync(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.log.error(describeError(e));
    }
  }
}
