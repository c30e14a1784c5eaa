// Hovers with the model's figures on a switch's name, a vNIC's name, an lcore group and a NIC
// (its name or a switch uplink naming it), written by the analysis worker from the analysis of
// the same version (workerServices.ts `modelHover`). The schema's description of the same key
// comes from languageFeatures.ts; the two hovers show together.
import * as vscode from 'vscode';
import type { AnalysisWorker } from './analysisWorkerClient';
import { currentAnalysis } from './currentAnalysis';
import type { AnalysisStore } from './analysisStore';
import { isTopologyDocument } from './topologyFiles';
import { describeError } from './log';
import { TOPOLOGY_LANGUAGE_ID } from './languageId';

/** A hover is asked for while the mouse rests; a short wait covers an analysis still in its debounce. */
const WAIT_FOR_ANALYSIS_MS = 1000;

export function registerHover(store: AnalysisStore, worker: AnalysisWorker, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: TOPOLOGY_LANGUAGE_ID }, {
    async provideHover(doc, position, token) {
      try {
        if (!isTopologyDocument(doc)) return undefined;
        const current = await currentAnalysis(store, doc, token, WAIT_FOR_ANALYSIS_MS);
        if (!current || token.isCancellationRequested) return undefined;
        const hover = await worker.call('modelHover', doc.uri.toString(), current.version, doc.offsetAt(position));
        if (!hover || token.isCancellationRequested) return undefined;
        // Untrusted and without HTML: names come from the file and are shown as text only.
        return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(hover.start.line, hover.start.character, hover.end.line, hover.end.character));
      } catch (e) {
        log.error(`Hover: ${describeError(e)}`);
        return undefined;
      }
    },
  });
}
