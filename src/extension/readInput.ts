// The extension's reads of files it is not shown in an editor ("Check All", workspace catalogs,
// hwloc XML): the core's rules for what may be read, through vscode.workspace.fs so virtual
// workspaces work too. stat follows links, so a workspace symlink to /dev/zero is seen as what
// it points to and refused before a byte is read.
import * as vscode from 'vscode';
import { inputFileProblem, type FileKind } from '../core';

export class InputRefused extends Error {}

/** The file's UTF-8 text; throws InputRefused (a sentence for the user) when it is not a regular file or too large. */
export async function readInputUri(uri: vscode.Uri, maxBytes: number, what: string): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  const problem = inputFileProblem(kindOf(stat.type), stat.size, maxBytes, what);
  if (problem) throw new InputRefused(problem);
  const bytes = await vscode.workspace.fs.readFile(uri);
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxBytes) throw new InputRefused(inputFileProblem('file', bytes.byteLength, maxBytes, what) ?? 'it is too large');
  return new TextDecoder('utf-8').decode(bytes);
}

export function kindOf(type: vscode.FileType): FileKind {
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return 'other';
}
