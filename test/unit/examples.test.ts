// The examples a new user opens first (`npm start`, README): each comment that names a rule sits
// where that rule fires, and each finding of a commented example is explained by such a comment.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { RULES } from '../../src/core/rules/registry';

const DIR = join(__dirname, '..', '..', '..', 'examples');
const EXAMPLES = readdirSync(DIR).filter((f) => f.endsWith('.edp.json')).sort();
/** How far (in lines) a comment may sit from the finding it explains: above its object, or just inside it. */
const NEAR = 6;
/** An example whose header promises this explains each of its findings. */
const COMMENTED = /Each comment names the rule that fires there/;

/** [rule, 0-based line] for each rule id a `//` comment names. */
function namedRules(text: string): [string, number][] {
  const out: [string, number][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const at = line.indexOf('//');
    if (at < 0) return;
    for (const r of RULES) if (new RegExp(`(^|[^\\w/-])${r.id.replace('/', '\\/')}([^\\w/-]|$)`).test(line.slice(at))) out.push([r.id, i]);
  });
  return out;
}

describe('examples/', () => {
  it('the README lists every example', () => {
    const readme = readFileSync(join(DIR, '..', 'README.md'), 'utf8');
    for (const name of EXAMPLES) assert.ok(readme.includes(`(examples/${name})`), `README has a row for ${name}`);
  });

  for (const name of EXAMPLES) {
    it(`${name}: its comments and its findings agree`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const findings = analyze(text).findings.map((f) => [f.rule, f.range!.start.line] as const);
      const named = namedRules(text);
      if (!COMMENTED.test(text)) {
        assert.deepEqual(named, [], 'an example without the promise names no rule');
        assert.deepEqual(analyze(text).findings.filter((f) => f.severity !== 'info').map((f) => f.rule), [], 'no error or warning in an uncommented example');
        return;
      }
      const near = (a: number, b: number) => Math.abs(a - b) <= NEAR;
      for (const [rule, line] of named) {
        assert.ok(findings.some(([r, l]) => r === rule && near(l, line)), `line ${line + 1} names ${rule}, which does not fire near it (${findings.map(([r, l]) => `${r}@${l + 1}`).join(', ')})`);
      }
      for (const [rule, line] of findings) {
        assert.ok(named.some(([r, l]) => r === rule && near(l, line)), `${rule} fires at line ${line + 1} with no comment naming it nearby`);
      }
    });
  }
});
