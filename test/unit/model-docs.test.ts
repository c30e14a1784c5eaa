// docs/MODEL.md and the schema's `model` section must list every constant of the model, with its
// default, so the documentation and the editor's completion never drift from the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MODEL_CONSTANTS } from '../../src/core/model';

const root = join(__dirname, '..', '..', '..');

describe('model constants documentation', () => {
  it('every constant has a source: a citation or an assumption with its reasoning', () => {
    for (const c of MODEL_CONSTANTS) {
      assert.ok(c.source.length > 20, `${c.key} needs a source`);
      if (/^assumption/.test(c.source)) assert.match(c.source, /^assumption: \S/, `${c.key}: say why`);
      assert.ok(c.value >= c.minimum && c.value <= c.maximum, `${c.key} default within its bounds`);
    }
  });

  it('docs/MODEL.md lists every constant with its default', () => {
    const doc = readFileSync(join(root, 'docs', 'MODEL.md'), 'utf8');
    for (const c of MODEL_CONSTANTS) {
      assert.ok(doc.includes(`| \`${c.key}\` | ${c.value} |`), `docs/MODEL.md lacks the row of ${c.key} = ${c.value}`);
    }
  });

  it('the schema accepts exactly the constants, with their defaults and bounds', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'topology.schema.json'), 'utf8'));
    const model = schema.properties.model;
    assert.equal(model.additionalProperties, false);
    assert.deepEqual(Object.keys(model.properties).sort(), MODEL_CONSTANTS.map((c) => c.key).sort());
    for (const c of MODEL_CONSTANTS) {
      const p = model.properties[c.key];
      assert.deepEqual([p.default, p.minimum, p.maximum], [c.value, c.minimum, c.maximum], c.key);
      assert.ok(p.description && p.markdownDescription, `${c.key} is described`);
    }
  });
});
