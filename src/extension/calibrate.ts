// "EDP: Calibrate Model from Measurements": proposes the traffic (flows, new flows per second) that
// makes the model predict the flow-cache hit rate the host measured (a switch's `measured`
// section), applies it to the open topology file once the user accepts, and says what changed.
// The model runs with the constants the analysis uses: defaults < edpDesigner.model < the file's `model`.
// `executeCommand('edpDesigner.calibrate', { accept: true })` skips the question, for tests.
import * as vscode from 'vscode';
import type { AnalysisWorker } from './analysisWorkerClient';
import { COMMANDS } from './commandIds';
import { registerCommand } from './registerCommand';
import { settingsFor } from './settings';
import { isTopologyDocument } from './topologyFiles';

/** What the command did; also its result, for tests. */
interface CalibrationResult {
  /** What changed, one sentence per switch. */
  changes: string[];
  /** The model constants it started from that are not the defaults, and where each was set. */
  basis: string;
}

export function registerCalibrate(worker: AnalysisWorker, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(log, COMMANDS.calibrate, (options?: { accept?: boolean }) => calibrate(worker, log, options?.accept === true), 'Calibration failed');
}

async function calibrate(worker: AnalysisWorker, log: vscode.LogOutputChannel, accepted: boolean): Promise<CalibrationResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isTopologyDocument(editor.document)) {
    void vscode.window.showInformationMessage('EDP: Open a topology file (*.edp.json) with measured figures to calibrate.');
    return undefined;
  }
  const doc = editor.document;
  const version = doc.version;
  // The model runs in the worker.
  const proposal = await worker.call('calibrate', doc.getText(), settingsFor(vscode.workspace, doc.uri).settings.model);
  if ('reason' in proposal) {
    void vscode.window.showInformationMessage(`EDP: Nothing to calibrate: ${proposal.reason}.`);
    return undefined;
  }
  if (proposal.text === doc.getText()) {
    void vscode.window.showInformationMessage(`EDP: The traffic already predicts what was measured. ${proposal.changes.join(' ')} ${proposal.basis}`);
    return { changes: proposal.changes, basis: proposal.basis };
  }
  if (!accepted) {
    const apply = 'Apply';
    const pick = await vscode.window.showInformationMessage('EDP: Calibrate the traffic to the measurements?', { modal: true, detail: [...proposal.changes, proposal.basis].join('\n') }, apply);
    if (pick !== apply) return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), proposal.text);
  if (doc.version !== version || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('EDP: The file changed during the calibration; run it again.');
    return undefined;
  }
  log.info(`Calibrated ${vscode.workspace.asRelativePath(doc.uri)} from its measurements:`);
  for (const c of [...proposal.changes, proposal.basis]) log.info(`  - ${c}`);
  void vscode.window.showInformationMessage(`EDP: Calibrated (undo with Ctrl+Z). ${proposal.changes.join(' ')} ${proposal.basis}`);
  return { changes: proposal.changes, basis: proposal.basis };
}
