// docs/EXPORT.md shows what the export makes of examples/rack-a.edp.json: each generated block
// must be today's output (regenerate with `node scripts/gen-export-doc.mjs` after a build).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { analyze, exportDesign, type ExportFormat } from '../../src/core';
import { ROOT } from './export-fixtures';

it('docs/EXPORT.md: the example of each format is the export of its example file', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'EXPORT.md'), 'utf8');
  const blocks = [...doc.matchAll(/<!-- BEGIN generated: (nsx-policy|terraform) (\S+) -->\n```(?:json|hcl)\n([\s\S]*?)```\n<!-- END generated -->/g)];
  assert.deepEqual(blocks.map((b) => b[1]).sort(), ['nsx-policy', 'terraform'], 'one example of each format');
  for (const [, format, file, shown] of blocks) {
    const result = exportDesign(analyze(readFileSync(join(ROOT, file), 'utf8')), format as ExportFormat, { source: file.split('/').pop() });
    assert.ok(result.ok);
    assert.equal(shown, result.text, `${format} example of ${file} (run: node scripts/gen-export-doc.mjs)`);
  }
});
