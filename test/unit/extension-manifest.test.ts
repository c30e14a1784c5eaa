// package.json is the extension's public face: what VS Code reads must match what the code does.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { it } from 'node:test';
import { MODEL_CONSTANTS } from '../../src/core/model/constants';
import { RULES } from '../../src/core/rules/registry';
import { COMMANDS } from '../../src/extension/commandIds';
import { MAX_FILE_SIZE_MB } from '../../src/extension/settings';
import { TOPOLOGY_LANGUAGE_ID } from '../../src/extension/topologyJson';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require(join(root, 'package.json'));
const contributes = pkg.contributes;

it('settings.json completes exactly the rule ids the core knows', () => {
  const rules = contributes.configuration.properties['edpDesigner.rules'];
  assert.deepEqual(rules.propertyNames.enum, RULES.map((r) => r.id));
  assert.equal(rules.propertyNames.markdownEnumDescriptions.length, RULES.length);
  assert.deepEqual(rules.additionalProperties.enum, ['off', 'info', 'warning', 'error']);
});

it('settings.json offers exactly the model constants, with their defaults and bounds', () => {
  const model = contributes.configuration.properties['edpDesigner.model'];
  assert.equal(model.additionalProperties, false);
  assert.deepEqual(
    Object.entries(model.properties).map(([key, p]) => { const q = p as { default: number; minimum: number; maximum: number }; return [key, q.default, q.minimum, q.maximum]; }),
    MODEL_CONSTANTS.map((c) => [c.key, c.value, c.minimum, c.maximum]),
  );
});

it('every command the code registers is contributed with category EDP, and no other', () => {
  const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  for (const c of contributes.commands) assert.equal(c.category, 'EDP', c.command);
});

it('*.edp.json has its own language, highlighted as JSONC, and no jsonValidation (one set of findings: ours)', () => {
  const [language] = contributes.languages;
  assert.equal(contributes.languages.length, 1);
  assert.equal(language.id, TOPOLOGY_LANGUAGE_ID);
  assert.deepEqual(language.filenamePatterns, ['*.edp.json']);
  assert.ok(language.aliases.includes('EDP Topology'));
  const config = JSON.parse(readFileSync(join(root, language.configuration), 'utf8'));
  assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  const [grammar] = contributes.grammars;
  assert.equal(grammar.language, TOPOLOGY_LANGUAGE_ID);
  const tm = JSON.parse(readFileSync(join(root, grammar.path), 'utf8'));
  assert.equal(tm.scopeName, grammar.scopeName);
  // VS Code's built-in JSON with Comments grammar (extensions/json) does the highlighting.
  assert.deepEqual(tm.patterns, [{ include: 'source.json.comments' }]);
  assert.equal(contributes.jsonValidation, undefined, "VS Code's JSON service must not validate topology files");
  assert.ok(pkg.activationEvents.includes(`onLanguage:${TOPOLOGY_LANGUAGE_ID}`));
  // The language service runs in the extension, so it must ship in the bundle.
  assert.ok(pkg.dependencies['vscode-json-languageservice']);
  assert.ok(readFileSync(join(root, '.vscodeignore'), 'utf8').includes('!syntaxes/**'));
});

it('every file the extension\'s bundles read beside them at run time ships in the package', () => {
  // esbuild.js leaves the schema and the NIC catalog out of dist/extension.js and
  // dist/analysisWorker.js: they require minified copies beside them in dist/.
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
  const read = ['extension.js', 'analysisWorker.js'].flatMap((bundle) => [...readFileSync(join(root, 'dist', bundle), 'utf8').matchAll(/require\("(\.\.?\/[^"]+)"\)/g)].map((m) => posix.join('dist', m[1])));
  assert.ok(read.includes('dist/topology.schema.json'), 'the worker reads the schema from the package');
  assert.ok(read.includes('dist/nic-catalog.json'), 'the worker reads the NIC catalog from the package');
  for (const name of ['topology.schema.json', 'nic-catalog.json']) {
    assert.deepStrictEqual(JSON.parse(readFileSync(join(root, 'dist', name), 'utf8')), JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')), `dist/${name} is schemas/${name}`);
  }
  for (const file of new Set(read)) {
    assert.ok(existsSync(join(root, file)), file);
    assert.ok(ignore.split('\n').includes(`!${file}`), `${file} is shipped (.vscodeignore)`);
  }
  // The report panel's stylesheet (built into dist/) and the package icon are listed by name (media/ also holds the sources).
  for (const file of ['dist/report.css', pkg.icon]) assert.ok(ignore.split('\n').includes(`!${file}`), `${file} is shipped (.vscodeignore)`);
});

it('menus key on the language, not on a file-name pattern', () => {
  const whens = Object.values(contributes.menus as Record<string, { command: string; when?: string }[]>).flat()
    .filter((m) => m.command === COMMANDS.showReport || m.command === COMMANDS.exportReport).map((m) => m.when);
  assert.ok(whens.length >= 3);
  for (const when of whens) assert.equal(when, `resourceLangId == ${TOPOLOGY_LANGUAGE_ID}`);
});

it('activation is narrow, the icon exists and the entry point is the bundle', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  assert.ok(existsSync(join(root, pkg.icon)), pkg.icon);
  assert.equal(pkg.main, './dist/extension.js');
  // Untrusted workspaces: everything but workspace NIC catalogs (workspace-supplied data) and the
  // file-size cap (a workspace must not lift it to make the editor read a huge file).
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['edpDesigner.catalogs', 'edpDesigner.maxFileSizeMB']);
  // The editor's cap never lifts above edp-check's: what the editor analyzes, CI analyzes too.
  assert.equal(contributes.configuration.properties['edpDesigner.maxFileSizeMB'].maximum, MAX_FILE_SIZE_MB);
});
