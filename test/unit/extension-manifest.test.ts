// package.json is the extension's public face: what VS Code reads must match what the code does.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_CONSTANTS } from '../../src/core/model/constants';
import { RULES } from '../../src/core/rules/registry';
import { COMMANDS } from '../../src/extension/commandIds';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require(join(root, 'package.json'));
const contributes = pkg.contributes;

test('settings.json completes exactly the rule ids the core knows', () => {
  const rules = contributes.configuration.properties['edpDesigner.rules'];
  assert.deepEqual(rules.propertyNames.enum, RULES.map((r) => r.id));
  assert.equal(rules.propertyNames.markdownEnumDescriptions.length, RULES.length);
  assert.deepEqual(rules.additionalProperties.enum, ['off', 'info', 'warning', 'error']);
});

test('settings.json offers exactly the model constants, with their defaults and bounds', () => {
  const model = contributes.configuration.properties['edpDesigner.model'];
  assert.equal(model.additionalProperties, false);
  assert.deepEqual(
    Object.entries(model.properties).map(([key, p]) => { const q = p as { default: number; minimum: number; maximum: number }; return [key, q.default, q.minimum, q.maximum]; }),
    MODEL_CONSTANTS.map((c) => [c.key, c.value, c.minimum, c.maximum]),
  );
});

test('every command the code registers is contributed with category EDP, and no other', () => {
  const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  for (const c of contributes.commands) assert.equal(c.category, 'EDP', c.command);
});

test('*.edp.json is JSONC, validated by a schema file that ships with the extension', () => {
  assert.deepEqual(contributes.languages, [{ id: 'jsonc', filenamePatterns: ['*.edp.json'] }]);
  const [validation] = contributes.jsonValidation;
  assert.equal(validation.fileMatch, '*.edp.json');
  assert.ok(existsSync(join(root, validation.url)), `${validation.url} exists`);
});

test('activation is narrow, the icon exists and the entry point is the bundle', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  assert.ok(existsSync(join(root, pkg.icon)), pkg.icon);
  assert.equal(pkg.main, './dist/extension.js');
  // Untrusted workspaces: everything but workspace NIC catalogs, which are workspace-supplied data.
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['edpDesigner.catalogs']);
});
