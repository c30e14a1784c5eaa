// The "EDP" commands of the palette. Ids in commandIds.ts, titles in package.json.
import * as vscode from 'vscode';
import { inputFileProblem, severityCountsText } from '../core';
import { COMMANDS } from './commandIds';
import type { Counts } from './publisher';
import { registerCommand } from './registerCommand';
import { kindOf } from './readInput';
import type { AnalysisScheduler } from './scheduler';
import { TOPOLOGY_GLOB } from './topologyFiles';
import { openUntitledTopology } from './untitled';
import { NEW_TOPOLOGY_FILE_NAME, NEW_TOPOLOGY_TEMPLATE } from './template';

export function registerCommands(scheduler: AnalysisScheduler, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    registerCommand(log, COMMANDS.newTopology, () => newTopology(), 'Creating the topology file failed'),
    registerCommand(log, COMMANDS.checkWorkspace, () => checkWorkspace(scheduler, log), 'Checking the topology files failed'),
    registerCommand(log, COMMANDS.revalidate, () => scheduler.recheckAll(), 'Checking the open topology files failed'),
    registerCommand(log, COMMANDS.showOutput, () => log.show(true)),
  ];
}

/**
 * An untitled document named *.edp.json (not "Untitled-1"), in the EDP Topology language, so the schema gives
 * completion and hover, the diagnostics run, and Save proposes a fitting name.
 */
async function newTopology(): Promise<void> {
  await openUntitledTopology(NEW_TOPOLOGY_FILE_NAME, NEW_TOPOLOGY_TEMPLATE);
}

/** What "Check All" found; also the command's result, for tests and other extensions. */
interface WorkspaceCheck extends Counts {
  found: number;
  checked: number;
  cancelled: boolean;
  /** Files named *.edp.json that were not read (a link to a device, a FIFO, a directory), with why. */
  notRead: { file: string; reason: string }[];
}

async function checkWorkspace(scheduler: AnalysisScheduler, log: vscode.LogOutputChannel): Promise<WorkspaceCheck> {
  const total: Counts = { error: 0, warning: 0, info: 0 };
  let checked = 0;
  let found = 0;
  const notRead: WorkspaceCheck['notRead'] = [];
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'EDP: Checking topology files', cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(TOPOLOGY_GLOB, '**/node_modules/**', undefined, token);
      found = uris.length;
      for (const uri of uris) {
        if (token.isCancellationRequested) return true;
        const file = vscode.workspace.asRelativePath(uri);
        progress.report({ message: file, increment: 100 / uris.length });
        // A link to /dev/zero or a FIFO named *.edp.json would never finish reading: said, not read.
        const refused = await notRegularFile(uri);
        if (refused) {
          notRead.push({ file, reason: refused });
          log.warn(`${file}: ${refused}`);
          continue;
        }
        // Analyzed in the worker: the window stays responsive while a large workspace is checked.
        const counts = await scheduler.checkUri(uri);
        checked++;
        if (!counts) continue;
        total.error += counts.error;
        total.warning += counts.warning;
        total.info += counts.info;
      }
      return token.isCancellationRequested;
    },
  );
  if (found === 0) {
    void vscode.window.showInformationMessage('EDP: No *.edp.json files in this workspace. "EDP: New Topology File" starts one.');
    return { found, checked, cancelled, notRead, ...total };
  }
  const summary = `${cancelled ? 'Cancelled after' : 'Checked'} ${checked} of ${found} topology files: `
    + `${severityCountsText(total)}.`
    + (notRead.length ? ` Not read, as they are not regular files (a link to a device, a FIFO): ${notRead.map((n) => n.file).join(', ')}.` : '');
  log.info(summary);
  const show = 'Show Problems';
  const anything = total.error + total.warning + total.info > 0;
  // Not awaited: the command (and a test awaiting it) must not wait for a click on the toast.
  void vscode.window.showInformationMessage(`EDP: ${summary}`, ...(anything ? [show] : [])).then((pick) =>
    pick === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined);
  return { found, checked, cancelled, notRead, ...total };
}

/** Why `uri` is not read as a topology file (stat follows links: a link is what it points to), or undefined. */
async function notRegularFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const kind = kindOf((await vscode.workspace.fs.stat(uri)).type);
    return kind === 'file' ? undefined : inputFileProblem(kind, 0, Infinity, 'topology file');
  } catch {
    return undefined; // gone meanwhile: checkUri says so in the log
  }
}
