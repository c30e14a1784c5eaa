// The datapath report panel (host side): one WebviewPanel per topology file, beside the editor,
// restored after a reload by the serializer. The HTML is set once; every analysis of the file
// (AnalysisStore.onDidUpdate) is posted as a new view-model, so the page keeps its state.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebview, PersistedState, WebviewToHost } from '../webview/protocol';
import { REPORT_VIEW_TYPE } from '../webview/protocol';
import { describeError } from './log';
import { analysisFor, askAbout, fileNameOf, type ReportSource, unavailableReason } from './reportSource';
import { reportShellHtml } from './reportShell';

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  private readonly disposables: vscode.Disposable[];
  /** The report panel last focused, for commands run from the palette while it is active. */
  private active: ReportPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: ReportSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables = [
      vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: PersistedState | undefined) => {
          if (!state?.uri) {
            // Nothing says which file it showed: a blank panel is worse than none.
            panel.dispose();
            return Promise.resolve();
          }
          this.adopt(panel, vscode.Uri.parse(state.uri));
          return Promise.resolve();
        },
      }),
      // Only what the diagnostics published: a file closed meanwhile is not analyzed again behind the user's back.
      source.store.onDidUpdate((uri) => void this.panels.get(uri.toString())?.refresh(false)),
    ];
  }

  /** Opens the report of `uri` beside the editor, or reveals it if it is open. */
  show(uri: vscode.Uri): ReportPanel {
    const open = this.panels.get(uri.toString());
    if (open) {
      open.panel.reveal(undefined, true);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, titleOf(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
    return this.adopt(panel, uri);
  }

  /** The file of the focused report panel. */
  activeUri(): vscode.Uri | undefined {
    return this.active?.panel.active ? this.active.uri : undefined;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): ReportPanel {
    panel.title = titleOf(uri);
    panel.webview.options = this.options();
    const webview = panel.webview;
    webview.html = reportShellHtml({
      cspSource: webview.cspSource,
      nonce: randomUUID().replace(/-/g, ''),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'report.css')).toString(),
      title: titleOf(uri),
    });
    const report = new ReportPanel(panel, uri, this.source, this.log);
    const key = uri.toString();
    this.panels.set(key, report);
    this.active = report;
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = report;
    });
    panel.onDidDispose(() => {
      report.dispose();
      if (this.panels.get(key) === report) this.panels.delete(key);
      if (this.active === report) this.active = undefined;
    });
    return report;
  }
}

function titleOf(uri: vscode.Uri): string {
  return `Report: ${fileNameOf(uri)}`;
}

class ReportPanel implements vscode.Disposable {
  /** Hosts the page shows expanded: their curves go into every update. */
  private curveHosts: number[] = [0];
  private disposed = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly source: ReportSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = panel.webview.onDidReceiveMessage((m: WebviewToHost) => this.onMessage(m));
  }

  /**
   * Posts the latest analysis; a hidden panel has no page to post to and asks again when shown
   * ('ready'). `check`: analyze the file (from disk if it is not open) when there is no analysis yet.
   */
  async refresh(check: boolean): Promise<void> {
    if (this.disposed || !this.panel.visible) return;
    try {
      const analyzed = check ? await analysisFor(this.source, this.uri) : this.source.store.latest(this.uri);
      if (this.disposed) return;
      if (!analyzed) {
        // Closed files lose their analysis with their diagnostics: keep showing the last report.
        if (this.openDocument()) return void this.post({ type: 'unavailable', uri: this.uri.toString(), fileName: fileNameOf(this.uri), reason: unavailableReason(this.uri) });
        return;
      }
      const started = performance.now();
      // Built in the worker from the analysis of the same version, with the flow-cache curves of
      // the hosts the page shows (of every host in a small design): only the report computes curves.
      const report = await askAbout(this.source, this.uri, analyzed, (a) => this.source.worker.call('report', this.uri.toString(), a.version, fileNameOf(this.uri), this.curveHosts));
      // The worker moved on to a newer analysis: its publication refreshes the panel.
      if (!report || this.disposed) return;
      this.log.trace(`Report ${fileNameOf(this.uri)}: view-model in ${(performance.now() - started).toFixed(1)} ms`);
      await this.post({ type: 'update', uri: this.uri.toString(), report });
    } catch (e) {
      this.log.error(`Report of ${fileNameOf(this.uri)}: ${describeError(e)}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
  }

  private async post(message: HostToWebview): Promise<void> {
    if (!this.disposed) await this.panel.webview.postMessage(message);
  }

  private onMessage(message: WebviewToHost): void {
    switch (message.type) {
      case 'ready':
        void this.refresh(true);
        return;
      case 'visibleHosts': {
        const added = message.hosts.some((h) => !this.curveHosts.includes(h));
        this.curveHosts = message.hosts;
        if (added) void this.refresh(false);
        return;
      }
      case 'reveal':
        void this.reveal(message.range).catch((e: unknown) => this.log.error(`Report: could not show the finding: ${describeError(e)}`));
        return;
    }
  }

  /** Shows a finding's range in the editor, in the column of an editor already showing the file. */
  private async reveal(range: Extract<WebviewToHost, { type: 'reveal' }>['range']): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const r = range ? doc.validateRange(new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character)) : new vscode.Range(0, 0, 0, 0);
    const showing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const viewColumn = showing?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn, selection: new vscode.Selection(r.start, r.end), preserveFocus: false });
    editor.revealRange(r, vscode.TextEditorRevealType.InCenter);
  }

  private openDocument(): vscode.TextDocument | undefined {
    const key = this.uri.toString();
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
  }
}
