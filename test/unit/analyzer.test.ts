// createAnalyzer(): per-document incremental analysis gives exactly what analyze() gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, createAnalyzer } from '../../src/core';

const examples = join(__dirname, '..', '..', '..', 'examples');

describe('createAnalyzer', () => {
  it('gives the same analysis as analyze() for each example, text after text', () => {
    const analyzer = createAnalyzer({ reportSchemaErrors: true });
    for (const name of ['rack-a.edp.json', 'mistakes.edp.json', 'readiness.edp.json', 'rack-a.edp.json']) {
      const text = readFileSync(join(examples, name), 'utf8');
      const a = analyzer.analyze(text);
      const b = analyze(text, { reportSchemaErrors: true });
      assert.deepEqual(a.findings, b.findings, name);
      assert.deepEqual(a.model, b.model, name);
    }
  });
});
