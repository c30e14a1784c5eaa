// A small HCL writer in `terraform fmt` style: two-space indents, the `=` of consecutive
// single-line attributes aligned (a blank line, a comment or a nested block ends the run), one
// space around `=`. Only what the export writes: strings, numbers, booleans, references and
// lists of those.

export type HclValue = string | number | boolean | HclExpr | readonly HclValue[];

/** A bare expression (a reference such as var.x or a.b.path), written unquoted. */
interface HclExpr {
  expr: string;
}

export type HclItem =
  | { attr: string; value: HclValue }
  | { block: string; labels?: string[]; body: HclItem[] }
  | { blank: true }
  | { comment: string };

export const expr = (e: string): HclExpr => ({ expr: e });

/** An HCL quoted string: escapes, and `${` / `%{` doubled so that nothing is interpolated. */
export function hclString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

function value(v: HclValue): string {
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '0';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
  return (v as HclExpr).expr;
}

export function renderHcl(items: readonly HclItem[], depth = 0): string {
  const pad = '  '.repeat(depth);
  const lines: string[] = [];
  let run: { attr: string; value: HclValue }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => a.attr.length));
    for (const a of run) lines.push(`${pad}${a.attr.padEnd(width)} = ${value(a.value)}`);
    run = [];
  };
  for (const item of items) {
    if ('attr' in item) {
      run.push(item);
      continue;
    }
    flush();
    if ('blank' in item) lines.push('');
    else if ('comment' in item) lines.push(item.comment === '' ? `${pad}#` : `${pad}# ${item.comment}`);
    else {
      const head = [item.block, ...(item.labels ?? []).map(hclString)].join(' ');
      if (item.body.length === 0) lines.push(`${pad}${head} {}`);
      else lines.push(`${pad}${head} {`, renderHcl(item.body, depth + 1), `${pad}}`);
    }
  }
  flush();
  return lines.join('\n');
}

/** A Terraform identifier (resource or variable name) from any name. */
export function hclIdentifier(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
  if (s === '') return 'x';
  return /^[a-z_]/.test(s) ? s : `_${s}`;
}
