// The analysis pipeline (DESIGN §1: parse → check → model → locate) and its incremental form
// (issue 14). The model of a host, its reference and readiness findings and its cluster summary
// depend only on that host (plus the target, the constants and the NIC catalog), so an analyzer
// keeps them per host, keyed by the host's text, and after an edit re-solves only the hosts
// whose text changed; the cluster rules run on the small per-host summaries. An edit inside one
// host is re-read from that host's text alone. `analyze()` is this pipeline with nothing kept.
import { type Node, parseTree } from 'jsonc-parser';
import type { Analysis, AnalyzeOptions } from './analyze';
import { hostSpansOf, type HostSpans, needsCarefulRead, parseJsonc, parseRegion, triviaEnd } from './fastParse';
import type { Finding, RawFinding, Severity, Span } from './findings';
import { spansIn, type SpanRequest } from './locate';
import { effectiveConstants, modelHost, type DatapathModel, type HostModel } from './model';
import { MAX_NESTING } from './parse';
import { isArrayIndex, pointerSegments, spanAt } from './pointer';
import { BUNDLED_CATALOG, type NicCatalog } from './readiness';
import { hostReadinessFindings, unknownReleaseFinding } from './readiness/check';
import { type ClusterMemo, type ClusterSummary, clusterFindings, clusterSummary } from './rules/cluster';
import { duplicateHostNames, hostReferenceFindings } from './rules/references';
import { INTERNAL_ERROR_RULE, ruleInfo, ruleKind } from './rules/registry';
import { aboutOfSegments } from './about';
import { checkStructure, HOSTS_CHECKED_ALONE, isValidTopology, type StructureCheck } from './schema';
import { LineIndex, stripBom, type TextEdit } from './text';
import type { Host, SeveritySetting, Topology } from './topology';
import { analysisBudget, type AnalysisBudget } from './budget';
import { clipText } from './present';

export const DEFAULT_MAX_PROBLEMS = 1000;

export interface Analyzer {
  /**
   * The same Analysis as `analyze(text, options)`, where `options` defaults to the ones the
   * analyzer was created with. Results of unchanged hosts are reused when what they depend on
   * (target, model constants, NIC catalog) is the same as last time. The analysis is read-only:
   * its parts are shared with later analyses.
   */
  analyze(text: string, options?: AnalyzeOptions): Analysis;
}

/** An analyzer for one document (the editor keeps one per open file). */
export function createAnalyzer(options: AnalyzeOptions = {}): Analyzer {
  const pipeline = new Pipeline(true);
  return { analyze: (text, callOptions) => pipeline.run(text, callOptions ?? options) };
}

/** One analysis, nothing kept (the CLI, tests). */
export function analyzeOnce(text: string, options: AnalyzeOptions): Analysis {
  return new Pipeline(false).run(text, options);
}

/**
 * What the pipeline keeps of one host. Results carry the paths of `index`; reused at another index
 * they are re-pathed. A class, not a literal (see switchModel.ts AssignedSource): entries live
 * through the analysis, so V8 would allocate literal ones in the old generation, where a dropped
 * analysis' entries kept its parsed design alive through the next analysis' scavenges.
 */
class HostEntry {
  /** Whether the host passes the schema on its own (see HOSTS_CHECKED_ALONE). */
  valid: boolean | undefined = undefined;
  refs: RawFinding[] | undefined = undefined;
  /** Key of the target, constants and catalog the results below were computed for. */
  context: string | undefined = undefined;
  readiness: RawFinding[] | undefined = undefined;
  model: { model: HostModel; findings: RawFinding[] } | undefined = undefined;
  summary: ClusterSummary | undefined = undefined;
  /** Located spans relative to the host's first character, by `pointer relative to the host + target` (made on first need). */
  spans: Map<string, Span> | undefined = undefined;

  constructor(
    /** The host's text (a copy: the document's text is not kept alive by it); undefined when its spans are unknown. */
    readonly text: string | undefined,
    readonly value: Host,
    readonly index: number,
  ) {}

  /** This entry for `value` at `index`, with every result kept. */
  copy(value: Host, index: number): HostEntry {
    const e = new HostEntry(this.text, value, index);
    e.valid = this.valid;
    e.refs = this.refs;
    e.context = this.context;
    e.readiness = this.readiness;
    e.model = this.model;
    e.summary = this.summary;
    e.spans = this.spans;
    return e;
  }
}

interface Read {
  value: unknown;
  errors: RawFinding[];
  /** JSON.parse read it (well-formed JSONC): findings are located without a syntax tree. */
  fast: boolean;
  spans: HostSpans | undefined;
  /** Per host index: the entry still valid for it (same text), if any. */
  reused: (HostEntry | undefined)[];
}

class Pipeline {
  /** The last text and its line index (line starts are moved through the next edit, not recomputed). */
  private lastText: string | undefined;
  private lastLines: LineIndex | undefined;
  /** What parsing the last text gave, when the next text may be read as an edit of it. */
  private base: { value: unknown; spans: HostSpans } | undefined;
  private entries: (HostEntry | undefined)[] = [];
  private readonly clusters: ClusterMemo = new Map();

  constructor(private readonly retain: boolean) {}

  run(raw: string, options: AnalyzeOptions): Analysis {
    // Offsets name the text as the editor shows it: VS Code hands documents over without their
    // BOM and the CLI strips it, so a text given with one is read as if it had none.
    const text = stripBom(raw);
    const edit = this.lastText !== undefined ? editBetween(this.lastText, text) : undefined;
    const lines = new LineIndex(text, edit && this.lastLines, edit);
    try {
      const read = this.read(text, edit);
      const result = this.check(text, read, options);
      const analysis = this.finish(text, read, result, options, lines);
      this.keep(text, lines, read, result.entries);
      return analysis;
    } catch (e) {
      this.forget();
      // A bug of ours must not take the editor down; say so where the user looks.
      // Its own rule (internal/error), which settings cannot switch off: a silent failure would look like a clean file.
      const span = { offset: 0, length: 0 };
      const message = `EDP Designer could not analyze this file (internal error: ${(e as Error)?.message ?? String(e)}). Please report it with the file.`;
      const finding: Finding = { rule: INTERNAL_ERROR_RULE, kind: ruleKind(INTERNAL_ERROR_RULE), severity: 'error', message, path: '', about: {}, span, range: lines.rangeOf(span) };
      return analysisOf(text, [finding], 0, undefined, undefined, lines);
    }
  }

  // ---- parse -------------------------------------------------------------------------------

  private read(text: string, edit: TextEdit | undefined): Read {
    const edited = edit ? this.readEdit(text, edit) : undefined;
    if (edited) return edited;
    const parsed = parseJsonc(text);
    const read: Read = { value: parsed.value, errors: parsed.errors, fast: parsed.fast, spans: undefined, reused: [] };
    const hosts = hostsOf(parsed.value);
    if (!this.retain || !parsed.fast || !hosts) return read;
    read.spans = hostSpansOf(text);
    if (read.spans?.starts.length !== hosts.length) {
      read.spans = undefined;
      return read;
    }
    // Entries whose host text reappears, at the same index or (after an insertion) another.
    let byText: Map<string, HostEntry> | undefined;
    const { starts, ends } = read.spans;
    read.reused = new Array<HostEntry | undefined>(hosts.length);
    for (let h = 0; h < hosts.length; h++) {
      const hostText = text.slice(starts[h], ends[h]);
      const same = this.entries[h];
      if (same?.text === hostText) read.reused[h] = same;
      else {
        byText ??= entriesByText(this.entries);
        read.reused[h] = byText.get(hostText);
      }
    }
    return read;
  }

  /** The last text with one host's text changed: re-read only that host. */
  private readEdit(text: string, edit: TextEdit): Read | undefined {
    const base = this.base;
    const hosts = hostsOf(base?.value);
    if (!base || !hosts) return undefined;
    const { starts: oldStarts, ends: oldEnds } = base.spans;
    if (edit.start === edit.oldEnd && edit.start === edit.newEnd) {
      return { value: base.value, errors: [], fast: true, spans: base.spans, reused: this.entries.slice() };
    }
    const delta = edit.newEnd - edit.oldEnd;
    const h = lastAtOrBefore(oldStarts, edit.start);
    if (h < 0 || edit.oldEnd > oldEnds[h]) return undefined;
    if (needsCarefulRead(text.slice(oldStarts[h], oldEnds[h] + delta))) return undefined;
    const region = parseRegion(text, oldStarts[h], oldEnds[h] + delta);
    if (!region || region.depth + 2 > MAX_NESTING) return undefined;
    const value = { ...(base.value as Record<string, unknown>) };
    const newHosts = hosts.slice();
    newHosts[h] = region.value;
    value.hosts = newHosts;
    const starts = oldStarts.slice();
    const ends = oldEnds.slice();
    ends[h] += delta;
    for (let i = h + 1; i < starts.length; i++) {
      starts[i] += delta;
      ends[i] += delta;
    }
    const reused = this.entries.slice();
    reused[h] = undefined;
    return { value, errors: [], fast: true, spans: { starts, ends }, reused };
  }

  private keep(text: string, lines: LineIndex, read: Read, entries: HostEntry[] | undefined): void {
    if (!this.retain) return;
    this.lastText = text;
    this.lastLines = lines;
    // With no spans there is nothing to read an edit against; host entries stay for their texts to reappear.
    this.base = read.errors.length === 0 && read.spans ? { value: read.value, spans: read.spans } : undefined;
    if (read.errors.length === 0) this.entries = entries ?? read.reused;
  }

  private forget(): void {
    this.lastText = undefined;
    this.lastLines = undefined;
    this.base = undefined;
    this.entries = [];
    this.clusters.clear();
  }

  // ---- check -------------------------------------------------------------------------------

  private check(text: string, read: Read, options: AnalyzeOptions): { raw: RawFinding[]; topology?: Topology; model?: DatapathModel; entries?: HostEntry[] } {
    if (read.errors.length > 0) return { raw: read.errors };
    const budget = analysisBudget(options.budgetMs, options.budgetClock);
    const entries = this.entriesOf(text, read);
    const early = budget.stop('the schema check');
    if (early) return { raw: [early] };
    const structure = this.structure(read.value, entries);
    const raw = structure.findings;
    if (!structure.typesHold || !entries) return { raw, entries };
    // Past the budget the later stages are skipped and say so (docs/RULES.md, analysis/budget-exceeded).
    if (stoppedBefore(budget, raw, 'the reference checks')) return { raw };
    const topology = read.value as Topology;
    const c = effectiveConstants({ ...options.model, ...topology.model });
    const catalog = options.catalog ?? BUNDLED_CATALOG;
    const context = JSON.stringify([topology.target, c, catalogKey(catalog)]);
    for (const entry of entries) {
      if (entry.context === context) continue;
      entry.context = context;
      entry.readiness = undefined;
      entry.model = undefined;
      entry.summary = undefined;
    }

    raw.push(...duplicateHostNames(topology.hosts));
    for (const e of entries) {
      if (stoppedBeforeHost(budget, raw, 'the reference checks', e, entries.length)) return { raw };
      raw.push(...(e.refs ??= hostReferenceFindings(e.value, e.index)));
    }
    if (stoppedBefore(budget, raw, 'the readiness checks')) return { raw };
    const unknownRelease = unknownReleaseFinding(topology.target);
    if (unknownRelease) raw.push(unknownRelease);
    else {
      for (const e of entries) {
        if (stoppedBeforeHost(budget, raw, 'the readiness checks', e, entries.length)) return { raw };
        raw.push(...(e.readiness ??= hostReadinessFindings(e.value, e.index, topology.target, catalog)));
      }
    }
    const summaries = new Array<ClusterSummary | undefined>(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      summaries[i] = e.value.cluster === undefined ? undefined : (e.summary ??= clusterSummary(e.value, topology.target));
    }
    raw.push(...clusterFindings(summaries, this.retain ? this.clusters : undefined));
    if (stoppedBefore(budget, raw, 'the datapath model')) return { raw };
    const hosts: HostModel[] = [];
    for (const e of entries) {
      // The model of each host is the costly part (the flow-cache solver).
      if (stoppedBeforeHost(budget, raw, 'the datapath model', e, entries.length)) return { raw };
      e.model ??= modelHost(e.value, e.index, topology.target, c);
      hosts.push(e.model.model);
      raw.push(...e.model.findings);
    }
    return { raw, topology, model: { constants: { ...c }, hosts }, entries };
  }

  /** One entry per host, those of unchanged hosts reused (moved to their new index). */
  private entriesOf(text: string, read: Read): HostEntry[] | undefined {
    const hosts = hostsOf(read.value);
    if (!hosts) return undefined;
    const { starts, ends } = read.spans ?? {};
    const entries = new Array<HostEntry>(hosts.length);
    for (let h = 0; h < hosts.length; h++) {
      const host = hosts[h];
      let entry = read.reused[h];
      if (!entry) {
        // The text is kept only to be found again after the next edit.
        const hostText = this.retain && starts && ends ? flatCopy(text.slice(starts[h], ends[h])) : undefined;
        entries[h] = new HostEntry(hostText, host as Host, h);
        continue;
      }
      if (entry.value !== host) entry = entry.copy(host as Host, entry.index); // the same text, parsed again
      entries[h] = entry.index === h ? entry : reindexed(entry, h);
    }
    return entries;
  }

  /** checkStructure(value), checking only hosts not checked before when the schema allows. */
  private structure(value: unknown, entries: HostEntry[] | undefined): StructureCheck {
    const alone = HOSTS_CHECKED_ALONE;
    if (!this.retain || !alone || !entries || entries.length > alone.maxItems) return checkStructure(value);
    const shell = { ...(value as Record<string, unknown>), hosts: [] as unknown[] };
    if (!isValidTopology(shell)) return checkStructure(value);
    for (const e of entries) {
      if (e.valid === undefined) {
        shell.hosts = [e.value];
        e.valid = isValidTopology(shell);
      }
      if (!e.valid) return checkStructure(value);
    }
    return { findings: [], typesHold: true };
  }

  // ---- grade, cut, locate ------------------------------------------------------------------

  private finish(text: string, read: Read, result: ReturnType<Pipeline['check']>, options: AnalyzeOptions, lines: LineIndex): Analysis {
    const severities = { ...result.topology?.rules, ...options.rules };
    const max = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
    // Each finding's grade beside it (not a copy of the finding with its severity set).
    let graded: RawFinding[] = [];
    let grades: Severity[] = [];
    for (const f of result.raw) {
      const severity = gradeOf(f, severities);
      if (!severity) continue;
      graded.push(f);
      grades.push(severity);
    }
    const total = graded.length;
    if (!(max >= total)) {
      graded = graded.slice(0, max);
      grades = grades.slice(0, max);
    }
    const findings = this.locate(text, read, graded, grades, result.entries, lines);
    return analysisOf(text, findings, total - graded.length, result.topology, result.model, lines);
  }

  private locate(text: string, read: Read, raw: RawFinding[], grades: readonly Severity[], entries: HostEntry[] | undefined, lines: LineIndex): Finding[] {
    if (raw.length === 0) return [];
    // Every pointer to locate, in order: each finding's own (unless it carries a span), then its related ones.
    const requests: SpanRequest[] = [];
    // Each finding's pointer is split once, for its span and its `about`.
    const segments: (readonly (string | number)[])[] = new Array<readonly (string | number)[]>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const f = raw[i];
      segments[i] = pointerSegments(f.path);
      if (!f.span) requests.push({ pointer: f.path, target: f.target ?? 'value', segments: segments[i] });
      if (f.related) for (const r of f.related) requests.push({ pointer: r.path, target: r.target ?? 'value' });
    }
    const spans = read.fast ? this.spansOf(text, read, requests, entries) : treeSpans(text, requests);
    let next = 0;
    const findings: Finding[] = new Array<Finding>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const f = raw[i];
      const at = f.span ?? spans[next++];
      const finding: Finding = {
        rule: f.rule,
        kind: ruleKind(f.rule),
        severity: grades[i],
        message: f.message,
        path: f.path,
        about: f.about ? Object.assign(aboutOfSegments(segments[i]), f.about) : aboutOfSegments(segments[i]),
        span: at,
        range: lines.rangeOf(at),
      };
      if (f.related?.length) {
        const related = new Array<NonNullable<Finding['related']>[number]>(f.related.length);
        for (let k = 0; k < related.length; k++) {
          const r = f.related[k];
          const rs = spans[next++];
          related[k] = { path: r.path, message: r.message, span: rs, range: lines.rangeOf(rs) };
        }
        finding.related = related;
      }
      findings[i] = finding;
    }
    return findings.sort(byOffset);
  }

  /**
   * The span of each request, in order, from the text itself: per host (relative spans kept in
   * its entry, so an unchanged host is never read again), the rest in one pass over the document
   * that jumps over hosts. Without host spans (a one-off analysis) that one pass finds everything.
   */
  private spansOf(text: string, read: Read, requests: readonly SpanRequest[], entries: HostEntry[] | undefined): Span[] {
    const hosts = hostsOf(read.value);
    const spans = read.spans?.starts.length === hosts?.length ? read.spans : undefined;
    const out: Span[] = new Array<Span>(requests.length);
    if (!spans) {
      const found = spansIn(text, triviaEnd(text, 0), requests);
      for (let i = 0; i < found.length; i++) out[i] = found[i];
      return out;
    }
    // Per host: the requests its kept spans do not answer, and where each answer goes.
    const perHost = new Map<number, { requests: SpanRequest[]; slots: number[]; keys: string[] }>();
    const document: SpanRequest[] = [];
    const documentSlots: number[] = [];
    for (let i = 0; i < requests.length; i++) {
      const { pointer: path, target, segments } = requests[i];
      const h = hostIndexOf(path, spans.starts.length);
      if (h < 0) {
        document.push(requests[i]);
        documentSlots.push(i);
        continue;
      }
      const pointer = path.slice(HOSTS.length + String(h).length);
      const key = `${pointer}\u0000${target}`;
      const kept = entries?.[h]?.spans?.get(key);
      if (kept) {
        out[i] = { offset: spans.starts[h] + kept.offset, length: kept.length };
        continue;
      }
      let group = perHost.get(h);
      if (!group) perHost.set(h, (group = { requests: [], slots: [], keys: [] }));
      group.requests.push({ pointer, target, segments: segments?.slice(2) });
      group.slots.push(i);
      group.keys.push(key);
    }
    for (const [h, group] of perHost) {
      const start = spans.starts[h];
      const found = spansIn(text, start, group.requests);
      const entry = entries?.[h];
      const cache = entry ? (entry.spans ??= new Map()) : undefined;
      for (let k = 0; k < found.length; k++) {
        const rel = { offset: found[k].offset - start, length: found[k].length };
        cache?.set(group.keys[k], rel);
        out[group.slots[k]] = { offset: start + rel.offset, length: rel.length };
      }
    }
    if (document.length > 0) {
      const skip = new Map<number, number>();
      for (let i = 0; i < spans.starts.length; i++) skip.set(spans.starts[i], spans.ends[i]);
      const found = spansIn(text, triviaEnd(text, 0), document, skip);
      for (let k = 0; k < found.length; k++) out[documentSlots[k]] = found[k];
    }
    return out;
  }
}

// The analysis runs these once per analysis, per host or per finding: module-level functions and
// plain loops, not closures made per call, which lose their optimized code when the collector finds
// them unused (V8 compiled the analyzer's closures eight or nine times over the jobs bench's 200 files).

/** Past the budget before `next` (analysis/budget-exceeded): pushes the finding that says so onto `raw`. */
function stoppedBefore(budget: AnalysisBudget, raw: RawFinding[], next: string | (() => string)): boolean {
  const finding = budget.stop(next);
  if (finding) raw.push(finding);
  return finding !== undefined;
}

/** stoppedBefore between hosts (not before the first): one stage over thousands of hosts can outlast the budget. */
function stoppedBeforeHost(budget: AnalysisBudget, raw: RawFinding[], stage: string, e: HostEntry, hosts: number): boolean {
  return e.index > 0 && stoppedBefore(budget, raw, () => `${stage} of host ${e.index + 1} of ${hosts} ("${clipText(String(e.value.name))}")`);
}

/** The kept entries by their host's text (the last of equal texts, as a Map built from them keeps). */
function entriesByText(entries: readonly (HostEntry | undefined)[]): Map<string, HostEntry> {
  const byText = new Map<string, HostEntry>();
  for (const e of entries) if (e?.text !== undefined) byText.set(e.text, e);
  return byText;
}

function byOffset(a: Finding, b: Finding): number {
  return a.span!.offset - b.span!.offset;
}

const HOSTS = '/hosts/';

/** The host index a pointer starts with (as pointerSegments reads it), or -1. */
function hostIndexOf(path: string, count: number): number {
  if (!path.startsWith(HOSTS)) return -1;
  let end = path.indexOf('/', HOSTS.length);
  if (end < 0) end = path.length;
  const segment = path.slice(HOSTS.length, end);
  if (!isArrayIndex(segment)) return -1;
  const h = Number(segment);
  return h < count ? h : -1;
}

/** Spans through jsonc-parser's tree, for a text JSON.parse did not read. */
function treeSpans(text: string, requests: readonly SpanRequest[]): Span[] {
  if (requests.length === 0) return [];
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return requests.map((r) => spanAt(root, r.pointer, r.target));
}

/**
 * The analysis of a file that was not read (over a size cap): only `raw`, each at the top of the
 * file and graded by `options.rules` like any finding (a rule turned off leaves no finding).
 */
export function unreadAnalysis(raw: readonly RawFinding[], options: Pick<AnalyzeOptions, 'rules'> = {}): Analysis {
  const lines = new LineIndex('');
  const severities = { ...options.rules };
  const findings: Finding[] = [];
  for (const f of raw) {
    const severity = gradeOf(f, severities);
    if (!severity) continue;
    const span = { offset: 0, length: 0 };
    findings.push({ rule: f.rule, kind: ruleKind(f.rule), severity, message: f.message, path: '', about: {}, span, range: lines.rangeOf(span) });
  }
  return analysisOf('', findings, 0, undefined, undefined, lines);
}

function analysisOf(text: string, findings: Finding[], truncated: number, topology: Topology | undefined, model: DatapathModel | undefined, lines: LineIndex): Analysis {
  const analysis = { findings, truncated, topology, model, lines } as Analysis;
  // The syntax tree is for the editor's lens, hover and fixes: built on first read, held weakly
  // (the retained analysis does not keep a tree of the whole file alive), not enumerable (it
  // does not cross postMessage or JSON).
  let tree: WeakRef<Node> | undefined;
  let empty = false;
  Object.defineProperty(analysis, 'root', {
    enumerable: false,
    get(): Node | undefined {
      if (empty) return undefined;
      const held = tree?.deref();
      if (held) return held;
      const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
      if (!root) empty = true;
      else tree = new WeakRef(root);
      return root;
    },
  });
  return analysis;
}

function gradeOf(f: RawFinding, severities: Record<string, SeveritySetting>): Severity | undefined {
  const info = ruleInfo(f.rule);
  if (info?.locked) return info.severity;
  // Own properties only: a rule id such as "constructor" must not read Object.prototype.
  const setting = Object.hasOwn(severities, f.rule) ? severities[f.rule] : undefined;
  if (setting === 'off') return undefined;
  return setting ?? f.severity ?? info?.severity ?? 'warning';
}

function hostsOf(value: unknown): unknown[] | undefined {
  const hosts = typeof value === 'object' && value !== null ? (value as { hosts?: unknown }).hosts : undefined;
  return Array.isArray(hosts) ? hosts : undefined;
}

/** An entry computed at another index, its findings' paths moved to `h`. */
function reindexed(entry: HostEntry, h: number): HostEntry {
  const from = `${HOSTS}${entry.index}`;
  const to = `${HOSTS}${h}`;
  const move = (path: string) => (path === from || path.startsWith(from + '/') ? to + path.slice(from.length) : path);
  const moveAll = (list: RawFinding[] | undefined) =>
    list?.map((f) => ({ ...f, path: move(f.path), ...(f.related ? { related: f.related.map((r) => ({ ...r, path: move(r.path) })) } : {}) }));
  const moved = entry.copy(entry.value, h);
  moved.refs = moveAll(entry.refs);
  moved.readiness = moveAll(entry.readiness);
  moved.model = entry.model && { model: entry.model.model, findings: moveAll(entry.model.findings)! };
  return moved;
}

const catalogKeys = new WeakMap<NicCatalog, string>();

function catalogKey(catalog: NicCatalog): string {
  let key = catalogKeys.get(catalog);
  if (key === undefined) {
    key = JSON.stringify(catalog);
    catalogKeys.set(catalog, key);
  }
  return key;
}

/** A copy that does not keep the string it was sliced from alive. */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

/** The index of the last value ≤ `x` in ascending `values`, or -1. */
function lastAtOrBefore(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const CHUNK = 4096;

/** Where two texts differ: their common prefix and suffix (for equal texts an empty edit at the end). */
function editBetween(before: string, after: string): TextEdit {
  const start = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - start);
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/** Length of the common prefix; compares in chunks so the engine's string comparison does the work. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i + CHUNK <= limit && a.slice(a.length - i - CHUNK, a.length - i) === b.slice(b.length - i - CHUNK, b.length - i)) i += CHUNK;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
