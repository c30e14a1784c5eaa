// Which documents and files are topology files, and where the editor shows them.
import * as vscode from 'vscode';

export const TOPOLOGY_GLOB = '**/*.edp.json';

/** Schemes with real documents; `git:` and friends show old versions that must not be flagged. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vsls']);

export function isTopologyUri(uri: vscode.Uri): boolean {
  return SCHEMES.has(uri.scheme) && uri.path.toLowerCase().endsWith('.edp.json');
}

export function isTopologyDocument(doc: vscode.TextDocument): boolean {
  return isTopologyUri(doc.uri);
}

export function uriOfTab(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

export function isInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => uriOfTab(t)?.toString() === key));
}

/** The open document of `uri`, if any. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

/** Each document's length at a version, kept up by its edits (noteLengthChange). */
const lengths = new WeakMap<vscode.TextDocument, { version: number; length: number }>();

/**
 * The document's length in UTF-16 units without copying its text. Worked out (the offset of its
 * end) once per document: after an edit VS Code sums the lengths of all lines after the edited
 * one for that offset, about 1 ms per 200,000 lines on the extension host's thread, and the
 * scheduler, the quick fixes and the outline each asked for it after every edit (issue 14).
 */
export function documentLength(doc: vscode.TextDocument): number {
  const known = lengths.get(doc);
  if (known?.version === doc.version) return known.length;
  const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
  lengths.set(doc, { version: doc.version, length });
  return length;
}

/** Keeps documentLength up with an edit: called for every change event, in order (the scheduler does). */
export function noteLengthChange(e: vscode.TextDocumentChangeEvent): void {
  const known = lengths.get(e.document);
  // Unknown, or already measured at this version.
  if (!known || known.version >= e.document.version || e.contentChanges.length === 0) return;
  // A version missed in between: the sum of these changes alone would be wrong; measure again when asked.
  if (known.version !== e.document.version - 1) return void lengths.delete(e.document);
  let length = known.length;
  for (const c of e.contentChanges) length += c.text.length - c.rangeLength;
  lengths.set(e.document, { version: e.document.version, length });
}

/** Lines per piece when a document is sent to the analysis worker whole (~0.3 MB of a generated design). */
const LINES_PER_PIECE = 10_000;

/** The document's text in pieces of whole lines, read one at a time (the last one up to the end). */
export function* textPieces(doc: vscode.TextDocument): Generator<string> {
  for (let line = 0; line < doc.lineCount; line += LINES_PER_PIECE) {
    yield doc.getText(new vscode.Range(line, 0, Math.min(line + LINES_PER_PIECE, doc.lineCount), 0));
  }
}
