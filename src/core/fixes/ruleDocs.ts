// Where a rule's section starts in docs/RULES.md, so "Show documentation" can reveal it (a
// fragment on a file URI does not scroll a markdown editor or preview in VS Code 1.100).

/** 0-based line of the `### <rule>` heading, or undefined when the page has no such section. */
export function ruleSectionLine(markdown: string, rule: string): number | undefined {
  const heading = `### ${rule}`;
  const lines = markdown.split(/\r\n|\n|\r/);
  const line = lines.findIndex((l) => l.trimEnd() === heading);
  return line < 0 ? undefined : line;
}
