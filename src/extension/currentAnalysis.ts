// The analysis of a document as it is now, for features that map offsets (CodeLens, hover).
import * as vscode from 'vscode';
import type { AnalysisStore, AnalyzedDocument } from './analysisStore';

/**
 * The last published analysis if it was made from this version of the document; otherwise waits
 * for the one being made (typing is debounced) up to `waitMs`. Undefined when none comes in time
 * (e.g. `edpDesigner.run` is `onSave` and the document is dirty): offsets of an older version
 * would point at the wrong lines.
 */
export function currentAnalysis(store: AnalysisStore, doc: vscode.TextDocument, token: vscode.CancellationToken, waitMs: number): Promise<AnalyzedDocument | undefined> {
  const fresh = () => {
    const latest = store.latest(doc.uri);
    return latest && latest.version === doc.version ? latest : undefined;
  };
  const now = fresh();
  if (now || waitMs <= 0 || token.isCancellationRequested) return Promise.resolve(now);
  return new Promise((resolve) => {
    const key = doc.uri.toString();
    const done = (result: AnalyzedDocument | undefined) => {
      clearTimeout(timer);
      listener.dispose();
      cancel.dispose();
      resolve(result);
    };
    const timer = setTimeout(() => done(fresh()), waitMs);
    const listener = store.onDidUpdate((uri) => {
      if (uri.toString() !== key) return;
      const result = fresh();
      if (result) done(result);
    });
    const cancel = token.onCancellationRequested(() => done(undefined));
  });
}
