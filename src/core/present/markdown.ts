// Markdown from the model: hovers (VS Code renders them untrusted) and the exported report.

/**
 * Text from the file, shown literally: the punctuation that acts anywhere in a line escaped
 * (emphasis, code, links, HTML, entities, table pipes, headings, images, footnotes), and line
 * breaks folded into spaces, so a name can neither format nor break a line or a table row.
 */
export function mdEscape(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>|#!{}~&]/g, '\\$&');
}

type Align = 'l' | 'r';

/**
 * A Markdown table as lines; cells are already escaped. Names read left-aligned, figures
 * right-aligned: by default the first column is left, the others right.
 */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = head.map((_, i) => (i === 0 ? 'l' : 'r'))): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}
