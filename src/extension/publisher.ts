// The diagnostics publisher: every topology file's findings, as diagnostics.
//
// Setting a file's diagnostics costs the extension host's thread time in proportion to their
// number (converting them, then VS Code serializing them to the window): for a huge design with a
// thousand findings that was the largest block left on that thread after an edit (issue 14). So a
// file's findings are spread over a few collections by host (the owners "edp", "edp-1", …; the
// Problems panel shows them as one list, all with source "edp"): after an edit only the slices
// whose findings changed are set again, and when many are, they are set a few per turn of the
// event loop. A small file's diagnostics change in one turn, as with one collection.
import * as vscode from 'vscode';
import { countSeverities, type Finding, type Range, type SeverityCounts } from '../core';
import { toDiagnostic } from './convert';

export type Counts = SeverityCounts;

/** Collections a file's findings are spread over, by host index. */
const SLICES = 8;
/** Diagnostics set per turn of the event loop at most (beyond one slice's worth). */
const DIAGNOSTICS_PER_TURN = 150;

interface Published {
  uri: vscode.Uri;
  counts: Counts;
  /** Per slice, its findings, to see which changed. */
  slices: readonly Finding[][];
  /** Bumped on every publish or clear: a stale chain of pending sets stops. */
  generation: number;
}

const sameRange = (a: Range | undefined, b: Range | undefined) =>
  a === b || (!!a && !!b && a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character);

/** The same diagnostic: what it shows (rule, severity, message, range, related locations). */
function sameShown(a: Finding, b: Finding): boolean {
  if (a.rule !== b.rule || a.severity !== b.severity || a.message !== b.message || !sameRange(a.range, b.range)) return false;
  const ra = a.related ?? [];
  const rb = b.related ?? [];
  return ra.length === rb.length && ra.every((r, i) => r.message === rb[i].message && sameRange(r.range, rb[i].range));
}

function sameSlice(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => sameShown(f, b[i]));
}

function sliceOf(f: Finding): number {
  const host = f.about?.host;
  return host === undefined ? 0 : host % SLICES;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collections = Array.from({ length: SLICES }, (_, i) => vscode.languages.createDiagnosticCollection(i === 0 ? 'edp' : `edp-${i}`));
  private readonly published = new Map<string, Published>();
  private generation = 0;

  /**
   * Publishes every finding, syntax and structure included, exactly as edp-check reports them:
   * topology files have their own language id, so VS Code's JSON service adds nothing of its own.
   * Returns the counts at once; the diagnostics of a huge file may take a few turns to show.
   */
  publish(uri: vscode.Uri, findings: readonly Finding[]): Counts {
    const bySlice: Finding[][] = Array.from({ length: SLICES }, () => []);
    for (const f of findings) bySlice[sliceOf(f)].push(f);
    const key = uri.toString();
    const before = this.published.get(key);
    const entry: Published = { uri, counts: countSeverities(findings), slices: bySlice, generation: ++this.generation };
    this.published.set(key, entry);
    // Nothing published before: the collections hold nothing for this file.
    const changed = bySlice.flatMap((s, i) => (sameSlice(before ? before.slices[i] : [], s) ? [] : [i]));
    const next = (at: number): void => {
      // A newer publish or a clear took over.
      if (this.published.get(key)?.generation !== entry.generation) return;
      let set = 0;
      for (; at < changed.length && (set === 0 || set + bySlice[changed[at]].length <= DIAGNOSTICS_PER_TURN); at++) {
        const i = changed[at];
        this.collections[i].set(uri, bySlice[i].map((f) => toDiagnostic(f, uri)));
        set += bySlice[i].length;
      }
      if (at < changed.length) setImmediate(() => next(at));
    };
    next(0);
    return entry.counts;
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
