import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { DEFAULT_SETTINGS, readSettings, SETTING_KEYS, type Settings } from '../../src/extension/settings';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

it('no user settings gives the documented defaults', () => {
  const { settings, ignored } = readSettings(from({}));
  assert.deepEqual(settings, { enable: true, run: 'onType', debounceMs: 300, rules: {}, maxProblems: 1000, model: {}, maxFileSizeMB: 20, codeLens: true });
  assert.deepEqual(ignored, []);
});

it('defaults agree with package.json contributes.configuration', () => {
  // Users see the package.json defaults in the Settings UI; the code must act on the same ones.
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
  const props = pkg.contributes.configuration.properties;
  for (const [field, value] of Object.entries(DEFAULT_SETTINGS)) {
    const key = SETTING_KEYS[field as keyof Settings];
    assert.ok(props[`edpDesigner.${key}`], `package.json lacks edpDesigner.${key}`);
    assert.deepEqual(props[`edpDesigner.${key}`].default, value, `default of edpDesigner.${key}`);
  }
});

it('valid values are taken as given', () => {
  const { settings, ignored } = readSettings(from({
    enable: false, run: 'onSave', debounceMs: 0, maxProblems: 5, maxFileSizeMB: 0.5,
    rules: { 'tlb/imbalance': 'off', 'ref/unknown-nic': 'warning' },
    model: { 'tlb.utilization': 0.8 }, 'codeLens.enable': false,
  }));
  assert.deepEqual(settings, {
    enable: false, run: 'onSave', debounceMs: 0, maxProblems: 5, maxFileSizeMB: 0.5,
    rules: { 'tlb/imbalance': 'off', 'ref/unknown-nic': 'warning' },
    model: { 'tlb.utilization': 0.8 }, codeLens: false,
  });
  assert.deepEqual(ignored, []);
});

it('a wrong value falls back to its default and is reported, the others still apply', () => {
  const { settings, ignored } = readSettings(from({ enable: 'yes', run: 'always', debounceMs: -5, maxProblems: 0, maxFileSizeMB: 0, model: [1], 'codeLens.enable': 'no' }));
  assert.deepEqual(settings, { ...DEFAULT_SETTINGS, rules: {}, model: {} });
  assert.equal(ignored.length, 7);
  assert.match(ignored.join('\n'), /edpDesigner\.run: "always" is not valid/);
});

it('edpDesigner.maxFileSizeMB stops at edp-check\'s 50 MB: the editor never analyzes a file CI refuses', () => {
  assert.equal(readSettings(from({ maxFileSizeMB: 50 })).settings.maxFileSizeMB, 50);
  const over = readSettings(from({ maxFileSizeMB: 51 }));
  assert.equal(over.settings.maxFileSizeMB, DEFAULT_SETTINGS.maxFileSizeMB);
  assert.match(over.ignored.join('\n'), /edpDesigner\.maxFileSizeMB: 51 is not valid/);
});

it('bad entries of rules and model are dropped one by one', () => {
  const { settings, ignored } = readSettings(from({
    rules: { 'tlb/imbalance': 'off', 'flowcache/churn': 'warn', 'numa/vm-remote': 2 },
    model: { fastPathCyclesPerPacket: 700, slowPathCyclesPerPacket: '2', burstSize: Number.NaN },
  }));
  assert.deepEqual(settings.rules, { 'tlb/imbalance': 'off' });
  assert.deepEqual(settings.model, { fastPathCyclesPerPacket: 700 });
  assert.equal(ignored.length, 4);
  assert.match(ignored.join('\n'), /edpDesigner\.rules\["flowcache\/churn"\]: "warn" is not one of off, info, warning, error/);
});

it('model overrides must name a constant and stay within its bounds', () => {
  // tlb.imbalance is max/mean utilization, so it cannot be below 1; hitRate is a share.
  const { settings, ignored } = readSettings(from({
    model: { 'tlb.imbalance': 0.5, 'flowcache.hitRate': 1.5, 'flowcache.churn': 0.1, fastPathCycles: 700 },
  }));
  assert.deepEqual(settings.model, { 'flowcache.churn': 0.1 });
  assert.equal(ignored.length, 3);
  assert.match(ignored.join('\n'), /fastPathCycles"\]: no model constant has this name/);
});

it('fractional counts are rounded down to whole numbers', () => {
  const { settings } = readSettings(from({ debounceMs: 250.6, maxProblems: 3.9 }));
  assert.equal(settings.debounceMs, 251);
  assert.equal(settings.maxProblems, 3);
});
