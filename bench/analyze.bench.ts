// Analysis benchmark: `npm run bench`. What a keystroke costs, as ratios against baselines
// measured in the same run on the same text: JSON.parse (the floor for reading the file at all)
// and vscode-json-languageservice validating the same document against the same schema (what
// VS Code's own JSON support spends on it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripComments } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { analyze } from '../src/core/analyze';
import { formatMs, timePerAsyncCall, timePerCall } from './timing';

const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'topology.schema.json'), 'utf8'));
const schemaUri = 'file:///topology.schema.json';
const service = getLanguageService({ schemaRequestService: async () => JSON.stringify(schema) });
service.configure({ validate: true, allowComments: true, schemas: [{ uri: schemaUri, fileMatch: ['*.edp.json'], schema }] });

async function main(): Promise<void> {
  const rows: string[][] = [['file', 'chars', 'JSON.parse ms', 'json-languageservice ms', 'analyze ms', 'analyze / JSON.parse', 'analyze / json-ls']];
  for (const name of ['rack-a.edp.json', 'mistakes.edp.json', 'large-cluster.edp.json']) {
    const text = readFileSync(join(root, 'examples', name), 'utf8');
    const plain = stripComments(text);
    const parseMs = timePerCall(() => JSON.parse(plain));
    const doc = TextDocument.create(`file:///${name}`, 'jsonc', 1, text);
    const lsMs = await timePerAsyncCall(() => service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' }));
    const analyzeMs = timePerCall(() => analyze(text));
    rows.push([name, String(text.length), formatMs(parseMs), formatMs(lsMs), formatMs(analyzeMs), (analyzeMs / parseMs).toFixed(1), (analyzeMs / lsMs).toFixed(2)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
