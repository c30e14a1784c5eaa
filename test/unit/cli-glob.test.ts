// The small glob matcher behind quoted `edp-check 'racks/**/*.edp.json'` arguments.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { globBase, globDepth, globRegExp, isGlob } from '../../src/cli/glob';

const matches = (pattern: string, p: string) => globRegExp(pattern).test(p);

it('isGlob: *, ? and [ make a pattern; plain paths are not', () => {
  for (const p of ['*.edp.json', 'a/**/b', 'rack-?.edp.json', 'rack-[ab].edp.json']) assert.ok(isGlob(p), p);
  for (const p of ['racks/a.edp.json', './x', '/abs/path.edp.json']) assert.ok(!isGlob(p), p);
});

it('* and ? stay within one path segment', () => {
  assert.ok(matches('racks/*.edp.json', 'racks/a.edp.json'));
  assert.ok(!matches('racks/*.edp.json', 'racks/sub/a.edp.json'));
  assert.ok(!matches('racks/*.edp.json', 'racks/a.edp.jsonc'));
  assert.ok(matches('rack-?.edp.json', 'rack-1.edp.json'));
  assert.ok(!matches('rack-?.edp.json', 'rack-10.edp.json'));
  assert.ok(!matches('rack-?', 'rack-/'));
});

it('** spans zero or more folders', () => {
  const p = 'racks/**/*.edp.json';
  assert.ok(matches(p, 'racks/a.edp.json'));
  assert.ok(matches(p, 'racks/x/a.edp.json'));
  assert.ok(matches(p, 'racks/x/y/z/a.edp.json'));
  assert.ok(!matches(p, 'other/a.edp.json'));
  assert.ok(matches('**/*.edp.json', 'a.edp.json'));
  assert.ok(matches('**/*.edp.json', 'deep/er/a.edp.json'));
  assert.ok(matches('racks/**', 'racks/x/y'));
});

it('character classes, negation, and regex characters taken literally', () => {
  assert.ok(matches('rack-[ab].edp.json', 'rack-a.edp.json'));
  assert.ok(!matches('rack-[ab].edp.json', 'rack-c.edp.json'));
  assert.ok(matches('rack-[0-9].edp.json', 'rack-7.edp.json'));
  assert.ok(matches('rack-[!ab].edp.json', 'rack-c.edp.json'));
  assert.ok(!matches('rack-[!ab].edp.json', 'rack-a.edp.json'));
  // The dot is a dot, parentheses and plus signs are themselves.
  assert.ok(!matches('*.edp.json', 'aXedpXjson'));
  assert.ok(matches('(lab)+*.edp.json', '(lab)+1.edp.json'));
  assert.ok(matches('a[b', 'a[b'), 'an unclosed [ is literal');
});

it('globBase is the wildcard-free prefix the walk starts from; globDepth bounds the walk', () => {
  assert.equal(globBase('racks/**/*.edp.json'), 'racks');
  assert.equal(globBase('racks/east/*.edp.json'), 'racks/east');
  assert.equal(globBase('*.edp.json'), '');
  assert.equal(globBase('/*.edp.json'), '/');
  assert.equal(globBase('/srv/racks/*.edp.json'), '/srv/racks');
  assert.equal(globDepth('racks/*.edp.json'), 1);
  assert.equal(globDepth('racks/*/*.edp.json'), 2);
  assert.equal(globDepth('racks/**/*.edp.json'), Infinity);
});
