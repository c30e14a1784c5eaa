// Untitled documents named *.edp.json (not "Untitled-1"), so the schema gives
// completion and hover, the diagnostics run, and Save proposes a fitting name.
import * as vscode from 'vscode';

/** `untitled:` URI for `fileName` (e.g. imported.edp.json), numbered past open documents and existing files. */
export async function freeUntitledUri(fileName: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const name = n === 1 ? fileName : fileName.replace('.edp.json', `-${n}.edp.json`);
    const path = folder ? vscode.Uri.joinPath(folder, name).path : `/${name}`;
    if (open.has(path) || (folder && (await exists(vscode.Uri.joinPath(folder, name))))) continue;
    return vscode.Uri.from({ scheme: 'untitled', path });
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
