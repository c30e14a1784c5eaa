// One problem, one squiggle: in the editor, VS Code's JSON service already reports JSONC syntax
// errors ("Expected comma"), so ours are dropped there unless the user turned that service off
// (json.validate.enable). The core's other parse/invalid-json findings (empty file, absurd
// nesting, internal error) have no JSON-service twin and stay. Pure: no vscode import.
import { type ParseError, parseTree } from 'jsonc-parser';
import type { Finding } from '../core';

/** `findings` without the syntax errors the JSON service reports too; re-parses only when there are some. */
export function withoutSyntaxErrors(findings: Finding[], text: string): Finding[] {
  if (!findings.some((f) => f.rule === 'parse/invalid-json')) return findings;
  const errors: ParseError[] = [];
  // The same options as the core's parser (src/core/parse.ts), so the offsets line up.
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const syntax = new Set(errors.map((e) => e.offset));
  return findings.filter((f) => f.rule !== 'parse/invalid-json' || f.span === undefined || !syntax.has(f.span.offset));
}
