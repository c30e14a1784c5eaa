// What the e2e tests share: finding fixtures in the workspace, and waiting on diagnostics
// events (never sleeping).
import * as vscode from 'vscode';

export const EXTENSION_ID = 'edp-designer.edp-designer';
export const SOURCE = 'edp';

/**
 * The workspace mirrors the repository's layout (examples/, test/e2e/fixtures/), so the suite
 * runs the same in run-e2e.mjs's temp copy and with @vscode/test-cli on the checkout itself.
 */
export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export function fixtureUri(name: string): vscode.Uri {
  return workspaceUri('test', 'e2e', 'fixtures', name);
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function edpDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function rulesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => ruleOf(d) ?? '?').sort();
}

function describe(uri: vscode.Uri): string {
  const ds = vscode.languages.getDiagnostics(uri);
  if (!ds.length) return 'no diagnostics';
  return ds.map((d) => `${d.source}:${ruleOf(d)}@${d.range.start.line + 1} ${vscode.DiagnosticSeverity[d.severity]}`).join(', ');
}

/**
 * Resolves with the edp diagnostics of `uri` as soon as `predicate` holds for them: now, or on
 * a later onDidChangeDiagnostics event for that uri. Rejects after timeoutMs, saying what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 15_000,
  what = 'the expected diagnostics',
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = edpDiagnostics(uri);
      if (!predicate(ds)) return false;
      done();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; it has ${describe(uri)}`));
    }, timeoutMs);
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

export const hasRule = (rule: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === rule);
export const lacksRule = (rule: string) => (ds: vscode.Diagnostic[]) => !ds.some((d) => ruleOf(d) === rule);
export const hasNoErrors = (ds: vscode.Diagnostic[]) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error);

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** 0-based line of the first line containing `needle`: found in the text, not from the extension. */
export function lineOf(text: string, needle: string): number {
  const line = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`fixture has no line containing ${needle}`);
  return line;
}

/** Reverts the active editor's unsaved edits and closes it, so no save prompt blocks the run. */
export async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/**
 * Replaces vscode.window[name] (a dialog, a quick pick, a message) until the returned function is
 * called: the dialogs cannot be clicked from the extension host, and the extension under test
 * shares this suite's API object, so it meets the stub as a user's answer.
 */
export function stubWindow(name: string, fake: (...args: never[]) => unknown): () => void {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  window[name] = fake;
  return () => {
    window[name] = original;
  };
}

/** Runs body with edpDesigner.<key> set at Workspace level, then puts the previous value back. */
export async function withWorkspaceSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('edpDesigner');
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('edpDesigner').update(key, previous, vscode.ConfigurationTarget.Workspace);
  }
}

/** 0-based position inside the first occurrence of `needle` (on the first line containing `lineNeedle`, default `needle`). */
export function positionIn(doc: vscode.TextDocument, needle: string, lineNeedle = needle): vscode.Position {
  const line = lineOf(doc.getText(), lineNeedle);
  const col = doc.lineAt(line).text.indexOf(needle);
  if (col < 0) throw new Error(`line ${line + 1} has no ${needle}`);
  return new vscode.Position(line, col + 1);
}

/** The text of every hover VS Code shows at `position` (ours and the JSON service's), one string per hover. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'));
}

/**
 * Resolves with the first tab for which `predicate` holds: now, or on a later
 * window.tabGroups.onDidChangeTabs event. Rejects after timeoutMs, listing the open tabs.
 */
export function waitForTab(predicate: (tab: vscode.Tab) => boolean, timeoutMs = 15_000, what = 'the expected tab'): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(predicate);
  return new Promise((resolve, reject) => {
    const check = () => {
      const tab = find();
      if (!tab) return;
      done();
      resolve(tab);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      done();
      const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; open tabs: ${JSON.stringify(open)}`));
    }, timeoutMs);
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}
