// CI guard: the generated validator (git-ignored, made by the build) and docs/FORMAT.md
// (committed) must match schemas/topology.schema.json. Regenerates in memory, compares with the
// files on disk and writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDoc } from './gen-format-doc.mjs';
import { generatedFiles, readSchema, root, schemaTextWithCatalogExamples } from './gen-validators.mjs';

const schema = readSchema();
const expected = [
  // The examples of a NIC's model and driver are derived from schemas/nic-catalog.json.
  { path: 'schemas/topology.schema.json', text: schemaTextWithCatalogExamples(), fix: 'node scripts/gen-validators.mjs' },
  ...[...generatedFiles(schema)].map(([path, text]) => ({ path, text, fix: 'node scripts/gen-validators.mjs' })),
  { path: 'docs/FORMAT.md', text: formatDoc(schema), fix: 'node scripts/gen-format-doc.mjs' },
];
const stale = expected.filter(({ path, text }) => {
  const file = join(root, path);
  return !existsSync(file) || readFileSync(file, 'utf8') !== text;
});
if (stale.length > 0) {
  console.error('Generated files are out of date with schemas/ (topology.schema.json, readiness/, nic-catalog*.json):');
  for (const { path, fix } of stale) console.error(`  ${path}  (run: ${fix})`);
  process.exit(1);
}
console.log('check-generated: up to date');
