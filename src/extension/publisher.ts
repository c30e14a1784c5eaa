// The diagnostics publisher: every topology file's findings, as diagnostics.
//
// Setting a file's diagnostics costs the extension host's thread time in proportion to their
// number (converting them, then VS Code serializing them to the window): for a huge design with a
// thousand findings that was the largest block of ours on that thread after an edit (issue 14). So a
// file's findings are spread over a few collections by host (the owners "edp", "edp-1", …; the
// Problems panel shows them as one list, all with source "edp"), in the slices the analysis
// worker sends (shownFindings.ts): after an edit the worker sends only the slices whose findings
// changed, and only those are set again, one slice per turn of the event loop when they are large.
// A small file's diagnostics change in one turn, as with one collection.
import * as vscode from 'vscode';
import { countSeverities, type Finding, type SeverityCounts } from '../core';
import { toDiagnostic } from './convert';
import { findingSlices, parseSlice, SLICES } from './shownFindings';

export type Counts = SeverityCounts;

/** Characters of slices' JSON set per turn of the event loop at most (beyond one slice): about 80 findings. */
const CHARS_PER_TURN = 32 * 1024;
/**
 * Milliseconds between those turns. With 1 ms, VS Code's writes of the slices just set (their
 * compression and socket callbacks) filled the gaps, and a first publish of 1000 findings ran as
 * one busy stretch of 20–50 ms in CPU profiles of the e2e test at load ≈ 15; 64 slices at this
 * pace take ~0.3 s to show, against seconds of analysis.
 */
const PAUSE_MS = 10;

interface Published {
  uri: vscode.Uri;
  counts: Counts;
  /** The worker's result shown (undefined: published whole, e.g. a file over the size cap). */
  id: number | undefined;
  /** Per slice, its JSON while it waits to be set; null once set (or when unchanged). */
  pending: (string | null)[];
  /** Bumped on every publish or clear: a stale chain of pending sets stops. */
  generation: number;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collections = Array.from({ length: SLICES }, (_, i) => vscode.languages.createDiagnosticCollection(i === 0 ? 'edp' : `edp-${i}`));
  private readonly published = new Map<string, Published>();
  private generation = 0;

  /**
   * Publishes every finding, syntax and structure included, exactly as edp-check reports them:
   * topology files have their own language id, so VS Code's JSON service adds nothing of its own.
   */
  publish(uri: vscode.Uri, findings: readonly Finding[]): Counts {
    return this.show(uri, findingSlices(findings), countSeverities(findings), undefined);
  }

  /**
   * Shows the worker's result `id`: `slices[i]` is the JSON of slice i's findings, or null where
   * it is as in the result shown now (the caller checked `shownId`). Returns the counts at once;
   * the diagnostics are set from the next turn of the event loop on (a huge file's over a few turns).
   */
  show(uri: vscode.Uri, slices: readonly (string | null)[], counts: Counts, id: number | undefined): Counts {
    const key = uri.toString();
    const before = this.published.get(key);
    // Slices of the publish before that are not set yet: this one's nulls mean those.
    const entry: Published = { uri, counts, id, pending: slices.map((s, i) => s ?? before?.pending[i] ?? null), generation: ++this.generation };
    this.published.set(key, entry);
    const next = (): void => {
      // A newer publish or a clear took over.
      if (this.published.get(key)?.generation !== entry.generation) return;
      let chars = 0;
      for (let i = 0; i < SLICES; i++) {
        const json = entry.pending[i];
        if (json === null) continue;
        // The rest on a later turn, after a pause: the thread goes idle in between, so what else
        // waits (VS Code's messages, timers) runs, and no two slices make one long stretch.
        if (chars > 0 && chars + json.length > CHARS_PER_TURN) return void setTimeout(next, PAUSE_MS);
        this.collections[i].set(uri, parseSlice(json).map((f) => toDiagnostic(f, uri)));
        entry.pending[i] = null;
        chars += json.length;
      }
    };
    // Not in this turn either: it received the worker's result, and the analysis store's readers
    // and VS Code's conversion of the first slices then make separate, shorter stretches.
    setImmediate(next);
    return counts;
  }

  /** The worker's result whose diagnostics are shown (or being set) for `uri`. */
  shownId(uri: vscode.Uri): number | undefined {
    return this.published.get(uri.toString())?.id;
  }

  /** true when something was removed. */
  clear(uri: vscode.Uri): boolean {
    if (!this.published.delete(uri.toString())) return false;
    for (const c of this.collections) c.delete(uri);
    return true;
  }

  has(uri: vscode.Uri): boolean {
    return this.published.has(uri.toString());
  }

  counts(uri: vscode.Uri): Counts {
    return this.published.get(uri.toString())?.counts ?? { error: 0, warning: 0, info: 0 };
  }

  /** Every URI with published diagnostics. */
  uris(): vscode.Uri[] {
    return [...this.published.values()].map((p) => p.uri);
  }

  dispose(): void {
    this.published.clear();
    for (const c of this.collections) c.dispose();
  }
}
