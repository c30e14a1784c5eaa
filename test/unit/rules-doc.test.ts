// docs/RULES.md documents every rule id of the registry, under the anchor ruleDocUrl() links to.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, RULES_DOC_URL, ruleDocUrl } from '../../src/core/rules/registry';

const doc = fs.readFileSync(path.join(__dirname, '../../../docs/RULES.md'), 'utf8').replace(/\r\n/g, '\n');
const lines = doc.split('\n');

/** The anchor a rule's section carries: every run outside [a-z0-9] becomes '-'. */
function anchorOf(id: string): string {
  return id.replace(/[^a-z0-9]+/g, '-');
}

const anchorLine = /^<a id="([^"]+)"><\/a>\s*$/;
const sectionAnchors = lines.flatMap((l) => anchorLine.exec(l)?.[1] ?? []);
const sectionHeadings = lines.flatMap((l) => /^### (.+?)\s*$/.exec(l)?.[1] ?? []);

it('ruleDocUrl() links to the anchor the doc uses', () => {
  for (const rule of RULES) {
    assert.equal(ruleDocUrl(rule.id).split('#')[1], anchorOf(rule.id), rule.id);
  }
  assert.equal(anchorOf('parse/invalid-json'), 'parse-invalid-json');
});

it('every rule has its anchor, directly followed by its heading', () => {
  for (const rule of RULES) {
    const i = lines.findIndex((l) => anchorLine.exec(l)?.[1] === anchorOf(rule.id));
    assert.ok(i >= 0, `RULES.md has no <a id="${anchorOf(rule.id)}"></a> for ${rule.id}`);
    assert.equal(lines[i + 1], `### ${rule.id}`, `the anchor of ${rule.id} must be followed by its heading`);
  }
});

it('the doc has no section for an unknown rule id, and none twice', () => {
  const ids = new Set(RULES.map((r) => r.id));
  const anchors = new Set(RULES.map((r) => anchorOf(r.id)));
  for (const a of sectionAnchors) assert.ok(anchors.has(a), `RULES.md has an anchor "${a}" for no known rule`);
  for (const h of sectionHeadings) assert.ok(ids.has(h), `RULES.md has a section "### ${h}" for no known rule`);
  assert.equal(new Set(sectionAnchors).size, sectionAnchors.length, 'an anchor appears twice');
  assert.equal(new Set(sectionHeadings).size, sectionHeadings.length, 'a rule heading appears twice');
});

it('sections follow registry order', () => {
  assert.deepEqual(sectionHeadings, RULES.map((r) => r.id));
});

it('each section states its default severity as in the registry', () => {
  for (const rule of RULES) {
    const start = lines.indexOf(`### ${rule.id}`);
    const severityLine = lines.slice(start + 1).find((l) => l.startsWith('**Default severity:**'));
    assert.ok(severityLine, `${rule.id} has no **Default severity:** line`);
    assert.match(severityLine, new RegExp(`^\\*\\*Default severity:\\*\\* ${rule.severity}\\b`), rule.id);
  }
});

it('in-page links point at existing anchors', () => {
  const targets = new Set(sectionAnchors);
  // Headings get GitHub's generated anchors too (lower case, punctuation dropped, spaces to '-').
  for (const l of lines) {
    const h = /^#{1,6} (.+)$/.exec(l);
    if (h) targets.add(h[1].trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
  }
  for (const [, target] of doc.matchAll(/\]\(#([^)]+)\)/g)) {
    assert.ok(targets.has(target), `link to #${target} has no target`);
  }
});

it('rule links point into the repository package.json names, and shipped texts link nowhere else on GitHub', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(path.join(__dirname, '..', '..', '..', 'package.json'));
  const repo: string = pkg.repository.url.replace(/\.git$/, '');
  assert.ok(RULES_DOC_URL.startsWith(`${repo}/blob/main/`), RULES_DOC_URL);
  assert.ok(fs.existsSync(path.join(__dirname, '..', '..', '..', RULES_DOC_URL.slice(`${repo}/blob/main/`.length))), 'the linked file is in the repository');
  const root = path.join(__dirname, '..', '..', '..');
  const inDir = (dir: string, ext: string) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`);
  // Every doc and schema a user reads (hovers and messages come from the schemas and the core).
  const shipped = ['package.json', 'README.md', ...inDir('docs', '.md'), ...inDir('schemas', '.json'), ...inDir('schemas/readiness', '.json')];
  for (const file of shipped) {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', file), 'utf8');
    for (const [url] of text.matchAll(/https:\/\/github\.com\/[^\s)"'\]]+/g)) assert.ok(url.startsWith(repo), `${file}: ${url}`);
    // Internal design notes are not part of the repository: shipped texts must not send users there.
    assert.doesNotMatch(text, /\b(DESIGN\.md|domain\.md|NOTES\.md|nsx-and-esxi\.md)\b/, file);
  }
});
