// Quick fixes (src/core/fixes): each one makes its finding go away, keeps the user's comments and
// formatting, and offers what the rule's message advises.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createScanner, parse, SyntaxKind } from 'jsonc-parser';
import { type Analysis, analyze, type AnalyzeOptions } from '../../src/core/analyze';
import type { Finding } from '../../src/core/findings';
import { applyTextEdits, disableRuleEdits, formattingOptionsOf, quickFixes, ruleSectionLine } from '../../src/core/fixes';
import { pointerSegments } from '../../src/core/pointer';
import { RULES } from '../../src/core/rules/registry';
import type { Topology } from '../../src/core/topology';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const MISTAKES = readFileSync(join(ROOT, 'examples', 'mistakes.edp.json'), 'utf8');

/** The topology as a JSONC file with a comment on every line that opens an object or array. */
function jsonc(t: Topology): string {
  let n = 0;
  const body = JSON.stringify(t, null, 2).replace(/([{[])\n/g, (_, open: string) => `${open} // note ${++n}\n`);
  return `// A topology for a quick-fix test.\n${body}\n`;
}

function commentsOf(text: string): string[] {
  const scanner = createScanner(text);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) out.push(scanner.getTokenValue());
  }
  return out;
}

/** The finding of `rule` at `path`, or the first of `rule` when no path is given. */
function findingAt(a: Analysis, rule: string, path?: string): Finding | undefined {
  return a.findings.find((f) => f.rule === rule && (path === undefined || f.path === path));
}

const segmentsOf = (path: string) => pointerSegments(path);

/**
 * Applies the fix titled `title` (or the preferred one) to the finding of `rule` at `at` (or
 * its first), asserts the finding is gone, every comment is still there and the file is no
 * less valid; returns the new text and the finding's path.
 */
function applyFix(text: string, rule: string, at?: string, title?: string, options: AnalyzeOptions = {}): { after: string; path: string } {
  const before = analyze(text, options);
  const finding = findingAt(before, rule, at);
  const path = finding?.path ?? String(at);
  assert.ok(finding, `${rule} at ${path} before the fix; found: ${before.findings.map((f) => `${f.rule} ${f.path}`).join(', ')}`);
  const fixes = quickFixes(text, before, finding);
  const fix = title === undefined ? fixes.find((f) => f.preferred) : fixes.find((f) => f.title === title);
  assert.ok(fix, `fix ${title ?? '(preferred)'} among ${JSON.stringify(fixes.map((f) => f.title))}`);
  const after = applyTextEdits(text, fix.edits);
  const analysis = analyze(after, options);
  assert.equal(findingAt(analysis, rule, path), undefined, `${rule} at ${path} after "${fix.title}"`);
  assert.deepEqual(commentsOf(after), commentsOf(text), 'comments survive the fix');
  const broken = (a: Analysis) => a.findings.filter((f) => f.rule === 'parse/invalid-json' || f.rule === 'schema/invalid').map((f) => f.path);
  assert.deepEqual(broken(analysis), broken(before), 'the fix keeps the file as valid as it was');
  return { after, path };
}

function titlesOf(text: string, rule: string, path?: string, options: AnalyzeOptions = {}): string[] {
  const a = analyze(text, options);
  const f = findingAt(a, rule, path);
  assert.ok(f, `${rule} at ${path}`);
  return quickFixes(text, a, f).map((x) => x.title + (x.preferred ? ' (preferred)' : ''));
}

const valueAt = (text: string, path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], parse(text));

describe('quick fixes: references (examples/mistakes.edp.json)', () => {
  it('ref/unknown-nic: changes the uplink "vmnic7" to the closest unused NIC, the closest preferred', () => {
    assert.deepEqual(titlesOf(MISTAKES, 'ref/unknown-nic'), ['Change to "vmnic5" (preferred)', 'Change to "vmnic6"']);
    const { after, path } = applyFix(MISTAKES, 'ref/unknown-nic');
    assert.equal(valueAt(after, segmentsOf(path)), 'vmnic5');
  });

  it('ref/unknown-nic: never proposes a NIC the switch already uses', () => {
    const h = host({ nics: [nic('vmnic0'), nic('vmnic1')], switches: [edpSwitch('vds', ['vmnic0', 'vmnic'], [{ numaNode: 0, count: 1 }])] });
    assert.deepEqual(titlesOf(jsonc(topology([h])), 'ref/unknown-nic', '/hosts/0/switches/0/uplinks/1'), ['Change to "vmnic1" (preferred)']);
  });

  it('ref/unknown-switch: changes "vds-edp2" to the closest switch', () => {
    assert.deepEqual(titlesOf(MISTAKES, 'ref/unknown-switch'), ['Change to "vds-edp" (preferred)']);
    const { after, path } = applyFix(MISTAKES, 'ref/unknown-switch');
    assert.equal(valueAt(after, segmentsOf(path)), 'vds-edp');
  });

  it('ref/unknown-switch: with no close name, offers the host\'s switches, none preferred', () => {
    const h = host({ vms: [loadVm('app', 0, 1e5, 'uplink-net')] });
    assert.deepEqual(titlesOf(jsonc(topology([h])), 'ref/unknown-switch', '/hosts/0/vms/0/vnics/0/switch'), ['Change to "vds"']);
  });

  it('ref/unknown-numa-node: changes node 2 to the existing nodes, the nearest first and preferred', () => {
    assert.deepEqual(titlesOf(MISTAKES, 'ref/unknown-numa-node'), ['Change to NUMA node 1 (preferred)', 'Change to NUMA node 0']);
    const { after, path } = applyFix(MISTAKES, 'ref/unknown-numa-node');
    assert.equal(valueAt(after, segmentsOf(path)), 1);
  });
});

describe('quick fixes: every fix offered on the examples clears its finding', () => {
  for (const name of readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.edp.json'))) {
    it(name, () => {
      const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
      const before = analyze(text);
      const count = (a: Analysis, f: Finding) => a.findings.filter((g) => g.rule === f.rule && g.path === f.path).length;
      for (const finding of before.findings) {
        const fixes = quickFixes(text, before, finding);
        assert.ok(fixes.filter((f) => f.preferred).length <= 1, `at most one preferred fix for ${finding.rule}`);
        for (const fix of fixes) {
          const after = applyTextEdits(text, fix.edits);
          assert.ok(count(analyze(after), finding) < count(before, finding), `"${fix.title}" clears ${finding.rule} at ${finding.path}`);
          assert.deepEqual(commentsOf(after), commentsOf(text));
        }
      }
    });
  }
});

describe('quick fixes: NUMA', () => {
  it('numa/vm-remote: moves the VM to its uplink NIC\'s node', () => {
    const switches = [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 1 }])];
    const text = jsonc(topology([host({ switches, vms: [loadVm('app', 1, 1e6)] })]));
    assert.deepEqual(titlesOf(text, 'numa/vm-remote', '/hosts/0/vms/0/numaNode'), ['Move VM "app" to NUMA node 0 (preferred)']);
    const { after } = applyFix(text, 'numa/vm-remote', '/hosts/0/vms/0/numaNode');
    assert.equal(valueAt(after, ['hosts', 0, 'vms', 0, 'numaNode']), 0);
  });

  it('numa/vm-remote: with local uplinks but no lcores on the VM\'s node, adds lcores there', () => {
    const h = host({
      nics: [nic('vmnic0', 0), nic('vmnic1', 1)],
      switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 2 }])],
      vms: [loadVm('app', 1, 1e6)],
    });
    const text = jsonc(topology([h]));
    assert.deepEqual(titlesOf(text, 'numa/vm-remote', '/hosts/0/vms/0/numaNode'), ['Add 2 lcores on NUMA node 1 to switch "vds" (preferred)']);
    const { after } = applyFix(text, 'numa/vm-remote', '/hosts/0/vms/0/numaNode');
    assert.deepEqual(valueAt(after, ['hosts', 0, 'switches', 0, 'lcores']), [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }]);
  });

  it('numa/lcore-remote-nic: adds a group like the existing one on the NIC\'s node', () => {
    const h = host({ nics: [nic('vmnic0', 0), nic('vmnic1', 1)], switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 3 }])] });
    const text = jsonc(topology([h]));
    const path = '/hosts/0/switches/0/uplinks/1';
    assert.deepEqual(titlesOf(text, 'numa/lcore-remote-nic', path), ['Add 3 lcores on NUMA node 1 to switch "vds" (preferred)']);
    const { after } = applyFix(text, 'numa/lcore-remote-nic', path);
    assert.deepEqual(valueAt(after, ['hosts', 0, 'switches', 0, 'lcores']), [{ numaNode: 0, count: 3 }, { numaNode: 1, count: 3 }]);
  });

  it('numa/lcore-remote-nic: a switch without lcores keeps its default lcore on the first node', () => {
    const sw = { name: 'vds', mode: 'edp-standard' as const, uplinks: ['vmnic1'] };
    const text = jsonc(topology([host({ nics: [nic('vmnic0', 0), nic('vmnic1', 1)], switches: [sw] })]));
    const { after } = applyFix(text, 'numa/lcore-remote-nic', '/hosts/0/switches/0/uplinks/0');
    assert.deepEqual(valueAt(after, ['hosts', 0, 'switches', 0, 'lcores']), [{ numaNode: 0, count: 1 }, { numaNode: 1, count: 1 }]);
  });
});

describe('quick fixes: flow cache', () => {
  const path = findingAt(analyze(MISTAKES), 'flowcache/low-hit-rate')?.path;

  it('flowcache/low-hit-rate: raises entries to the smallest power of two that clears it, with the predicted hit rate', () => {
    const titles = titlesOf(MISTAKES, 'flowcache/low-hit-rate', path);
    assert.equal(titles.length, 1);
    // Not free: the title states the LLC the bigger tables take (the model's flowTableBytes grow by it).
    const mib = Number(/^Raise flowCache\.entries to 131072 \(predicted hit rate 99\.8%, \+(\d+\.\d) MiB of LLC for flow tables\) \(preferred\)$/.exec(titles[0])?.[1]);
    assert.ok(mib > 0, titles[0]);
    const { after } = applyFix(MISTAKES, 'flowcache/low-hit-rate', path);
    const grown = analyze(after).model!.hosts[0].switches[0].mbuf.flowTableBytes - analyze(MISTAKES).model!.hosts[0].switches[0].mbuf.flowTableBytes;
    assert.equal((grown / 2 ** 20).toFixed(1), mib.toFixed(1));
    assert.equal(valueAt(after, [...segmentsOf(path!), 'entries']), 131072);
    // The smallest: half the size still fires.
    const half = applyTextEdits(after, [{ offset: after.indexOf('131072'), length: 6, newText: '65536' }]);
    assert.ok(findingAt(analyze(half), 'flowcache/low-hit-rate', path));
  });

  it('flowcache/low-hit-rate: uses the threshold in effect (settings)', () => {
    // At 0.80 instead of 0.90 a smaller cache is enough, and the finding's own advice agrees.
    const lenient = { model: { 'flowcache.hitRate': 0.8 } };
    assert.match(titlesOf(MISTAKES, 'flowcache/low-hit-rate', path, lenient).join('\n'), /^Raise flowCache\.entries to 65536 \(predicted hit rate 87\.4%, \+\d+\.\d MiB of LLC for flow tables\) \(preferred\)$/);
    assert.match(findingAt(analyze(MISTAKES, lenient), 'flowcache/low-hit-rate', path)!.message, /Raise flowCache\.entries to 65,536 for a 87\.4% hit rate/);
    applyFix(MISTAKES, 'flowcache/low-hit-rate', path, undefined, lenient);
  });

  it('flowcache/low-hit-rate: adds flowCache when the switch has none', () => {
    const h = host({ vms: [loadVm('app', 0, 1e6, 'vds', 1, { flows: 100000, zipf: 0.9 })] });
    const text = jsonc(topology([h]));
    const { after } = applyFix(text, 'flowcache/low-hit-rate', '/hosts/0/switches/0/name');
    assert.equal(typeof valueAt(after, ['hosts', 0, 'switches', 0, 'flowCache', 'entries']), 'number');
  });

  it('flowcache/low-hit-rate: no fix when no size within 524288 reaches the threshold', () => {
    const h = host({ vms: [loadVm('app', 0, 1e6, 'vds', 1, { flows: 50_000_000, zipf: 0 })] });
    assert.deepEqual(titlesOf(jsonc(topology([h])), 'flowcache/low-hit-rate', '/hosts/0/switches/0/name'), []);
  });
});

// The readiness rules land separately: these fixes are tested on findings made by hand at the
// paths those rules report.
describe('quick fixes: readiness (hand-made findings)', () => {
  const fixesFor = (text: string, rule: string, path: string) => quickFixes(text, analyze(text), { rule, kind: 'readiness', path, about: {}, severity: 'warning', message: '' });
  const base = (sw: object) => jsonc(topology([host({ switches: [{ ...edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }]), ...sw }] })]));

  it('readiness/mtu: sets the switch\'s MTU to 9000 (preferred) or 1700', () => {
    const text = base({ mtu: 1500 });
    const fixes = fixesFor(text, 'readiness/mtu', '/hosts/0/switches/0/mtu');
    assert.deepEqual(fixes.map((f) => [f.title, !!f.preferred]), [['Set MTU to 9000', true], ['Set MTU to 1700', false]]);
    for (const [fix, mtu] of [[fixes[0], 9000], [fixes[1], 1700]] as const) {
      const after = applyTextEdits(text, fix.edits);
      assert.equal(valueAt(after, ['hosts', 0, 'switches', 0, 'mtu']), mtu);
      assert.deepEqual(commentsOf(after), commentsOf(text));
    }
  });

  it('readiness/mtu: adds mtu to a switch that has none', () => {
    const text = base({});
    const [fix] = fixesFor(text, 'readiness/mtu', '/hosts/0/switches/0');
    const after = applyTextEdits(text, fix.edits);
    assert.equal(valueAt(after, ['hosts', 0, 'switches', 0, 'mtu']), 9000);
    assert.deepEqual(commentsOf(after), commentsOf(text));
    assert.deepEqual(analyze(after).findings.filter((f) => f.rule.startsWith('parse/') || f.rule.startsWith('schema/')), []);
  });

  it('readiness/flow-table-size: rounds up to a power of two within 4..524288', () => {
    const cases: [number, number, [string, boolean][]][] = [
      [5000, 8192, [['Round flowCache.entries up to 8192 (a power of two)', true], ['Round flowCache.entries down to 4096 (a power of two)', false]]],
      [1000000, 524288, [['Set flowCache.entries to 524288 (the most NSX allows)', true]]],
      [2, 4, [['Set flowCache.entries to 4 (the least NSX allows)', true]]],
    ];
    for (const [entries, expected, titles] of cases) {
      const text = base({ flowCache: { entries } });
      const fixes = fixesFor(text, 'readiness/flow-table-size', '/hosts/0/switches/0/flowCache/entries');
      assert.deepEqual(fixes.map((f) => [f.title, !!f.preferred]), titles);
      const after = applyTextEdits(text, fixes[0].edits);
      assert.equal(valueAt(after, ['hosts', 0, 'switches', 0, 'flowCache', 'entries']), expected);
      assert.deepEqual(commentsOf(after), commentsOf(text));
    }
    assert.deepEqual(fixesFor(base({ flowCache: { entries: 4096 } }), 'readiness/flow-table-size', '/hosts/0/switches/0/flowCache/entries'), []);
  });
});

describe('quick fixes: readiness (through analyze)', () => {
  const rackA = readFileSync(join(ROOT, 'examples', 'rack-a.edp.json'), 'utf8');

  it('readiness/mtu: both MTU fixes clear a 1500 MTU, and a missing mtu', () => {
    const low = rackA.replace('"mtu": 9000', '"mtu": 1500');
    assert.deepEqual(titlesOf(low, 'readiness/mtu', '/hosts/0/switches/0/mtu'), ['Set MTU to 9000 (preferred)', 'Set MTU to 1700']);
    applyFix(low, 'readiness/mtu', '/hosts/0/switches/0/mtu', 'Set MTU to 9000');
    applyFix(low, 'readiness/mtu', '/hosts/0/switches/0/mtu', 'Set MTU to 1700');
    const missing = rackA.replace('"mtu": 9000,', '');
    const { after } = applyFix(missing, 'readiness/mtu', '/hosts/0/switches/0');
    assert.equal(valueAt(after, ['hosts', 0, 'switches', 0, 'mtu']), 9000);
  });

  it('readiness/flow-table-size: both roundings clear it', () => {
    const odd = rackA.replace('"entries": 65536', '"entries": 5000');
    const path = '/hosts/0/switches/0/flowCache/entries';
    assert.equal(valueAt(applyFix(odd, 'readiness/flow-table-size', path).after, segmentsOf(path)), 8192);
    assert.equal(valueAt(applyFix(odd, 'readiness/flow-table-size', path, 'Round flowCache.entries down to 4096 (a power of two)').after, segmentsOf(path)), 4096);
  });
});

describe('quick fixes: formatting and the rest', () => {
  it('keeps tabs and CRLF line endings', () => {
    const tabbedCrlf = (text: string) => text.replace(/^( +)/gm, (s) => '\t'.repeat(s.length / 2)).replace(/\n/g, '\r\n');
    const h = host({ nics: [nic('vmnic0', 0), nic('vmnic1', 1)], switches: [edpSwitch('vds', ['vmnic0', 'vmnic1'], [{ numaNode: 0, count: 3 }])] });
    const text = tabbedCrlf(jsonc(topology([h])));
    assert.deepEqual(formattingOptionsOf(text), { insertSpaces: false, tabSize: 4, eol: '\r\n' });
    // Adding an lcore group inserts lines: tab-indented, ending in CRLF.
    const { after } = applyFix(text, 'numa/lcore-remote-nic', '/hosts/0/switches/0/uplinks/1');
    assert.ok(after.length > text.length);
    assert.equal(after.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.equal(/^ +/m.test(after), false, 'no space indentation');
    assert.match(after, /\r\n\t+"numaNode": 1,\r\n\t+"count": 3\r\n/);
  });

  it('infers the indent size of a space-indented file', () => {
    assert.deepEqual(formattingOptionsOf('{\n    "version": 1\n}\n'), { insertSpaces: true, tabSize: 4, eol: '\n' });
    assert.deepEqual(formattingOptionsOf(MISTAKES), { insertSpaces: true, tabSize: 2, eol: '\n' });
  });

  it('rules without a concrete repair have no fixes', () => {
    const a = analyze(MISTAKES);
    const dup = a.findings.find((f) => f.rule === 'ref/duplicate-name')!;
    assert.deepEqual(quickFixes(MISTAKES, a, dup), []);
  });

  it('disableRuleEdits turns the rule off in the file\'s "rules", which silences it', () => {
    const after = applyTextEdits(MISTAKES, disableRuleEdits(MISTAKES, 'ref/unknown-nic'));
    assert.deepEqual(valueAt(after, ['rules']), { 'ref/unknown-nic': 'off' });
    assert.equal(analyze(after).findings.some((f) => f.rule === 'ref/unknown-nic'), false);
    assert.deepEqual(commentsOf(after), commentsOf(MISTAKES));
    // A second rule joins the existing object.
    const again = applyTextEdits(after, disableRuleEdits(after, 'flowcache/low-hit-rate'));
    assert.deepEqual(valueAt(again, ['rules']), { 'ref/unknown-nic': 'off', 'flowcache/low-hit-rate': 'off' });
    assert.equal(analyze(again).findings.some((f) => f.rule === 'flowcache/low-hit-rate'), false);
  });

  it('ruleSectionLine finds the section of every rule in docs/RULES.md', () => {
    const md = readFileSync(join(ROOT, 'docs', 'RULES.md'), 'utf8');
    const lines = md.split('\n');
    for (const { id } of RULES) {
      const line = ruleSectionLine(md, id);
      assert.ok(line !== undefined, id);
      assert.equal(lines[line].trim(), `### ${id}`);
    }
    assert.equal(ruleSectionLine(md, 'no/such-rule'), undefined);
  });
});

describe('quick fixes: structural mistakes (schema/invalid)', () => {
  const base = () => jsonc(topology([host({ switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }], { rxRingSize: 1024 })] })]));
  const schemaFindings = (text: string) => analyze(text).findings.filter((f) => f.rule === 'schema/invalid');

  /** The text a snippet inserts when the user accepts every default: `${1:x}` → x, `${2|a,b|}` → a, `$3` → nothing. */
  function expand(snippet: string): string {
    return snippet
      .replace(/\$\{\d+\|((?:\\.|[^,|\\])*)[,|][^}]*\}/g, (_, first: string) => first)
      .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, value: string) => value)
      .replace(/\$\d+/g, '')
      .replace(/\\([\\$}|,])/g, '$1');
  }

  /** The one fix titled `title` on the only schema/invalid finding: applied, every structural finding is gone and the comments stay. */
  function fixStructure(text: string, title: string): { after: string; fix: ReturnType<typeof quickFixes>[number] } {
    const before = analyze(text);
    const [finding, ...more] = before.findings.filter((f) => f.rule === 'schema/invalid');
    assert.ok(finding, 'a structural finding to fix');
    assert.deepEqual(more, [], 'one structural mistake');
    const fixes = quickFixes(text, before, finding);
    const fix = fixes.find((f) => f.title === title);
    assert.ok(fix, `"${title}" among ${JSON.stringify(fixes.map((f) => f.title))}`);
    assert.equal(fix.preferred, true, 'the one obvious repair is preferred');
    const after = applyTextEdits(text, fix.edits);
    assert.deepEqual(schemaFindings(after), [], `no structural finding after "${title}"`);
    assert.deepEqual(commentsOf(after), commentsOf(text), 'comments survive the fix');
    return { after, fix };
  }

  it('renames a misspelled key to the suggestion of the message', () => {
    const text = base().replace('"rxRingSize"', '"rxRingSzie"');
    assert.match(schemaFindings(text)[0].message, /Did you mean "rxRingSize"\? Rename it/);
    const { after } = fixStructure(text, 'Rename "rxRingSzie" to "rxRingSize"');
    assert.equal(valueAt(after, ['hosts', 0, 'switches', 0, 'rxRingSize']), 1024);
  });

  it('renames a rule id written in capitals in the file\'s "rules"', () => {
    const text = base().replace(/\n\}\n$/, ',\n  "rules": { "TLB/Imbalance": "off" }\n}\n');
    const { after } = fixStructure(text, 'Rename "TLB/Imbalance" to "tlb/imbalance"');
    assert.equal(valueAt(after, ['rules', 'tlb/imbalance']), 'off');
  });

  it('offers no rename for a property that belongs in another object, nor onto a key the object already has', () => {
    const misplaced = base().replace('"name": "esx-01",', '"name": "esx-01", "mtu": 9000,');
    const [f] = schemaFindings(misplaced);
    assert.match(f.message, /belongs in a switch/);
    assert.deepEqual(quickFixes(misplaced, analyze(misplaced), f), []);
    const twice = base().replace('"rxRingSize": 1024', '"rxRingSize": 1024, "rxRingSzie": 512');
    const [g] = schemaFindings(twice);
    assert.deepEqual(quickFixes(twice, analyze(twice), g).map((x) => x.title), []);
  });

  it('inserts a missing required number with a tab stop on its value', () => {
    const text = base().replace(/,\s*"speedGbps": 100/, '');
    const { after, fix } = fixStructure(text, 'Add the required property "speedGbps"');
    assert.equal(typeof valueAt(after, ['hosts', 0, 'nics', 0, 'speedGbps']), 'number');
    assert.ok(fix.snippet, 'a snippet for editors');
    assert.match(fix.snippet.text, /"speedGbps": \$\{1:\d+\}/);
    // Accepting the snippet's defaults gives the same text as the plain edit.
    assert.equal(expand(fix.snippet.text), fix.edits[fix.snippet.edit].newText);
  });

  it('inserts a missing object with its required fields, each a tab stop', () => {
    const text = base().replace(/"cpu": \{[^}]*\},/, '');
    assert.notEqual(text, base());
    const { after, fix } = fixStructure(text, 'Add the required property "cpu"');
    const cpu = valueAt(after, ['hosts', 0, 'cpu']) as Record<string, unknown>;
    assert.ok(typeof cpu.sockets === 'number' && typeof cpu.coresPerSocket === 'number', JSON.stringify(cpu));
    assert.match(fix.snippet!.text, /\$\{1:[^}]*\}.*\$\{2:[^}]*\}/s);
    assert.equal(expand(fix.snippet!.text), fix.edits[fix.snippet!.edit].newText);
  });

  it('inserts a missing choice as a snippet choice of the allowed values', () => {
    const text = base().replace(/"mode": "edp-standard"\s*\}/, '"release": "vcf-9.0" }').replace(/"release": "vcf-9.0",\s*"release"/, '"release"');
    const [f] = schemaFindings(text);
    assert.match(f?.message ?? '', /missing the required property "mode"/);
    const { fix } = fixStructure(text, 'Add the required property "mode"');
    assert.match(fix.snippet!.text, /\$\{1\|"[^"]+",/);
  });

  it('unquotes a quoted number, and leaves a quoted fraction where a whole number belongs', () => {
    const text = base().replace('"rxRingSize": 1024', '"rxRingSize": "1024"');
    const { after } = fixStructure(text, 'Remove the quotes: 1024');
    assert.equal(valueAt(after, ['hosts', 0, 'switches', 0, 'rxRingSize']), 1024);
    const fraction = base().replace('"rxRingSize": 1024', '"rxRingSize": "10.5"');
    const [f] = schemaFindings(fraction);
    assert.deepEqual(quickFixes(fraction, analyze(fraction), f), []);
  });
});
