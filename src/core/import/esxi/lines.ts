// Shapes shared by ESXi command outputs: fixed tables under a header line and `Key: Value`
// blocks. Outputs are recognised by their own header or keys wherever they stand in a file, so
// a support bundle's extract or another team's collection script (other headings, other order,
// other commands in between) reads as well as scripts/esxi/collect.sh's file.

interface TableRow {
  /** Line index (0-based) of the row. */
  line: number;
  /** One value per column; the last column takes the rest of the line (descriptions have spaces). */
  cells: string[];
}

interface Table {
  /** Line index of the header. */
  line: number;
  headerMatch: RegExpExecArray;
  rows: TableRow[];
}

/**
 * Every table whose header matches `header`. Rows follow until a blank line or a line that does
 * not fit (fewer values than columns, or a first value that fails `first`); a `---` ruler is
 * skipped. Values are whitespace-separated, so columns are found even when a paste lost the
 * alignment; only the last column may hold spaces.
 */
export function tables(lines: readonly string[], header: RegExp, columns: (m: RegExpExecArray) => number, first: RegExp): Table[] {
  const out: Table[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = header.exec(lines[i]);
    if (!m) continue;
    const n = columns(m);
    const rows: TableRow[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j].trim();
      if (/^[-\s]+$/.test(line) && line.includes('-')) continue;
      if (line === '') break;
      const tokens = line.split(/\s+/);
      if (tokens.length < n - 1 || !first.test(tokens[0])) break;
      const cells = tokens.length >= n ? [...tokens.slice(0, n - 1), tokens.slice(n - 1).join(' ')] : [...tokens, ''];
      rows.push({ line: j, cells });
    }
    out.push({ line: i, headerMatch: m, rows });
    i = j - 1;
  }
  return out;
}

/** `Key: Value` (or `Key:Value`, vsish) lines from `start` on, until a line that is neither that nor indented text. */
export function keyValues(lines: readonly string[], start: number, end = lines.length): { values: Map<string, string>; end: number } {
  const values = new Map<string, string>();
  let i = start;
  for (; i < end; i++) {
    const m = /^\s*([A-Za-z][\w .()/-]*?)\s*:\s?(.*)$/.exec(lines[i]);
    if (!m) break;
    if (!values.has(m[1])) values.set(m[1], m[2].trim());
  }
  return { values, end: i };
}

/** The first `Key: Value` in the text whose key matches exactly (case-insensitive), with its line. */
export function valueOf(lines: readonly string[], key: string, from = 0, to = lines.length): { value: string; line: number } | undefined {
  const re = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:\\s*(.*?)\\s*$`, 'i');
  for (let i = from; i < to; i++) {
    const m = re.exec(lines[i]);
    if (m) return { value: m[1], line: i };
  }
  return undefined;
}

export function int(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t, 16);
  return undefined;
}

export function bool(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  return t === 'true' || t === 'yes' ? true : t === 'false' || t === 'no' ? false : undefined;
}

/**
 * Times written beside the outputs, by line: ISO 8601 (`date -u +%Y-%m-%dT%H:%M:%SZ`, what
 * collect.sh writes) or `date`'s default `Tue Dec  1 20:28:59 UTC 2026`. A sample's time is the
 * last one above it.
 */
export function timeMarks(lines: readonly string[]): { line: number; ms: number }[] {
  const months = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
  const out: { line: number; ms: number }[] = [];
  lines.forEach((line, i) => {
    const iso = /\b(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d))/.exec(line);
    if (iso) {
      const ms = Date.parse(iso[1].replace(' ', 'T'));
      if (Number.isFinite(ms)) out.push({ line: i, ms });
      return;
    }
    const d = /\b(?:mon|tue|wed|thu|fri|sat|sun)\w* (\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) UTC (\d{4})\b/i.exec(line);
    if (d) {
      const month = months.indexOf(d[1].toLowerCase());
      if (month >= 0) out.push({ line: i, ms: Date.UTC(Number(d[6]), month, Number(d[2]), Number(d[3]), Number(d[4]), Number(d[5])) });
    }
  });
  return out;
}

/** The command line or heading a block follows, when it names a vmnic (`vsish … /net/pNics/vmnic4/properties`, `-n vmnic4`). */
export function vmnicAbove(lines: readonly string[], line: number, lookBack = 3): string | undefined {
  for (let i = line - 1; i >= Math.max(0, line - lookBack); i--) {
    const m = /\b(vmnic\d+)\b/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}
