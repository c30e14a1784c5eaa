// docs/IMPORT-ESXI.md stays true: each sample output it shows is recognised on its own, and the
// samples as a folder of one file per command (in either order) import into the host they describe.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { importHosts, readEsxiOutput } from '../../src/core';

const DOC = readFileSync(resolve(__dirname, '../../../docs/IMPORT-ESXI.md'), 'utf8');

/** The fenced blocks of "## Sample output per command", each with the caption line above it. */
function samples(): { caption: string; text: string }[] {
  const section = DOC.slice(DOC.indexOf('## Sample output per command'));
  const out: { caption: string; text: string }[] = [];
  for (const m of section.matchAll(/\n([^\n]*)\n```\n([\s\S]*?)\n```/g)) out.push({ caption: m[1], text: `${m[2]}\n` });
  return out;
}

describe('docs/IMPORT-ESXI.md samples', () => {
  const all = samples();

  it('every sample is an output the importer recognises by its own shape', () => {
    assert.ok(all.length >= 15, `${all.length} samples`);
    for (const s of all) assert.ok(readEsxiOutput(s.text).recognised, `not recognised: ${s.caption}`);
  });

  for (const [order, list] of [['in the order shown', all], ['reversed', [...all].reverse()]] as const) {
    it(`one file per command, ${order}, import into the host the samples describe`, () => {
      const r = importHosts(list.map((s, i) => ({ name: `sample-${String(i).padStart(2, '0')}.txt`, text: s.text })));
      assert.deepEqual(r.kinds.map((k) => k.kind), list.map(() => 'esxi'));
      assert.equal(r.topology.hosts.length, 1, r.notes.join('\n'));
      const host = r.topology.hosts[0];
      assert.equal(host.name, 'esx01.lab.example');
      assert.deepEqual(host.cpu, { model: 'Intel(R) Xeon(R) Gold 6430 CPU @ 2.10GHz', sockets: 2, coresPerSocket: 32, threadsPerCore: 2, ghz: 2.1, llcMiB: 60 });
      // vmnic4: speed from the nic list, NUMA node from the vsish block of another file (joined by PCI address)
      assert.deepEqual(host.nics.find((n) => n.name === 'vmnic4'), { name: 'vmnic4', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: 0 });
      assert.equal(host.nics.find((n) => n.name === 'vmnic3')?.numaNode, 1);
      const sw = host.switches.find((s) => s.name === 'vds-edp');
      assert.ok(sw, JSON.stringify(host.switches));
      assert.equal(sw.mode, 'edp-performance');
      assert.equal(sw.mtu, 9000);
      assert.deepEqual([...sw.uplinks].sort(), ['vmnic4', 'vmnic5']);
      assert.deepEqual(sw.lcores, [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 1 }]);
      assert.equal(sw.lcoreAssignment, 'vnic-count');
      assert.equal(sw.rxRingSize, 4096);
      const lcore0 = sw.measured?.lcores.find((l) => l.lcore === 0);
      assert.equal(lcore0?.numaNode, 0);
      assert.equal(lcore0?.flows, 4000);
      assert.equal(lcore0?.hitRate, 0.989);
      assert.ok(!r.notes.some((n) => /in an earlier input but/.test(n)), `the samples agree: ${r.notes.join('\n')}`);
    });
  }
});
