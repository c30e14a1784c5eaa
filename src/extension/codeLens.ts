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

/** A lens with the title the worker wrote; its command is set when VS Code resolves it. */
class SwitchLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly title: string, readonly uri: vscode.Uri) {
    super(range);
  }
}

class SwitchLenses implements vscode.CodeLensProvider<SwitchLens> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: AnalysisStore, private readonly log: vscode.LogOutputChannel) {}

  refresh(): void {
    this.changed.fire();
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

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<SwitchLens[]> {
    try {
      if (!isTopologyDocument(doc) || !settingsFor(vscode.workspace, doc.uri).settings.codeLens) return [];
      // Waiting keeps the lenses shown while the user types: VS Code keeps the old ones until we answer.
      const current = await currentAnalysis(this.store, doc, token, WAIT_FOR_ANALYSIS_MS);
      if (!current || token.isCancellationRequested) return [];
      // Ranges only: VS Code asks to resolve (title, command) just the lenses on screen, so a
      // 2000-switch file does not send 2000 commands over to the window after every analysis.
      const lenses: SwitchLens[] = [];
      for (const { position, title } of current.summary.lenses) {
        lenses.push(new SwitchLens(new vscode.Range(position.line, position.character, position.line, position.character), title, doc.uri));
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
  );
}
