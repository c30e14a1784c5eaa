// Hovers with the model's figures on a switch's name, a vNIC's name, an lcore group and a NIC
// (its name or a switch uplink naming it). The schema's description of the same key comes from
// languageFeatures.ts; the two hovers show together.
import * as vscode from 'vscode';
import { entryForDriver, type NicCatalog } from '../core';
import { currentAnalysis } from './currentAnalysis';
import type { AnalysisStore } from './analysisStore';
import { isTopologyDocument } from './topologyFiles';
import { catalogFacts, lcoreGroupHoverMarkdown, nicHoverMarkdown, switchHoverMarkdown, vnicHoverMarkdown } from './figures';
import { describeError } from './log';
import { targetAt } from './modelTargets';
import { TOPOLOGY_LANGUAGE_ID } from './topologyJson';

/** A hover is asked for while the mouse rests; a short wait covers an analysis still in its debounce. */
const WAIT_FOR_ANALYSIS_MS = 1000;

/** Frame overhead when the model's constants do not give one: preamble, SFD and inter-frame gap. */
const DEFAULT_FRAME_OVERHEAD_BYTES = 20;

export function registerHover(store: AnalysisStore, catalogs: { readonly catalog: NicCatalog }, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: TOPOLOGY_LANGUAGE_ID }, {
    async provideHover(doc, position, token) {
      try {
        if (!isTopologyDocument(doc)) return undefined;
        const current = await currentAnalysis(store, doc, token, WAIT_FOR_ANALYSIS_MS);
        const analysis = current?.analysis;
        if (!analysis?.model || !analysis.topology || token.isCancellationRequested) return undefined;
        const at = targetAt(analysis.root, analysis.topology, analysis.lines.offsetAt(position));
        if (!at) return undefined;
        const { target } = at;
        const host = analysis.topology.hosts[target.host];
        const hostModel = analysis.model.hosts[target.host];
        if (!host || !hostModel) return undefined;
        let text: string | undefined;
        if (target.kind === 'switch') {
          const sw = hostModel.switches[target.switch];
          text = sw && switchHoverMarkdown(sw);
        } else if (target.kind === 'lcoreGroup') {
          const sw = hostModel.switches[target.switch];
          text = sw && lcoreGroupHoverMarkdown(host, sw, target.switch, target.group);
        } else if (target.kind === 'vnic') {
          const vm = host.vms?.[target.vm];
          text = vm && vnicHoverMarkdown(host, hostModel, vm, target.vnic);
        } else {
          const overhead = analysis.model.constants.frameOverheadBytes ?? DEFAULT_FRAME_OVERHEAD_BYTES;
          const nic = host.nics[target.nic];
          // The bundled catalog: what the readiness rules consult unless a workspace catalog says otherwise.
          const entry = nic.driver ? entryForDriver(catalogs.catalog, nic.driver) : undefined;
          text = nicHoverMarkdown(host, hostModel, nic, overhead, entry && catalogFacts(entry, analysis.topology.target.release));
        }
        if (!text) return undefined;
        const start = analysis.lines.positionAt(at.span.offset);
        const end = analysis.lines.positionAt(at.span.offset + at.span.length);
        // Untrusted and without HTML: names come from the file and are shown as text only.
        return new vscode.Hover(new vscode.MarkdownString(text), new vscode.Range(start.line, start.character, end.line, end.character));
      } catch (e) {
        log.error(`Hover: ${describeError(e)}`);
        return undefined;
      }
    },
  });
}
