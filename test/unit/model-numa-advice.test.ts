// NUMA findings and the model agree, and following their advice converges: applying the preferred
// quick fix of numa/* findings again and again never sends a VM (or an lcore group) back where a
// previous step took it from, and a message claims the cross-NUMA penalty only when utilization
// charges it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../src/core/analyze';
import { applyTextEdits, quickFixes } from '../../src/core/fixes';
import { edpSwitch, host, loadVm, nic, topology } from './model-fixtures';

const NUMA = /^numa\/(vm-remote|lcore-remote-nic)$/;

/** Applies the first preferred numa fix until none is left; returns the texts seen. */
function followAdvice(text: string, steps = 12): string[] {
  const seen = [text];
  for (let i = 0; i < steps; i++) {
    const a = analyze(text);
    const fix = a.findings.filter((f) => NUMA.test(f.rule)).flatMap((f) => quickFixes(text, a, f)).find((x) => x.preferred);
    if (!fix) return seen;
    text = applyTextEdits(text, fix.edits);
    assert.ok(!seen.includes(text), `step ${i + 1} returns to an earlier design:\n${text}`);
    seen.push(text);
  }
  assert.fail('the advice does not converge');
}

/** Uplinks, lcores and VMs placed on two NUMA nodes in every way (a VM may have no node). */
const placement = fc
  .record({
    uplinkNodes: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 2 }),
    lcoreNodes: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 2 }),
    vmNodes: fc.array(fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ uplinkNodes, lcoreNodes, vmNodes }) => {
    const nics = uplinkNodes.map((n, i) => nic(`vmnic${i}`, n));
    const sw = edpSwitch('vds', nics.map((x) => x.name), lcoreNodes.map((n) => ({ numaNode: n, count: 1 })));
    const vms = vmNodes.map((n, i) => loadVm(`vm${i}`, n, 1e5));
    return { nics, sw, vms };
  });

describe('numa advice converges', () => {
  it('uplink on node 0, lcores only on node 1, VM on node 0: no back-and-forth', () => {
    const t = topology([host({ nics: [nic('vmnic0', 0)], switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 1, count: 2 }])], vms: [loadVm('fw', 0, 1e6)] })]);
    const text = JSON.stringify(t, null, 2);
    const a = analyze(text);
    const vmRemote = a.findings.find((f) => f.rule === 'numa/vm-remote')!;
    // The alternative to adding lcores is not "move the VM to node 1": its uplink is on node 0.
    assert.doesNotMatch(vmRemote.message, /move the VM to node 1/);
    const seen = followAdvice(text);
    const last = analyze(seen.at(-1)!);
    assert.deepEqual(last.findings.filter((f) => NUMA.test(f.rule)), []);
  });

  it('VM on node 1, uplink on node 0: moved to the uplink, then lcores added there, never back', () => {
    const t = topology([host({ nics: [nic('vmnic0', 0)], switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 1, count: 1 }])], vms: [loadVm('fw', 1, 1e6)] })]);
    const seen = followAdvice(JSON.stringify(t, null, 2));
    assert.ok(seen.length > 1);
    assert.deepEqual(analyze(seen.at(-1)!).findings.filter((f) => NUMA.test(f.rule)), []);
  });

  it('converges from any placement of uplinks, lcores and VMs on two nodes', () => {
    fc.assert(
      fc.property(
        placement,
        ({ nics, sw, vms }) => {
          followAdvice(JSON.stringify(topology([host({ nics, switches: [sw], vms })]), null, 2));
        },
      ),
      { numRuns: 120, seed: 4 },
    );
  });
});

describe('messages claim the cross-NUMA penalty exactly when the model charges it', () => {
  it('over generated placements', () => {
    fc.assert(
      fc.property(
        placement,
        ({ nics, sw, vms }) => {
          const a = analyze(JSON.stringify(topology([host({ nics, switches: [sw], vms })])));
          const m = a.model!.hosts[0].switches[0];
          const claims = a.findings.filter((f) => /more cycles/.test(f.message));
          vms.forEach((vm, v) => {
            const charged = m.lcores.some((l) => l.assigned.some((q) => q.vm === vm.name && q.remote));
            const claimed = claims.some((f) => f.path === `/hosts/0/vms/${v}/numaNode` || (f.rule === 'numa/lcore-remote-nic' && /Every packet/.test(f.message)));
            assert.equal(claimed, charged, `${vm.name}: charged ${charged}, claimed ${claimed}\n${a.findings.map((f) => f.message).join('\n')}`);
          });
          // A charged queue costs exactly (1 + penalty) × the local cycles.
          for (const l of m.lcores) for (const q of l.assigned) if (q.remote) assert.ok(l.cyclesPerPacket > 900);
        },
      ),
      { numRuns: 150, seed: 5 },
    );
  });
});

describe('ref/shared-uplink', () => {
  it('flags the second switch naming a NIC, pointing at the first', () => {
    const switches = [edpSwitch('vds-a', ['vmnic0'], [{ numaNode: 0, count: 1 }]), edpSwitch('vds-b', ['vmnic1', 'vmnic0'], [{ numaNode: 0, count: 1 }])];
    const a = analyze(JSON.stringify(topology([host({ nics: [nic('vmnic0'), nic('vmnic1')], switches })])));
    const shared = a.findings.filter((f) => f.rule === 'ref/shared-uplink');
    assert.equal(shared.length, 1);
    assert.equal(shared[0].severity, 'error');
    assert.equal(shared[0].path, '/hosts/0/switches/1/uplinks/1');
    assert.equal(shared[0].related?.[0].path, '/hosts/0/switches/0/uplinks/0');
    assert.match(shared[0].message, /"vmnic0".*"vds-b".*"vds-a"/);
  });

  it('is silent when each NIC has one switch (a NIC twice in one switch is not shared)', () => {
    const switches = [edpSwitch('vds-a', ['vmnic0', 'vmnic0'], [{ numaNode: 0, count: 1 }]), edpSwitch('vds-b', ['vmnic1'], [{ numaNode: 0, count: 1 }])];
    const a = analyze(JSON.stringify(topology([host({ nics: [nic('vmnic0'), nic('vmnic1')], switches })])));
    assert.deepEqual(a.findings.filter((f) => f.rule === 'ref/shared-uplink'), []);
  });
});
