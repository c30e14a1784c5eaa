// Per-lcore flow-cache counters: `nsxdp-cli ens flow-stats get -l N` prints a JSON object per lcore
// (lcoreID, numFlows, numFlowsCreated, hits, miss, slowpath, fpoHits, localHits, …); the NSX CLI's
// `get ens flow-stats` prints the same counters as `key : value` lines. NSX 3.x's nsxdp-cli printed
// a table instead (`lcoreID  numFlows  hits  miss  fpoHits  localHits …` over a dashed ruler, one
// row), as real ens_diagnostics collections show (valenciakarlos/parseesxilogs, ESXi 7.0.3). They
// are cumulative, so two samples some seconds apart give rates (shared/nsx-and-esxi.md,
// "Host-side statistics"). The interval is the difference of the times written beside the
// samples, else the `Waiting 30 seconds` a collection script printed between them.
//
// Which counters make up "all packets" is not documented. The hit rate here is
// hits / (hits + miss): `miss` counts the lookups that found no entry, whatever happened next
// (slowpath is a subset of them), and fpoHits/localHits are left out because they never reach
// the lcore's flow-cache lookup in the same way. The raw counters are kept beside the rate.
import type { MeasuredLcore, SwitchMeasured } from '../../topology';
import { round } from '../facts';
import { tables, timeMarks } from './lines';

const HIT_RATE_FROM = 'hits / (hits + miss)';

export interface FlowSample {
  lcore: number;
  line: number;
  /** ms since the epoch, from the last time written above the sample. */
  at?: number;
  /** Seconds waited before the sample (the sum of the `Waiting N seconds` lines above it), when no time is written. */
  waited?: number;
  counters: Record<string, number>;
  form: 'json' | 'key-value' | 'table';
}

export function readFlowSamples(text: string, lines: readonly string[]): FlowSample[] {
  const marks = timeMarks(lines);
  const timeAt = (line: number) => marks.filter((m) => m.line <= line).at(-1)?.ms;
  const waits = marks.length ? [] : waitMarks(lines);
  const waitedAt = (line: number) => (waits.length ? waits.filter((w) => w.line <= line).reduce((s, w) => s + w.seconds, 0) : undefined);
  const stamp = (line: number) => {
    const at = timeAt(line);
    const waited = waitedAt(line);
    return { ...(at !== undefined ? { at } : {}), ...(waited !== undefined ? { waited } : {}) };
  };
  const samples: FlowSample[] = [];
  const lineOf = lineIndexer(text);

  for (const { value, offset } of jsonObjects(text)) {
    for (const obj of flat(value)) {
      const counters = numbers(obj);
      const id = lcoreIdOf(counters);
      if (id === undefined) continue;
      const line = lineOf(offset);
      samples.push({ lcore: id, line, ...stamp(line), counters, form: 'json' });
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const head = /^\s*lcore\s*ID\s*:\s*(\d+)\s*$/i.exec(lines[i]);
    if (!head) continue;
    const counters: Record<string, number> = { lcoreID: Number(head[1]) };
    let j = i + 1;
    for (; j < lines.length; j++) {
      const kv = /^\s*([A-Za-z][\w]*)\s*:\s*(-?\d+)\s*$/.exec(lines[j]);
      if (!kv || /^lcore\s*ID$/i.test(kv[1])) break;
      counters[kv[1]] = Number(kv[2]);
    }
    if (counters.hits === undefined && counters.miss === undefined) continue;
    samples.push({ lcore: Number(head[1]), line: i, ...stamp(i), counters, form: 'key-value' });
    i = j - 1;
  }
  // NSX 3.x table: a header naming the counters, a ruler, one row of numbers per lcore.
  for (const table of tables(lines, /^\s*lcoreID(?:\s+[A-Za-z]\w*)+\s*$/, (m) => m[0].trim().split(/\s+/).length, /^\d+$/)) {
    const names = table.headerMatch[0].trim().split(/\s+/);
    for (const row of table.rows) {
      const counters: Record<string, number> = {};
      names.forEach((n, k) => {
        if (/^-?\d+$/.test(row.cells[k] ?? '')) counters[n] = Number(row.cells[k]);
      });
      if (counters.hits === undefined && counters.miss === undefined) continue;
      samples.push({ lcore: counters.lcoreID, line: row.line, ...stamp(row.line), counters, form: 'table' });
    }
  }
  return samples.sort((a, b) => a.line - b.line);
}

/** Measured figures per lcore from its first and last sample; rates need two samples with times. */
export function measuredFrom(samples: FlowSample[], lcoreNodes: Map<number, number>, notes: string[]): SwitchMeasured | undefined {
  if (samples.length === 0) return undefined;
  const ids = [...new Set(samples.map((s) => s.lcore))].sort((a, b) => a - b);
  const lcores: MeasuredLcore[] = [];
  let seconds: number | undefined;
  let at: number | undefined;
  let waitedOnly = false;
  for (const id of ids) {
    const mine = samples.filter((s) => s.lcore === id);
    const first = mine[0];
    const last = mine.at(-1)!;
    const span =
      first !== last && first.at !== undefined && last.at !== undefined && last.at > first.at
        ? (last.at - first.at) / 1000
        : first !== last && first.waited !== undefined && last.waited !== undefined && last.waited > first.waited
          ? last.waited - first.waited
          : undefined;
    if (span !== undefined && first.at === undefined) waitedOnly = true;
    const counters = span !== undefined ? difference(last.counters, first.counters) : withoutId(last.counters);
    const hits = counters.hits;
    const miss = counters.miss;
    const lookups = hits !== undefined && miss !== undefined ? hits + miss : undefined;
    const numaNode = lcoreNodes.get(id);
    const entry: MeasuredLcore = {
      lcore: id,
      ...(numaNode !== undefined ? { numaNode } : {}),
      ...(lookups ? { hitRate: round(hits / lookups, 4) } : {}),
      ...(last.counters.numFlows !== undefined ? { flows: last.counters.numFlows } : {}),
      ...(span !== undefined && counters.numFlowsCreated !== undefined ? { newFlowsPerSec: round(counters.numFlowsCreated / span, 1) } : {}),
      ...(span !== undefined && lookups !== undefined ? { pps: round(lookups / span, 0) } : {}),
      counters,
    };
    lcores.push(entry);
    if (span !== undefined) seconds = seconds === undefined ? span : Math.max(seconds, span);
    if (first.at !== undefined) at = at === undefined ? first.at : Math.min(at, first.at);
  }
  if (seconds === undefined) {
    notes.push('Flow statistics have one sample per lcore (or no time beside them): the hit rate is over the counters since they were last cleared, and new flows per second are unknown. Take two samples some seconds apart, each after a `date -u` line (scripts/esxi/collect.sh does).');
  }
  if (waitedOnly) {
    notes.push(`Flow statistics rates are over the ${round(seconds ?? 0, 1)} s the collection waited between its samples (no time is written beside them): the time the commands themselves took is not counted, so rates read a little high.`);
  }
  const source = samples.some((s) => s.form !== 'key-value') ? 'nsxdp-cli ens flow-stats get' : 'get ens flow-stats';
  return {
    ...(at !== undefined ? { at: new Date(at).toISOString() } : {}),
    ...(seconds !== undefined ? { seconds: round(seconds, 1) } : {}),
    source,
    hitRateFrom: seconds !== undefined ? `${HIT_RATE_FROM}, differences between the first and last sample` : `${HIT_RATE_FROM}, cumulative`,
    lcores,
  };
}

/** `Waiting 30 seconds` (what ens_diagnostics prints between its two samples). */
function waitMarks(lines: readonly string[]): { line: number; seconds: number }[] {
  const out: { line: number; seconds: number }[] = [];
  lines.forEach((line, i) => {
    const m = /\bwait(?:ing|ed)?(?:\s+for)?\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b/i.exec(line);
    if (m && Number(m[1]) > 0) out.push({ line: i, seconds: Number(m[1]) });
  });
  return out;
}

function difference(b: Record<string, number>, a: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(b)) {
    if (/^lcore_?id$/i.test(k)) continue;
    if (k === 'numFlows') out[k] = v;
    else if (a[k] !== undefined) out[k] = Math.max(0, v - a[k]);
  }
  return out;
}

function lcoreIdOf(counters: Record<string, number>): number | undefined {
  for (const [k, v] of Object.entries(counters)) if (/^lcore_?id$/i.test(k)) return v;
  return undefined;
}

function numbers(obj: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) out[k] = Number(v);
  }
  return out;
}

function flat(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(flat);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return [obj, ...Object.values(obj).filter((v) => typeof v === 'object' && v !== null).flatMap(flat)];
  }
  return [];
}

/** Top-level JSON objects and arrays embedded in text, braces balanced outside strings; what fails to parse is skipped. */
function jsonObjects(text: string): { value: unknown; offset: number }[] {
  const out: { value: unknown; offset: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '{' && c !== '[') continue;
    // JSON opens with a key or a value right away; a pyVmomi `{ key = …` or prose `[see above]` does not.
    const next = /\S/.exec(text.slice(i + 1, i + 200))?.[0];
    if (c === '{' ? next !== '"' && next !== '}' : next === undefined || !/["{[\]\d-]/.test(next)) continue;
    const end = balancedEnd(text, i);
    if (end < 0) continue;
    try {
      out.push({ value: JSON.parse(text.slice(i, end + 1)), offset: i });
      i = end;
    } catch {
      // not JSON (a `[` in prose, a pyVmomi dump): look further inside
    }
  }
  return out;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i;
  }
  return -1;
}

function lineIndexer(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

function withoutId(c: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(c).filter(([k]) => !/^lcore_?id$/i.test(k)));
}
