// A CodeLens above each switch of a topology file with its model figures
// ("hit 99.7% · 4 lcores · max util 13% · 0.4 cores"), read from the published analysis's summary:
// the worker computed the lines and positions, so a 2000-switch file costs the host no model decoding.
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import { currentAnalysis } from './currentAnalysis';
import type { AnalysisStore } from './analysisStore';
import { describeError } from './log';
import { settingsFor } from './settings';
import { isTopologyDocument } from './topologyFiles';
import { TOPOLOGY_LANGUAGE_ID } from './languageId';

/** Long enough for the debounced analysis after a keystroke (edpDesigner.debounceMs, 300 ms by default). */
const WAIT_FOR_ANALYSIS_MS = 2000;

/**
 * Above this many switches a file's lenses are given only for the lines around what its editors
 * show: VS Code asks for all of a document's lenses after every edit and sends them over to the
 * window, and for a 2000-switch design that reply (converting and serializing the lenses) held
 * the extension host for 30–90 ms each time (issue 14).
 */
const ALL_LENSES_MAX = 300;
/** Lines above and below the visible ranges whose lenses are given; scrolling past half of it asks for the lenses again. */
const LENS_WINDOW_LINES = 2000;

/** A lens with the title the worker wrote; its command is set when VS Code resolves it. */
class SwitchLens extends vscode.CodeLens {
  constructor(range: vscode.Range, private readonly titles: readonly string[], private readonly index: number, readonly uri: vscode.Uri) {
    super(range);
  }

  get title(): string {
    return this.titles[this.index];
  }
}

/** The lines whose lenses were given last for a document (huge files only). */
interface Covered {
  from: number;
  to: number;
}

class SwitchLenses implements vscode.CodeLensProvider<SwitchLens> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly covered = new Map<string, Covered>();

  constructor(private readonly store: AnalysisStore, private readonly log: vscode.LogOutputChannel) {}

  refresh(): void {
    this.changed.fire();
  }

  /** An editor of a huge file scrolled towards the edge of the lines whose lenses it has: ask for them again. */
  scrolled(editor: vscode.TextEditor): void {
    const key = editor.document.uri.toString();
    const covered = this.covered.get(key);
    if (!covered) return;
    const half = LENS_WINDOW_LINES / 2;
    const near = editor.visibleRanges.some((r) => (covered.from > 0 && r.start.line < covered.from + half) || (covered.to < editor.document.lineCount - 1 && r.end.line > covered.to - half));
    if (!near) return;
    // Once until VS Code asks again.
    this.covered.delete(key);
    this.refresh();
  }

  forget(uri: vscode.Uri): void {
    this.covered.delete(uri.toString());
  }

  resolveCodeLens(lens: SwitchLens): SwitchLens {
    lens.command = {
      title: lens.title,
      command: COMMANDS.showReport,
      arguments: [lens.uri],
      tooltip: 'Datapath model of this switch: click for the report, hover its name for details',
    };
    return lens;
  }

  /** Where to give lenses in a huge file: around the visible ranges of its editors (the top if none shows it). */
  private window(doc: vscode.TextDocument): Covered {
    const ranges = vscode.window.visibleTextEditors.filter((e) => e.document === doc).flatMap((e) => e.visibleRanges);
    const from = ranges.length ? Math.min(...ranges.map((r) => r.start.line)) : 0;
    const to = ranges.length ? Math.max(...ranges.map((r) => r.end.line)) : 0;
    return { from: Math.max(0, from - LENS_WINDOW_LINES), to: to + LENS_WINDOW_LINES };
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<SwitchLens[]> {
    try {
      if (!isTopologyDocument(doc) || !settingsFor(vscode.workspace, doc.uri).settings.codeLens) return [];
      // Waiting keeps the lenses shown while the user types: VS Code keeps the old ones until we answer.
      const current = await currentAnalysis(this.store, doc, token, WAIT_FOR_ANALYSIS_MS);
      if (!current || token.isCancellationRequested) return [];
      // Ranges only: VS Code asks to resolve (title, command) just the lenses on screen, so a
      // 2000-switch file does not send 2000 commands over to the window after every analysis.
      const { lines, characters, titles } = current.summary.lenses;
      const key = doc.uri.toString();
      const window = titles.length > ALL_LENSES_MAX ? this.window(doc) : undefined;
      if (window) this.covered.set(key, window);
      else this.covered.delete(key);
      const lenses: SwitchLens[] = [];
      for (let i = 0; i < titles.length; i++) {
        if (window && (lines[i] < window.from || lines[i] > window.to)) continue;
        lenses.push(new SwitchLens(new vscode.Range(lines[i], characters[i], lines[i], characters[i]), titles, i, doc.uri));
      }
      return lenses;
    } catch (e) {
      this.log.error(`CodeLens: ${describeError(e)}`);
      return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerCodeLens(store: AnalysisStore, log: vscode.LogOutputChannel): vscode.Disposable {
  const provider = new SwitchLenses(store, log);
  return vscode.Disposable.from(
    provider,
    // By language rather than a file pattern: untitled *.edp.json documents have no path to
    // match; the provider checks the name itself.
    vscode.languages.registerCodeLensProvider({ language: TOPOLOGY_LANGUAGE_ID }, provider),
    // Typing is served by the wait above; this covers saves in onSave mode, settings and Check All.
    store.onDidUpdate((uri) => {
      if (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString())) provider.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('edpDesigner.codeLens') && provider.refresh()),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => provider.scrolled(e.textEditor)),
    vscode.workspace.onDidCloseTextDocument((doc) => provider.forget(doc.uri)),
  );
}
