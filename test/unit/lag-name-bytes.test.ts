// A LAG name NSX accepts: "the max length of the name is 47-byte in UTF-8 encoding" (NSX REST API,
// Lag). The schema's maxLength counts characters, so a shorter name of multi-byte characters is
// caught by the reference rules, with the byte count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core';

const NIC = { model: 'Intel E810-CQDA2', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: 0, queues: 16 };

function design(lagName: string): string {
  return JSON.stringify({
    version: 1,
    target: { release: 'vcf-9.0', mode: 'edp-performance' },
    hosts: [{
      name: 'esx01',
      cpu: { model: 'Intel Xeon Gold 6430', sockets: 2, coresPerSocket: 32, threadsPerCore: 2, ghz: 2.1, llcMiB: 60 },
      nics: ['vmnic4', 'vmnic5'].map((name) => ({ name, ...NIC })),
      switches: [{
        name: 'vds-edp', mode: 'edp-performance', uplinks: ['vmnic4', 'vmnic5'], mtu: 9000, lcores: [{ numaNode: 0, count: 4 }],
        lags: [{ name: lagName, uplinks: ['vmnic4', 'vmnic5'], mode: 'active', loadBalancing: 'src-mac' }],
        teaming: { policy: 'failover-order', active: [lagName] },
      }],
    }],
  });
}

const nameErrors = (lagName: string) =>
  analyze(design(lagName)).findings.filter((f) => f.severity === 'error' && f.path === '/hosts/0/switches/0/lags/0/name').map((f) => `${f.rule} ${f.message}`);

describe('LAG names: at most 47 bytes in UTF-8', () => {
  it('47 bytes pass, whatever the characters: 47 ASCII letters, or 23 two-byte letters and one ASCII', () => {
    assert.deepEqual(nameErrors('l'.repeat(47)), []);
    assert.deepEqual(nameErrors(`${'é'.repeat(23)}x`), []);
  });

  it('fewer than 47 characters but more than 47 bytes: schema/invalid with the byte count', () => {
    // 16 CJK characters are 48 bytes; 12 emoji (two UTF-16 units, four bytes each) are 48.
    for (const name of ['中'.repeat(16), '🙂'.repeat(12)]) {
      const errors = nameErrors(name);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /^schema\/invalid LAG name ".*" of switch "vds-edp" is 48 bytes in UTF-8; NSX allows at most 47 bytes/);
    }
  });

  it('more than 47 characters is the schema\'s own maxLength, said once', () => {
    const errors = nameErrors('l'.repeat(48));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^schema\/invalid /);
  });
});
