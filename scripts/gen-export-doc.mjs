// Rewrites the generated examples in docs/EXPORT.md (between the `BEGIN generated` / `END
// generated` markers) with what the export makes of the named example today. Needs the build
// (out/src/core); test/unit/export-doc.test.ts fails when the doc and the export disagree.
//   npm run build && node scripts/gen-export-doc.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(join(root, 'out', 'src', 'core', 'index.js'));

/** `<!-- BEGIN generated: FORMAT FILE -->` … `<!-- END generated -->`, FORMAT nsx-policy or terraform. */
export const BLOCK = /(<!-- BEGIN generated: (nsx-policy|terraform) (\S+) -->\n)[\s\S]*?(<!-- END generated -->)/g;

export function exportBlock(format, file) {
  const text = readFileSync(join(root, file), 'utf8');
  const result = core.exportDesign(core.analyze(text, { reportSchemaErrors: true }), format, { source: file.split('/').pop() });
  if (!result.ok) throw new Error(`${file} does not export: ${result.reason}`);
  return `\`\`\`${format === 'terraform' ? 'hcl' : 'json'}\n${result.text}\`\`\`\n`;
}

const path = join(root, 'docs', 'EXPORT.md');
const doc = readFileSync(path, 'utf8');
const next = doc.replace(BLOCK, (_, begin, format, file, end) => `${begin}${exportBlock(format, file)}${end}`);
if (next !== doc) writeFileSync(path, next);
console.log(next === doc ? 'docs/EXPORT.md: examples up to date' : 'docs/EXPORT.md: examples rewritten');
