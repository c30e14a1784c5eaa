// schema/invalid: the structural mistakes with one obvious repair — a misspelled key renamed to
// the suggestion, a missing required property inserted (with a snippet the editor tabs
// through), a quoted number unquoted. Read from the syntax tree: the schema check failed, so
// the analysis may have no typed topology.
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { RULES } from '../rules/registry';
import { homesOf, missingPropertyOf, type SchemaNode, schemaAt } from '../schema';
import { closestNames } from '../suggest';
import { formattingOptionsOf, type TextEdit } from './edits';
import type { FixContext, QuickFix } from './types';

export function structureFixes(ctx: FixContext): QuickFix[] {
  const root = ctx.analysis.root;
  if (!root) return [];
  const missing = missingPropertyOf(ctx.finding.message);
  if (missing !== undefined) return insertPropertyFixes(ctx, root, missing);
  const node = findNodeAtLocation(root, ctx.segments);
  if (!node) return [];
  return [...renameKeyFixes(ctx, node), ...unquoteNumberFixes(ctx, node)];
}

/** An unknown key close to a known one (a typo, not a property of another object): rename it. */
function renameKeyFixes(ctx: FixContext, node: Node): QuickFix[] {
  const property = node.parent;
  const key = property?.type === 'property' ? property.children?.[0] : undefined;
  const object = property?.parent;
  const name = ctx.segments[ctx.segments.length - 1];
  if (!key || !object || typeof name !== 'string') return [];
  const parent = ctx.segments.slice(0, -1);
  let candidates: string[];
  if (parent.length === 1 && parent[0] === 'rules') {
    candidates = RULES.map((r) => r.id);
  } else {
    const schema = schemaAt(parent);
    if (!schema?.properties || schema.properties[name] || schema.additionalProperties !== false) return [];
    // "mtu" on a host belongs in a switch: renaming it would hide the misplacement.
    if (homesOf(name).length > 0) return [];
    candidates = Object.keys(schema.properties);
  }
  if (candidates.includes(name)) return [];
  const present = new Set<unknown>((object.children ?? []).map((p): unknown => p.children?.[0]?.value));
  const lower = candidates.find((c) => c === name.toLowerCase());
  const close = lower ? [lower] : closestNames(name, candidates);
  return close.filter((c) => !present.has(c)).map((c, i) => ({
    title: `Rename "${name}" to "${c}"`,
    edits: [{ offset: key.offset, length: key.length, newText: JSON.stringify(c) }],
    preferred: i === 0,
  }));
}

/** "16" where a number belongs: 16. */
function unquoteNumberFixes(ctx: FixContext, node: Node): QuickFix[] {
  if (node.type !== 'string' || typeof node.value !== 'string' || node.value.trim() === '') return [];
  const type = schemaAt(ctx.segments)?.type;
  const n = Number(node.value.trim());
  if (!Number.isFinite(n) || (type !== 'number' && type !== 'integer') || (type === 'integer' && !Number.isInteger(n))) return [];
  return [{ title: `Remove the quotes: ${n}`, edits: [{ offset: node.offset, length: node.length, newText: String(n) }], preferred: true }];
}

/** Adds `"name": value` to the object; the snippet puts the cursor on the value, then on each required field inside. */
function insertPropertyFixes(ctx: FixContext, root: Node, name: string): QuickFix[] {
  const object = ctx.segments.length === 0 ? root : findNodeAtLocation(root, ctx.segments);
  if (object?.type !== 'object') return [];
  const value = valueTemplate([...ctx.segments, name], { next: 1 }, 0);
  const entry = `${JSON.stringify(name)}: `;
  const { edits, at } = insertionEdits(ctx.text, object, entry);
  const plain = edits.map((e, i) => (i === at ? { ...e, newText: e.newText.replace(PLACEHOLDER, value.plain) } : e));
  const [before, after] = edits[at].newText.split(PLACEHOLDER);
  return [{
    title: `Add the required property "${name}"`,
    edits: plain,
    snippet: { edit: at, text: escapeSnippet(before) + value.snippet + escapeSnippet(after) },
    preferred: true,
  }];
}

const PLACEHOLDER = '\u0000';

/**
 * Edits that add `entry` + PLACEHOLDER as the object's last property, touching nothing else: on
 * its own line, indented like the last property, when that one has its own line (a comment after
 * it stays on its line); else inline. `at` is the edit holding the new property.
 */
function insertionEdits(text: string, object: Node, entry: string): { edits: TextEdit[]; at: number } {
  const property = entry + PLACEHOLDER;
  const last = object.children?.at(-1);
  if (!last) return { edits: [{ offset: object.offset + 1, length: 0, newText: ` ${property} ` }], at: 0 };
  const end = last.offset + last.length;
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const indent = text.slice(lineStart, last.offset);
  const rest = /^[^\r\n]*/.exec(text.slice(end))![0];
  const trailingComma = /^\s*,/.exec(text.slice(end));
  if (/^[ \t]*$/.test(indent) && /^[ \t]*,?[ \t]*(\/\/.*)?$/.test(rest)) {
    const eol = formattingOptionsOf(text).eol;
    const line = { offset: end + rest.length, length: 0, newText: `${eol}${indent}${property}${trailingComma ? ',' : ''}` };
    return trailingComma ? { edits: [line], at: 0 } : { edits: [{ offset: end, length: 0, newText: ',' }, line], at: 1 };
  }
  if (trailingComma) return { edits: [{ offset: end + trailingComma[0].length, length: 0, newText: ` ${property},` }], at: 0 };
  return { edits: [{ offset: end, length: 0, newText: `, ${property}` }], at: 0 };
}

interface Template {
  /** The value as text, for clients without snippets. */
  plain: string;
  /** The same with tab stops ($1, ${2:default}, ${3|a,b|}). */
  snippet: string;
}

/** The value a new property starts with: the schema's default, example or first choice, as a tab stop. */
function valueTemplate(path: readonly (string | number)[], stops: { next: number }, depth: number): Template {
  const stop = stops.next++;
  const schema: SchemaNode = schemaAt(path) ?? {};
  const choices = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (choices?.length) {
    const texts = choices.map((c) => JSON.stringify(c));
    return { plain: texts[0], snippet: `\${${stop}|${texts.map(escapeChoice).join(',')}|}` };
  }
  const example = schema.default ?? schema.examples?.[0];
  switch (schema.type) {
    case 'string': {
      const text = typeof example === 'string' ? example : '';
      return { plain: JSON.stringify(text), snippet: `"\${${stop}:${escapeSnippet(JSON.stringify(text).slice(1, -1))}}"` };
    }
    case 'number':
    case 'integer': {
      const n = typeof example === 'number' ? example : (schema.minimum ?? 0);
      return { plain: String(n), snippet: `\${${stop}:${n}}` };
    }
    case 'boolean': {
      const b = typeof example === 'boolean' ? example : false;
      return { plain: String(b), snippet: `\${${stop}|${b},${!b}|}` };
    }
    case 'array':
      return { plain: '[]', snippet: `[$${stop}]` };
    case 'object': {
      // One level of required fields, so `"cpu"` arrives with the fields it must have.
      const required = depth === 0 ? (schema.required ?? []) : [];
      if (required.length === 0) return { plain: '{}', snippet: `{$${stop}}` };
      stops.next--;
      const fields = required.map((r) => ({ name: r, value: valueTemplate([...path, r], stops, depth + 1) }));
      return {
        plain: `{ ${fields.map((f) => `${JSON.stringify(f.name)}: ${f.value.plain}`).join(', ')} }`,
        snippet: `{ ${fields.map((f) => `${escapeSnippet(JSON.stringify(f.name))}: ${f.value.snippet}`).join(', ')} }`,
      };
    }
    default:
      return { plain: 'null', snippet: `\${${stop}:null}` };
  }
}

/** Text that must come out of a snippet as written: `$`, `}` and `\` are snippet syntax. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}
