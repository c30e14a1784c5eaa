// The editor's schema features (completion, hover, outline, folding) come from
// vscode-json-languageservice run in process on `edp-json` documents; its validation must stay
// off, so the only diagnostics are the core's (the same as edp-check's).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTopologyJsonService, ParsedTopologies } from '../../src/extension/topologyJson';

const EXAMPLE = readFileSync(join(__dirname, '../../../docs/format-example.edp.json'), 'utf8');
const URI = 'file:///ws/rack.edp.json';

describe('the in-process JSON language service for topology files', () => {
  const service = createTopologyJsonService();
  const open = (text: string, version = 1) => new ParsedTopologies(service).get(URI, version, () => text);

  it('completion offers the switch modes from the bundled schema, each explained', async () => {
    const text = EXAMPLE.replace('"mode": "edp-standard", "uplinks"', '"mode": , "uplinks"');
    const { document, json } = open(text);
    const list = await service.doComplete(document, document.positionAt(text.indexOf('"mode": , "uplinks"') + 8), json);
    assert.deepEqual(list!.items.map((i) => i.label).sort(), ['"edp-dedicated"', '"edp-performance"', '"edp-standard"', '"standard"']);
    assert.ok(list!.items.every((i) => i.documentation), 'each mode is explained');
  });

  it('a new key in a VM completes the properties the VM lacks, as snippets with tab stops', async () => {
    const lacking = EXAMPLE.replace('"vcpus": 8, "latencySensitivity": "high",', '"vcpus": 8,');
    assert.notEqual(lacking, EXAMPLE);
    const at = lacking.indexOf('"numaNode": 0, "vcpus": 8,');
    const text = `${lacking.slice(0, at)}"", ${lacking.slice(at)}`;
    const { document, json } = open(text);
    const list = await service.doComplete(document, document.positionAt(at + 1), json);
    const labels = list!.items.map((i) => i.label);
    const item = list!.items.find((i) => i.label === 'latencySensitivity');
    assert.ok(item, `latencySensitivity offered; got ${JSON.stringify(labels)}`);
    assert.equal(item.insertTextFormat, 2, 'a snippet');
    assert.ok(!labels.includes('vcpus'), 'a property the VM has is not offered again');
  });

  it('hover shows the schema description of a key', async () => {
    const { document, json } = open(EXAMPLE);
    const hover = await service.doHover(document, document.positionAt(EXAMPLE.indexOf('"entries"') + 2), json);
    assert.match(JSON.stringify(hover?.contents ?? ''), /per lcore/);
  });

  it("a file's own \"$schema\" does not take completion away: the bundled schema answers", async () => {
    const text = EXAMPLE.replace('{', '{ "$schema": "./somewhere/else.json",').replace('"mode": "edp-standard", "uplinks"', '"mode": , "uplinks"');
    const { document, json } = open(text);
    const list = await service.doComplete(document, document.positionAt(text.indexOf('"mode": , "uplinks"') + 8), json);
    assert.ok(list!.items.some((i) => i.label === '"edp-standard"'), JSON.stringify(list!.items.map((i) => i.label)));
  });

  it('the outline lists hosts, switches and VMs; folding covers the objects', () => {
    const { document, json } = open(EXAMPLE);
    const symbols = service.findDocumentSymbols2(document, json, { resultLimit: 5000 });
    const hosts = symbols.find((s) => s.name === 'hosts');
    assert.ok(hosts?.children?.length, 'hosts in the outline');
    const names = JSON.stringify(symbols);
    for (const key of ['switches', 'vms', 'nics']) assert.ok(names.includes(`"name":"${key}"`), key);
    const folds = service.getFoldingRanges(document, { rangeLimit: 5000 });
    assert.ok(folds.some((f) => f.startLine === 0 || document.getText().split('\n')[f.startLine].includes('"hosts"')), 'the hosts list folds');
  });

  it('validation is off: a structural mistake gives no diagnostic from the service (the core reports it)', async () => {
    const { document, json } = open(EXAMPLE.replace('"mode": "edp-standard", "uplinks"', '"mode": "edp-fast", "uplinks"').replace('"version": 1', '"version": "1", "nmae": 2'));
    assert.deepEqual(await service.doValidation(document, json), []);
  });

  it('formatting keeps comments and re-indents', () => {
    const { document } = open('// rack\n{"version":1,\n"hosts":[]}');
    const edits = service.format(document, undefined, { tabSize: 2, insertSpaces: true });
    assert.ok(edits.length > 0);
    assert.ok(!edits.some((e) => document.getText(e.range).includes('// rack')), 'the comment is not rewritten');
  });

  it('a document is parsed once per version, and again when it changes', () => {
    const parsed = new ParsedTopologies(service, 2);
    let reads = 0;
    const text = () => (reads++, EXAMPLE);
    const first = parsed.get(URI, 1, text);
    assert.equal(parsed.get(URI, 1, text), first);
    assert.equal(reads, 1);
    assert.notEqual(parsed.get(URI, 2, text), first);
    assert.equal(reads, 2);
    // Only the last few documents are kept.
    parsed.get('file:///a.edp.json', 1, text);
    parsed.get('file:///b.edp.json', 1, text);
    parsed.get(URI, 2, text);
    assert.equal(reads, 5);
  });
});
