// ref/no-uplink: a switch written with "uplinks": [] (the schema accepts an empty list) is said
// to carry nothing off the host, with the NICs it could use; a switch with uplinks is not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, createAnalyzer } from '../../src/core';
import type { Topology } from '../../src/core/topology';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const RULE = 'ref/no-uplink';

const design = (uplinks: string[], rules?: Topology['rules']) =>
  JSON.stringify(topology([host({
    nics: [nic('vmnic0', 0), nic('vmnic1', 0), nic('vmnic2', 1)],
    switches: [edpSwitch('vds-mgmt', ['vmnic0'], [{ numaNode: 0, count: 1 }]), edpSwitch('vds-edp', uplinks, [{ numaNode: 0, count: 2 }])],
    vms: [loadVm('fw', 0, 100_000, 'vds-edp')],
  })], rules ? { rules } : {}), null, 2);

describe('ref/no-uplink', () => {
  it('"uplinks": [] is a warning on the key that names the NICs no switch uses', () => {
    const text = design([]);
    const found = analyze(text).findings.filter((f) => f.rule === RULE);
    assert.equal(found.length, 1, JSON.stringify(found));
    const [f] = found;
    assert.equal(f.severity, 'warning');
    assert.equal(f.path, '/hosts/0/switches/1/uplinks');
    assert.match(f.message, /^Switch "vds-edp" has no uplinks: its VMs' traffic cannot leave host "esx-01"/);
    assert.match(f.message, /Name the NICs it uses in "uplinks": vmnic1 or vmnic2 are free\.$/);
    // A list is pointed at by its key, as every finding on an array or object is.
    assert.equal(text.slice(f.span!.offset, f.span!.offset + f.span!.length), '"uplinks"');
    assert.equal(text.slice(f.span!.offset).match(/^"uplinks": (\S+)/)?.[1], '[],');
  });

  it('says so when every NIC of the host is taken', () => {
    const text = JSON.stringify(topology([host({ switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 1 }]), edpSwitch('spare', [], [])] })]));
    const f = analyze(text).findings.find((x) => x.rule === RULE);
    assert.match(f?.message ?? '', /every NIC of host "esx-01" is another switch's uplink: add one to "nics"/);
  });

  it('a switch with uplinks gets none; the file\'s "rules" re-grades it; the incremental analyzer agrees', () => {
    assert.equal(analyze(design(['vmnic1'])).findings.filter((f) => f.rule === RULE).length, 0);
    assert.equal(analyze(design([], { [RULE]: 'error' })).findings.find((f) => f.rule === RULE)?.severity, 'error');
    assert.equal(analyze(design([], { [RULE]: 'off' })).findings.filter((f) => f.rule === RULE).length, 0);
    const analyzer = createAnalyzer();
    analyzer.analyze(design(['vmnic1']));
    assert.deepEqual(analyzer.analyze(design([])).findings.filter((f) => f.rule === RULE).map((f) => f.path), ['/hosts/0/switches/1/uplinks']);
  });
});
