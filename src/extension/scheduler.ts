// The scheduler: when topology files are analyzed (on open, on type after a pause, on save, on a
// settings change, on "Check All"), in the analysis worker, and what happens with the result
// (published unless the document moved on meanwhile). Diagnostics go with the file: on close of
// its last tab, delete, rename, and when the user turns the extension off.
import * as vscode from 'vscode';
import { type AnalyzeOptions, fileSize, inputFileProblem, type NicCatalog, stripBom } from '../core';
import type { AnalysisStore, AnalyzedDocument } from './analysisStore';
import type { AnalysisWorker, TextSource, WorkerAnalysis } from './analysisWorkerClient';
import { applyLensChange } from './lensChanges';
import { describeError } from './log';
import { InputRefused, kindOf } from './readInput';
import type { Counts, DiagnosticsPublisher } from './publisher';
import { type Settings, settingsFor } from './settings';
import type { LensLines } from './workerProtocol';
import { documentLength, isInTab, isTopologyDocument, noteLengthChange, isTopologyUri, openDocument, textPieces, TOPOLOGY_GLOB, uriOfTab } from './topologyFiles';

/** The lenses of a document with none shown yet (a result relative to nothing is sent whole). */
const NO_LENSES: LensLines = { lines: new Int32Array(0), characters: new Int32Array(0), titles: [] };

/** An analysis still running after this long shows in the window's progress area. */
const PROGRESS_AFTER_MS = 500;

/** Milliseconds one analysis may take in the editor (docs/RULES.md, analysis/budget-exceeded). */
const EDITOR_BUDGET_MS = 10_000;

export class AnalysisScheduler implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly warnedSettings = new Set<string>();
  /** How often each URI's diagnostics were cleared: a result of an analysis started before a clear is dropped. */
  private readonly clears = new Map<string, number>();
  /** Analyses of open documents under way, by URI: a tab opening meanwhile needs no second one. */
  private readonly running = new Map<string, number>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: AnalysisStore,
    private readonly publisher: DiagnosticsPublisher,
    private readonly worker: AnalysisWorker,
    private readonly log: vscode.LogOutputChannel,
    /** Where the NIC catalog comes from (bundled + trusted workspace catalogs). */
    private readonly catalogs: { readonly catalog: NicCatalog },
  ) {
    // Deletes made outside VS Code (git checkout, a terminal) reach us only through a watcher.
    const watcher = vscode.workspace.createFileSystemWatcher(TOPOLOGY_GLOB, true, false, false);
    const on = <T>(event: vscode.Event<T>, handler: (e: T) => unknown) => event((e) => this.guard(() => handler(e)));
    this.disposables = [
      watcher,
      on(vscode.workspace.onDidOpenTextDocument, (doc) => this.checkDocument(doc)),
      on(vscode.workspace.onDidChangeTextDocument, (e) => this.onDidChange(e)),
      on(vscode.workspace.onDidSaveTextDocument, (doc) => this.onDidSave(doc)),
      on(vscode.workspace.onDidCloseTextDocument, (doc) => this.onDidClose(doc.uri)),
      // A document outlives its editor (onDidCloseTextDocument may come minutes later), but users
      // expect the problems to go with the last tab showing the file.
      on(vscode.window.tabGroups.onDidChangeTabs, (e) => {
        e.closed.forEach((tab) => this.onDidCloseTab(tab));
        // A file reopened while VS Code still holds its document gets no open event: its problems,
        // cleared with its last tab, come back with the new one.
        for (const tab of e.opened) this.guard(() => this.onDidOpenTab(tab));
      }),
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
  async checkDocument(doc: vscode.TextDocument): Promise<void> {
    if (!isTopologyDocument(doc) || doc.isClosed) return;
    this.cancelTimer(doc.uri);
    const settings = this.settings(doc.uri);
    if (!settings.enable) return this.clear(doc.uri);
    const version = doc.version;
    // The length without a copy of the text: the worker is sent only the edits (analysisWorkerClient.ts).
    if (await this.tooLarge(doc.uri, documentLength(doc), settings)) return;
    const cleared = this.cleared(doc.uri);
    const key = doc.uri.toString();
    const source: TextSource = { key, version, currentVersion: () => (doc.isClosed ? undefined : doc.version), text: () => doc.getText(), pieces: () => textPieces(doc) };
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = await this.analyze(doc.uri, source, settings, true, `v${version}`);
        // A newer edit, a newer request, a close or its last tab closing came meanwhile: this result is stale.
        if (!result || doc.isClosed || doc.version !== version || this.cleared(doc.uri) !== cleared) return;
        if (this.publish(doc.uri, version, result)) return;
      }
    } finally {
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    }
  }

  /**
   * Checks a topology file whether or not it is open: an open document is analyzed as the editor
   * holds it, a closed file as it is on disk. Returns its counts (undefined when disabled or unreadable).
   */
  async checkUri(uri: vscode.Uri): Promise<Counts | undefined> {
    const open = openDocument(uri);
    if (open) {
      await this.checkDocument(open);
      return this.publisher.has(uri) ? this.publisher.counts(uri) : undefined;
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
      const stat = await vscode.workspace.fs.stat(uri);
      size = stat.size;
      // A link to a device or FIFO (found by "Check All" or a watcher) would never finish reading.
      if (kindOf(stat.type) !== 'file') throw new InputRefused(inputFileProblem(kindOf(stat.type), size, Infinity, 'topology file'));
      if (size <= settings.maxFileSizeMB * 1024 * 1024) text = stripBom(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
    } catch (e) {
      this.log.warn(`Could not read ${uri.fsPath || uri.toString()}: ${e instanceof InputRefused ? e.message : describeError(e)}`);
      this.clear(uri);
      return undefined;
    }
    if ((await this.tooLarge(uri, size, settings)) || text === undefined) return this.publisher.counts(uri);
    const cleared = this.cleared(uri);
    const known = text;
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.analyze(uri, { key: uri.toString(), version: undefined, currentVersion: () => undefined, text: () => known }, settings, false, 'on disk');
      // The file may have been opened while it was read or analyzed; the editor's text wins then.
      if (openDocument(uri)) return this.checkUri(uri);
      if (!result || this.cleared(uri) !== cleared) break;
      const counts = this.publish(uri, undefined, result);
      if (counts) return counts;
    }
    return this.publisher.has(uri) ? this.publisher.counts(uri) : undefined;
  }

  /** After a settings change or on request: every open topology document and every checked file. */
  async recheckAll(): Promise<void> {
    const uris = new Map<string, vscode.Uri>();
    for (const uri of this.publisher.uris()) uris.set(uri.toString(), uri);
    for (const doc of vscode.workspace.textDocuments) {
      if (isTopologyDocument(doc) && isInTab(doc.uri)) uris.set(doc.uri.toString(), doc.uri);
    }
    for (const uri of uris.values()) await this.guardAsync(() => this.checkUri(uri));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** Runs the analysis in the worker; undefined when a newer request for the document replaced it. */
  private async analyze(uri: vscode.Uri, source: TextSource, settings: Settings, open: boolean, what: string): Promise<WorkerAnalysis | undefined> {
    const options: AnalyzeOptions = {
      rules: settings.rules,
      model: settings.model,
      maxProblems: settings.maxProblems,
      catalog: this.catalogs.catalog,
      // A design whose analysis would take longer stops with a finding instead of running on.
      budgetMs: EDITOR_BUDGET_MS,
    };
    const name = vscode.workspace.asRelativePath(uri);
    const running = this.worker.analyze(source, options, { lenses: open && settings.codeLens, base: this.shownResult(uri) });
    // A long analysis (a huge design) says so in the status bar instead of leaving the user guessing.
    const slow = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `EDP: analyzing ${name}` }, () => running.catch(() => undefined));
    }, PROGRESS_AFTER_MS);
    try {
      const result = await running;
      if (result) {
        const cut = result.truncated > 0 ? `, ${result.truncated} more over edpDesigner.maxProblems` : '';
        this.log.debug(`${name} (${what}): ${result.total} findings${cut} in ${result.ms.toFixed(1)} ms`);
      }
      return result;
    } finally {
      clearTimeout(slow);
    }
  }

  private async tooLarge(uri: vscode.Uri, size: number, settings: Settings): Promise<boolean> {
    if (size <= settings.maxFileSizeMB * 1024 * 1024) return false;
    this.log.info(`${vscode.workspace.asRelativePath(uri)}: ${fileSize(size)} is over edpDesigner.maxFileSizeMB (${settings.maxFileSizeMB}); not analyzed.`);
    // The finding edp-check gives a file over its cap (same rule, graded by the same settings),
    // written in the worker where the rules' severities are resolved.
    const findings = await this.worker.call('fileTooLarge', size, settings.maxFileSizeMB * 1024 * 1024, settings.rules);
    this.publisher.publish(uri, findings);
    this.store.update(uri, undefined);
    return true;
  }

  /** The worker's result shown for `uri` (diagnostics and CodeLens lines), if any: the next one is sent relative to it. */
  private shownResult(uri: vscode.Uri): number | undefined {
    const id = this.publisher.shownId(uri);
    return id !== undefined && this.store.latest(uri)?.id === id ? id : undefined;
  }

  /**
   * Shows a result. Undefined when it was sent relative to a result no longer shown (another
   * analysis of the document was published meanwhile): the caller asks again.
   */
  private publish(uri: vscode.Uri, version: number | undefined, result: WorkerAnalysis): Counts | undefined {
    if (result.base !== undefined && result.base !== this.shownResult(uri)) return undefined;
    // Relative to the lenses shown (the base checked above) unless sent whole.
    const lenses = applyLensChange(this.store.latest(uri)?.summary.lenses ?? NO_LENSES, result.lenses);
    const counts = this.publisher.show(uri, result.findings, result.counts, result.id);
    const analyzed: AnalyzedDocument = { version, id: result.id, total: result.total, truncated: result.truncated, summary: { lenses, worst: result.worst }, ms: result.ms };
    this.store.update(uri, analyzed);
    return counts;
  }

  private onDidChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    // Dirty-flag flips and undo-stack changes come with no content change.
    if (e.contentChanges.length === 0) return;
    noteLengthChange(e);
    // The worker's copy follows every edit of a document it holds (any language: the JSON
    // features sync an `edp-json` document whatever its name).
    this.worker.change(doc.uri.toString(), doc.version, e.contentChanges);
    if (!isTopologyDocument(doc)) return;
    const settings = this.settings(doc.uri);
    if (!settings.enable || settings.run !== 'onType') return;
    this.cancelTimer(doc.uri);
    // The analysis runs in the worker, so the pause in typing need not grow with the file: a
    // request superseded while the worker is busy is skipped there.
    if (settings.debounceMs === 0) return void this.checkDocument(doc);
    const key = doc.uri.toString();
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.guard(() => this.checkDocument(doc));
    }, settings.debounceMs));
  }

  /** Saving text that was already analyzed while typing changes nothing: don't analyze it twice. */
  private onDidSave(doc: vscode.TextDocument): Promise<void> | undefined {
    if (!this.timers.has(doc.uri.toString()) && this.store.latest(doc.uri)?.version === doc.version) return undefined;
    return this.checkDocument(doc);
  }

  private onDidClose(uri: vscode.Uri): void {
    this.clear(uri);
    this.worker.forget(uri.toString());
  }

  private onDidOpenTab(tab: vscode.Tab): Promise<void> | undefined {
    const uri = uriOfTab(tab);
    if (!uri || !isTopologyUri(uri) || this.publisher.has(uri) || this.running.has(uri.toString())) return undefined;
    const doc = openDocument(uri);
    return doc ? this.checkDocument(doc) : undefined;
  }

  private onDidCloseTab(tab: vscode.Tab): void {
    const uri = uriOfTab(tab);
    if (uri && isTopologyUri(uri) && !isInTab(uri)) this.clear(uri);
  }

  private onDidChangeOnDisk(uri: vscode.Uri): Promise<unknown> | undefined {
    // Open documents follow the editor; closed files matter only if "Check All" reported them.
    if (openDocument(uri) || !this.publisher.has(uri)) return undefined;
    return this.checkUri(uri);
  }

  private cleared(uri: vscode.Uri): number {
    return this.clears.get(uri.toString()) ?? 0;
  }

  private clear(uri: vscode.Uri): void {
    this.cancelTimer(uri);
    this.clears.set(uri.toString(), this.cleared(uri) + 1);
    const had = this.store.latest(uri) !== undefined;
    if (this.publisher.clear(uri) || had) this.store.update(uri, undefined);
  }

  /** A deleted or renamed folder takes the files under it along. */
  private clearUnder(uri: vscode.Uri): void {
    const prefix = uri.toString().replace(/\/?$/, '/');
    for (const u of this.publisher.uris()) {
      if (u.toString() === uri.toString() || u.toString().startsWith(prefix)) this.clear(u);
    }
    this.cancelTimer(uri);
  }

  private cancelTimer(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  private settings(uri: vscode.Uri): Settings {
    const { settings, ignored } = settingsFor(vscode.workspace, uri);
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
