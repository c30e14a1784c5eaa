// The edit that appends a host to an existing topology file, keeping its comments, layout and
// line endings: what the editor's "Import Host from lstopo XML…" command applies. Existing
// hosts are never reformatted: the new host is written on its own lines after the last one.
import { type Edit, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { TextEdit } from '../fixes/edits';

/** Edits (the core's TextEdit, applied with `applyTextEdits`) that append `host` to the document's `hosts` array, creating it if missing. */
export function appendHostEdits(documentText: string, host: unknown): TextEdit[] {
  // jsonc-parser does not skip a byte-order mark; edit the text after it and shift the offsets back.
  const bom = documentText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = documentText.slice(bom);
  const unit = indentUnitOf(text);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const hosts = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 } as never, ['hosts']);
  let edits: Edit[];
  if (hosts?.type !== 'array') {
    const formattingOptions = { insertSpaces: unit !== '\t', tabSize: unit === '\t' ? 4 : unit.length, eol };
    edits = modify(text, ['hosts', -1], host, { formattingOptions });
  } else {
    const last = hosts.children?.at(-1);
    const block = (indent: string) => indent + JSON.stringify(host, null, unit).replace(/\n/g, eol + indent);
    if (!last) {
      const outer = lineIndentAt(text, hosts.offset);
      edits = [{ offset: hosts.offset + 1, length: 0, content: eol + block(outer + unit) + eol + outer }];
    } else {
      edits = appendAfter(text, last.offset, last.offset + last.length, block, eol);
    }
  }
  return edits.map((e) => ({ offset: e.offset + bom, length: e.length, newText: e.content }));
}

/** After the last element: a comma, then the new one on its own line below, past any comment that ends the line. */
function appendAfter(text: string, start: number, end: number, block: (indent: string) => string, eol: string): Edit[] {
  let at = end;
  while (at < text.length && /[ \t]/.test(text[at])) at++;
  const hasComma = text[at] === ',';
  const afterComma = hasComma ? at + 1 : end;
  const lineEnd = /\r\n|\r|\n/.exec(text.slice(afterComma));
  const rest = text.slice(afterComma, lineEnd ? afterComma + lineEnd.index : text.length);
  const indent = lineIndentAt(text, start);
  const comma: Edit[] = hasComma ? [] : [{ offset: end, length: 0, content: ',' }];
  if (/^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest)) {
    return [...comma, { offset: afterComma + rest.length, length: 0, content: eol + block(indent) }];
  }
  return [...comma, { offset: afterComma, length: 0, content: eol + block(indent) }];
}

function lineIndentAt(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** The document's own indentation unit (first indented line), two spaces when it has none. */
function indentUnitOf(text: string): string {
  const lead = /^([ \t]+)\S/m.exec(text)?.[1];
  if (!lead) return '  ';
  return lead.startsWith('\t') ? '\t' : lead;
}
