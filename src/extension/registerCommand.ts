// The one way the extension registers a command: an exception becomes a log entry with its stack
// and one toast in one wording, never VS Code's raw error toast. New commands use it too.
import * as vscode from 'vscode';
import { describeError } from './log';

/**
 * Registers `run` as command `id`. Its result is the command's result (tests and other
 * extensions await it); when it throws, the user sees "EDP: <what failed>: <why>." with a
 * pointer to the output, and the command returns undefined.
 */
export function registerCommand<A extends unknown[]>(
  log: vscode.LogOutputChannel,
  id: string,
  run: (...args: A) => unknown,
  /** What the toast says failed, e.g. "Importing the host failed"; default "<id> failed". */
  failed = `${id} failed`,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      return await run(...args);
    } catch (e) {
      log.error(`${id}: ${describeError(e)}`);
      const why = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`EDP: ${failed}: ${why.replace(/\.$/, '')}. See "EDP: Show Output" for details.`);
      return undefined;
    }
  });
}
