// Untitled documents named *.edp.json (not "Untitled-1"), so the schema gives
// completion and hover, the diagnostics run, and Save proposes a fitting name.
import * as vscode from 'vscode';
import { TOPOLOGY_LANGUAGE_ID } from './languageId';

/**
 * `untitled:` URI for `fileName` (e.g. imported.edp.json), numbered before its `extension`
 * (imported-2.edp.json) past open documents and existing files.
 */
export async function freeUntitledUri(fileName: string, extension = '.edp.json'): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  const stem = fileName.endsWith(extension) ? fileName.slice(0, -extension.length) : fileName;
  const ext = fileName.endsWith(extension) ? extension : '';
  for (let n = 1; ; n++) {
    const name = n === 1 ? fileName : `${stem}-${n}${ext}`;
    const path = folder ? vscode.Uri.joinPath(folder, name).path : `/${name}`;
    if (open.has(path) || (folder && (await exists(vscode.Uri.joinPath(folder, name))))) continue;
    return vscode.Uri.from({ scheme: 'untitled', path });
  }
}

/**
 * A new untitled topology document (`fileName`, numbered when taken) in the EDP Topology language,
 * holding `text`, shown in an editor with the cursor at the start: what New Topology File and the
 * imports open.
 */
export async function openUntitledTopology(fileName: string, text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(await freeUntitledUri(fileName));
  const editor = await vscode.window.showTextDocument(doc);
  editor.options = { tabSize: 2, insertSpaces: true };
  if (doc.languageId !== TOPOLOGY_LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(doc, TOPOLOGY_LANGUAGE_ID);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
