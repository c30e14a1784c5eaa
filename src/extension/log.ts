// The "EDP Designer" output channel. It never reveals itself: users open it from the status bar
// or "EDP: Show Output" (vscode-yaml's revealOutputChannelOn: Never).
import * as vscode from 'vscode';

const OUTPUT_CHANNEL_NAME = 'EDP Designer';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
}

/** For catch blocks: the stack when there is one, so a bug report carries it. */
export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
