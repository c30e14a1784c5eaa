// Completion, hover, outline, folding, selection ranges and formatting for topology files, from
// the JSON language service run in the analysis worker (topologyJson.ts, workerServices.ts), so
// parsing a large document never blocks the extension host; its LSP-shaped answers are turned
// into VS Code's types here. Topology files have their own language id (`edp-json`), so VS
// Code's JSON service never sees them: no second, rule-less set of diagnostics.
import * as vscode from 'vscode';
import type * as ls from 'vscode-json-languageservice';
import type { AnalysisWorker } from './analysisWorkerClient';
import { TOPOLOGY_LANGUAGE_ID } from './languageId';
import { describeError } from './log';
import { documentLength, textPieces } from './topologyFiles';

const SELECTOR: vscode.DocumentSelector = { language: TOPOLOGY_LANGUAGE_ID };

/** Outline and folding of huge designs: the limits VS Code's own JSON support uses. */
const RESULT_LIMIT = 5000;

const range = (r: ls.Range) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const position = (p: vscode.Position): ls.Position => ({ line: p.line, character: p.character });

function markdown(content: ls.MarkupContent | ls.MarkedString | string): vscode.MarkdownString {
  if (typeof content === 'string') return new vscode.MarkdownString(content);
  if ('kind' in content) return content.kind === 'markdown' ? new vscode.MarkdownString(content.value) : new vscode.MarkdownString().appendText(content.value);
  return new vscode.MarkdownString().appendCodeblock(content.value, content.language);
}

function completionItem(i: ls.CompletionItem, at: vscode.Position): vscode.CompletionItem {
  const label = i.labelDetails ? { label: i.label, detail: i.labelDetails.detail, description: i.labelDetails.description } : i.label;
  // LSP kinds count from 1, VS Code's from 0.
  const item = new vscode.CompletionItem(label, i.kind !== undefined ? i.kind - 1 : undefined);
  item.detail = i.detail;
  if (i.documentation !== undefined) item.documentation = typeof i.documentation === 'string' ? i.documentation : markdown(i.documentation);
  item.sortText = i.sortText;
  item.filterText = i.filterText;
  item.preselect = i.preselect;
  item.commitCharacters = i.commitCharacters;
  const text = i.textEdit?.newText ?? i.insertText;
  // InsertTextFormat.Snippet = 2: the service's property and value templates have tab stops.
  if (text !== undefined) item.insertText = i.insertTextFormat === 2 ? new vscode.SnippetString(text) : text;
  if (i.textEdit) {
    if ('range' in i.textEdit) {
      // As VS Code's JSON client does: insert up to the cursor, replace the whole word on Tab/Enter
      // (editor.suggest.insertMode), so completing inside `"mo|de"` does not leave `de"` behind.
      const replacing = range(i.textEdit.range);
      item.range = replacing.contains(at) ? { inserting: new vscode.Range(replacing.start, at), replacing } : replacing;
    } else {
      item.range = { inserting: range(i.textEdit.insert), replacing: range(i.textEdit.replace) };
    }
  }
  if (i.additionalTextEdits) item.additionalTextEdits = i.additionalTextEdits.map((e) => new vscode.TextEdit(range(e.range), e.newText));
  if (i.command) item.command = { title: i.command.title, command: i.command.command, arguments: i.command.arguments };
  return item;
}

function documentSymbol(s: ls.DocumentSymbol): vscode.DocumentSymbol {
  const symbol = new vscode.DocumentSymbol(s.name, s.detail ?? '', s.kind - 1, range(s.range), range(s.selectionRange));
  symbol.children = (s.children ?? []).map(documentSymbol);
  return symbol;
}

function foldingRange(f: ls.FoldingRange): vscode.FoldingRange {
  const kind = f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : f.kind === 'region' ? vscode.FoldingRangeKind.Region : undefined;
  return new vscode.FoldingRange(f.startLine, f.endLine, kind);
}

function selectionRange(s: ls.SelectionRange): vscode.SelectionRange {
  return new vscode.SelectionRange(range(s.range), s.parent && selectionRange(s.parent));
}

/**
 * Outline and folding are asked for after every edit, and the JSON language service answers them
 * by parsing the whole document (about 60 ms per MB here). It runs in the analysis worker, so the
 * extension host does not wait, but the analysis of the edit would wait behind it: above this
 * size they answer nothing and VS Code folds by indentation. Quick fixes of such a file are
 * computed when the user asks (Ctrl+.) rather than for the automatic light bulb.
 */
const AUTOMATIC_FEATURES_MAX_CHARS = 512 * 1024;

/** Over AUTOMATIC_FEATURES_MAX_CHARS (no copy of the text: the offset of its end is free). */
export function isLargeDocument(doc: vscode.TextDocument): boolean {
  return documentLength(doc) > AUTOMATIC_FEATURES_MAX_CHARS;
}

export function registerLanguageFeatures(worker: AnalysisWorker, log: vscode.LogOutputChannel): vscode.Disposable {
  const saidTooLarge = new Set<string>();
  const tooLargeForEveryEdit = (doc: vscode.TextDocument, what: string): boolean => {
    if (!isLargeDocument(doc)) return false;
    const key = doc.uri.toString();
    if (!saidTooLarge.has(key)) {
      saidTooLarge.add(key);
      log.info(`${vscode.workspace.asRelativePath(doc.uri)}: over ${AUTOMATIC_FEATURES_MAX_CHARS / 1024} KB, so ${what} and the other whole-document features (outline, folding) are off for it; completion and hover still work.`);
    }
    return true;
  };
  /** The worker holds this version of the document (its edits usually got there first: then nothing is sent). */
  const synced = async (doc: vscode.TextDocument) => {
    const version = doc.version;
    await worker.sync({ key: doc.uri.toString(), version, currentVersion: () => doc.version, text: () => doc.getText(), pieces: () => textPieces(doc) });
    return [doc.uri.toString(), version] as const;
  };
  /** A provider that logs and answers nothing instead of throwing into VS Code. */
  const guarded = <A extends unknown[], R>(what: string, run: (...args: A) => R | PromiseLike<R>) => async (...args: A): Promise<R | undefined> => {
    try {
      return await run(...args);
    } catch (e) {
      log.error(`${what}: ${describeError(e)}`);
      return undefined;
    }
  };
  const format = async (doc: vscode.TextDocument, r: vscode.Range | undefined, options: vscode.FormattingOptions) => {
    const lsRange = r && { start: position(r.start), end: position(r.end) };
    const edits = await worker.call('format', ...(await synced(doc)), lsRange, { tabSize: options.tabSize, insertSpaces: options.insertSpaces });
    return edits?.map((e) => vscode.TextEdit.replace(range(e.range), e.newText));
  };

  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(SELECTOR, {
      provideCompletionItems: guarded('Completion', async (doc: vscode.TextDocument, at: vscode.Position) => {
        const list = await worker.call('complete', ...(await synced(doc)), position(at));
        if (!list) return undefined;
        return new vscode.CompletionList(list.items.map((i) => completionItem(i, at)), list.isIncomplete);
      }),
    }, '"', ':'),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: guarded('Schema hover', async (doc: vscode.TextDocument, at: vscode.Position) => {
        const hover = await worker.call('schemaHover', ...(await synced(doc)), position(at));
        if (!hover) return undefined;
        const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
        return new vscode.Hover(contents.map(markdown), hover.range && range(hover.range));
      }),
    }),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, {
      provideDocumentSymbols: guarded('Outline', async (doc: vscode.TextDocument) => {
        if (tooLargeForEveryEdit(doc, 'the outline')) return undefined;
        return (await worker.call('symbols', ...(await synced(doc)), RESULT_LIMIT))?.map(documentSymbol);
      }),
    }, { label: 'EDP Topology' }),
    vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      provideFoldingRanges: guarded('Folding', async (doc: vscode.TextDocument) => {
        if (tooLargeForEveryEdit(doc, 'folding')) return undefined;
        return (await worker.call('folding', ...(await synced(doc)), RESULT_LIMIT))?.map(foldingRange);
      }),
    }),
    vscode.languages.registerSelectionRangeProvider(SELECTOR, {
      provideSelectionRanges: guarded('Selection ranges', async (doc: vscode.TextDocument, positions: vscode.Position[]) => {
        return (await worker.call('selectionRanges', ...(await synced(doc)), positions.map(position)))?.map(selectionRange);
      }),
    }),
    vscode.languages.registerDocumentFormattingEditProvider(SELECTOR, {
      provideDocumentFormattingEdits: guarded('Format', (doc: vscode.TextDocument, options: vscode.FormattingOptions) => format(doc, undefined, options)),
    }),
    vscode.languages.registerDocumentRangeFormattingEditProvider(SELECTOR, {
      provideDocumentRangeFormattingEdits: guarded('Format selection', (doc: vscode.TextDocument, r: vscode.Range, options: vscode.FormattingOptions) => format(doc, r, options)),
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => saidTooLarge.delete(doc.uri.toString())),
  );
}
