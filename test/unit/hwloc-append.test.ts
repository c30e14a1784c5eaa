// Appending an imported host to an existing file must keep the user's comments and layout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { appendHostEdits, applyTextEdits } from '../../src/core';

const host = { name: 'esx-02', cpu: { sockets: 2, coresPerSocket: 8, llcMiB: 20 }, nics: [], switches: [] };
const append = (text: string) => applyTextEdits(text, appendHostEdits(text, host));

describe('appendHostEdits', () => {
  it('appends after the last host, keeping comments and the file\'s 4-space indentation', () => {
    const text = [
      '{',
      '    // rack A, first floor',
      '    "version": 1,',
      '    "target": { "release": "vcf-9.0", "mode": "edp-standard" },',
      '    "hosts": [',
      '        { "name": "esx-01", "cpu": { "sockets": 1, "coresPerSocket": 4, "ghz": 2, "llcMiB": 8 }, "nics": [], "switches": [] } // the old one',
      '    ]',
      '}',
      '',
    ].join('\n');
    const out = append(text);
    assert.ok(out.includes('// rack A, first floor') && out.includes('// the old one'), out);
    assert.deepEqual(parse(out).hosts.map((h: { name: string }) => h.name), ['esx-01', 'esx-02']);
    assert.deepEqual(parse(out).hosts[1], host);
    // The new host lines up with esx-01 (8 spaces); its fields at 12, the cpu's fields at 16.
    assert.match(out, /\n {8}\{\n {12}"name": "esx-02",\n {12}"cpu": \{\n {16}"sockets": 2,/, out);
    assert.match(out, /"esx-01".*\}, \/\/ the old one\n/, 'the old host and its comment stay on their line');
    assert.ok(out.startsWith(text.slice(0, text.indexOf('"hosts"'))), 'the text before hosts is untouched');
  });

  it('an empty hosts array, CRLF line endings and a byte-order mark', () => {
    const text = '\uFEFF{\r\n  "version": 1,\r\n  "hosts": []\r\n}\r\n';
    const out = append(text);
    assert.equal(out.charCodeAt(0), 0xfeff);
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
    assert.deepEqual(parse(out.slice(1)).hosts, [host]);
  });

  it('a file without hosts gets the array; tabs stay tabs', () => {
    const text = '{\n\t"version": 1 /* keep */\n}\n';
    const out = append(text);
    assert.ok(out.includes('/* keep */'));
    assert.deepEqual(parse(out).hosts, [host]);
    assert.match(out, /\n\t\t\{|\n\t"hosts"/);
    assert.ok(!/\n {2}"/.test(out), 'no space indentation');
  });
});
