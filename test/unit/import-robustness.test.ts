// Whatever a user feeds the importer, it answers: no throw, no invented host, and the lines of
// a real collection in any order still give the same CPU and NICs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, detectKind, importHosts, mergeIntoDesign } from '../../src/core';

const ESX01 = readFileSync(resolve(__dirname, '../../../test/fixtures/import/esx01/edp-esx01-20261201T203000Z.txt'), 'utf8');
const lines = ESX01.split('\n');

/** Text built from pieces of real outputs and noise, as pastes and truncated files are. */
const messy = fc.array(fc.oneof(fc.constantFrom(...lines), fc.string(), fc.constantFrom('{', '}', '[', '(vim.host.HostProxySwitch) {', 'lcoreID : 1', 'Lcore ID  Switch  Affinity', '"lcoreID": 3', 'CPU:0')), { maxLength: 200 }).map((ls) => ls.join('\n'));

describe('importer robustness', () => {
  it('any text: detectKind and importHosts answer without throwing, and every host they make has a name', () => {
    fc.assert(
      fc.property(messy, (text) => {
        detectKind(text);
        const r = importHosts([{ name: 'x.txt', text }]);
        for (const h of r.topology.hosts) assert.ok(h.name.length > 0);
        // whatever came out is a document the checker reads
        analyze(JSON.stringify(r.topology));
      }),
      { numRuns: 150 },
    );
  });

  it('any JSON value: no throw', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        importHosts([{ name: 'x.json', text: JSON.stringify(v) }]);
      }),
      { numRuns: 200 },
    );
  });

  it('the CPU and NIC facts do not depend on which section comes first', () => {
    const blocks = ESX01.split(/\n(?====== )/).filter((b) => !/flow-stats|nsxdp-cli/.test(b));
    const expected = importHosts([{ name: 'a', text: blocks.join('\n') }]).topology.hosts[0];
    fc.assert(
      fc.property(fc.shuffledSubarray(blocks, { minLength: blocks.length, maxLength: blocks.length }), (order) => {
        const h = importHosts([{ name: 'a', text: order.join('\n') }]).topology.hosts[0];
        assert.deepEqual(h.cpu, expected.cpu);
        assert.deepEqual(h.numaNodes, expected.numaNodes);
        assert.deepEqual([...h.nics].sort((a, b) => a.name.localeCompare(b.name)), [...expected.nics].sort((a, b) => a.name.localeCompare(b.name)));
      }),
      { numRuns: 30 },
    );
  });

  it('--into never loses the design: every value the design had is still there', () => {
    const imported = importHosts([{ name: 'a', text: ESX01 }]).topology.hosts;
    fc.assert(
      fc.property(fc.record({ ghz: fc.double({ min: 0.5, max: 5, noNaN: true }), speed: fc.integer({ min: 1, max: 400 }) }), ({ ghz, speed }) => {
        const design = JSON.stringify({ version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts: [{ name: 'esx01', cpu: { sockets: 2, coresPerSocket: 4, ghz }, nics: [{ name: 'vmnic4', speedGbps: speed }], switches: [] }] }, null, 2);
        const r = mergeIntoDesign(design, imported);
        assert.ok(!('error' in r));
        const host = JSON.parse(r.text).hosts[0];
        assert.equal(host.cpu.ghz, ghz);
        assert.equal(host.nics.find((n: { name: string }) => n.name === 'vmnic4').speedGbps, speed);
      }),
      { numRuns: 50 },
    );
  });
});
