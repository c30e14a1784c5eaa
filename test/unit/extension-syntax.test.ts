import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { withoutSyntaxErrors } from '../../src/extension/syntax';

test('syntax errors are left to the JSON service (one squiggle each)', () => {
  const text = '{\n  "version": 1\n  "name": "x"\n}';
  const all = analyze(text, { reportSchemaErrors: false }).findings;
  assert.ok(all.some((f) => f.rule === 'parse/invalid-json'), 'the core reports the missing comma');
  assert.deepEqual(withoutSyntaxErrors(all, text), []);
});

test('parse findings the JSON service does not report survive: the empty file', () => {
  const all = analyze('  // nothing yet\n', { reportSchemaErrors: false }).findings;
  assert.equal(all.length, 1);
  assert.deepEqual(withoutSyntaxErrors(all, '  // nothing yet\n'), all);
});

test('parse findings the JSON service does not report survive: absurd nesting', () => {
  const text = '['.repeat(300) + ']'.repeat(300);
  const all = analyze(text, { reportSchemaErrors: false }).findings;
  assert.ok(all.some((f) => f.rule === 'parse/invalid-json'));
  assert.deepEqual(withoutSyntaxErrors(all, text), all);
});

test('other findings at the same place are kept', () => {
  const text = '{\n  "version": 1\n  "name": "x"\n}';
  const [syntax] = analyze(text, { reportSchemaErrors: false }).findings;
  assert.equal(syntax?.rule, 'parse/invalid-json');
  const other = { ...syntax!, rule: 'ref/unknown-nic' };
  assert.deepEqual(withoutSyntaxErrors([syntax!, other], text), [other]);
});
