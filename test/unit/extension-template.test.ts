import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import type { Topology } from '../../src/core/topology';
import { NEW_TOPOLOGY_FILE_NAME, NEW_TOPOLOGY_TEMPLATE } from '../../src/extension/template';

it('"New Topology File" opens a file the checker passes without a single finding', () => {
  // The full pipeline, schema included, as in the CLI and the editor.
  const analysis = analyze(NEW_TOPOLOGY_TEMPLATE);
  assert.deepEqual(analysis.findings.map((f) => `${f.rule}: ${f.message}`), []);
  assert.ok(analysis.topology, 'the template is a valid topology');
  assert.ok(analysis.model, 'the model ran on it');
});

it('the template is the design it promises: two EDP Standard hosts in one cluster, with traffic', () => {
  const t = analyze(NEW_TOPOLOGY_TEMPLATE).topology as Topology;
  assert.equal(t.target.mode, 'edp-standard');
  assert.equal(t.hosts.length, 2);
  assert.equal(new Set(t.hosts.map((h) => h.cluster)).size, 1);
  for (const h of t.hosts) {
    assert.ok(h.switches.length > 0 && h.switches.every((s) => (s.mode ?? t.target.mode) === 'edp-standard'));
    assert.ok(h.vms?.some((vm) => vm.vnics.some((n) => n.traffic && n.traffic.pps > 0)), `${h.name} carries traffic`);
  }
});

it('the template uses comments (JSONC), so it parses only as JSONC, and is named *.edp.json', () => {
  assert.throws(() => JSON.parse(NEW_TOPOLOGY_TEMPLATE));
  assert.match(NEW_TOPOLOGY_FILE_NAME, /\.edp\.json$/);
});
