// Where the CodeLens sits and what a hover position points at.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { switchSpans, targetAt } from '../../src/extension/modelTargets';

const TEXT = `// comment
{
  "version": 1,
  "target": { "release": "vcf-9.0", "mode": "edp-standard" },
  "hosts": [
    {
      "name": "esx-01",
      "cpu": { "sockets": 2, "coresPerSocket": 32, "ghz": 2, "llcMiB": 32 },
      "nics": [{ "name": "vmnic0", "numaNode": 0, "speedGbps": 100 }],
      "switches": [
        { "name": "vds-a", "uplinks": ["vmnic0"], "lcores": [{ "numaNode": 0, "count": 2 }] },
        {
          "name": "vds-b",
          "uplinks": ["vmnic0"],
          "lcores": [{ "numaNode": 0, "count": 1 }, { "numaNode": 1, "count": 3 }]
        }
      ],
      "vms": [
        { "name": "fw", "vnics": [{ "name": "eth0", "switch": "vds-b" }] }
      ]
    }
  ]
}
`;

const analysis = analyze(TEXT);
/** The offset of the n-th occurrence of `needle`, plus `delta`. */
const at = (needle: string, delta = 1, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = TEXT.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return i + delta;
};
const target = (offset: number) => targetAt(analysis.root, analysis.topology, offset)?.target;

it('one lens position per switch, at the line of its opening brace', () => {
  const spans = switchSpans(analysis.root, analysis.topology);
  assert.deepEqual(spans.map((s) => [s.host, s.switch]), [[0, 0], [0, 1]]);
  const lines = spans.map((s) => analysis.lines.positionAt(s.span.offset).line);
  assert.deepEqual(lines, [10, 11]);
  assert.equal(TEXT[spans[1].span.offset], '{');
});

it('no lens positions when the file has no model', () => {
  const broken = analyze('{ "version": 1, "hosts": [ { "name": "x" } ] }');
  assert.deepEqual(switchSpans(broken.root, broken.topology), []);
});

it('a switch name, key or value, points at the switch', () => {
  assert.deepEqual(target(at('"vds-b"', 2)), { kind: 'switch', host: 0, switch: 1 });
  assert.deepEqual(target(at('"name": "vds-b"', 2)), { kind: 'switch', host: 0, switch: 1 });
  const hit = targetAt(analysis.root, analysis.topology, at('"vds-a"', 3))!;
  assert.equal(TEXT.slice(hit.span.offset, hit.span.offset + hit.span.length), '"vds-a"');
});

it('any property of an lcore group points at that group', () => {
  assert.deepEqual(target(at('"count": 3', 2)), { kind: 'lcoreGroup', host: 0, switch: 1, group: 1 });
  assert.deepEqual(target(at('{ "numaNode": 1', 4)), { kind: 'lcoreGroup', host: 0, switch: 1, group: 1 });
});

it('a NIC name and an uplink naming it point at the NIC', () => {
  assert.deepEqual(target(at('"vmnic0"', 2)), { kind: 'nic', host: 0, nic: 0 });
  assert.deepEqual(target(at('"vmnic0"', 2, 2)), { kind: 'nic', host: 0, nic: 0 });
});

it('a vNIC name points at the vNIC; other places point at nothing', () => {
  assert.deepEqual(target(at('"eth0"', 2)), { kind: 'vnic', host: 0, vm: 0, vnic: 0 });
  assert.equal(target(at('"fw"', 2)), undefined, 'a VM name');
  assert.equal(target(at('"switch": "vds-b"', 12)), undefined, "a vNIC's switch");
  assert.equal(target(at('"uplinks"', 2)), undefined, 'the uplinks key');
  assert.equal(target(at('      "switches"', 0)), undefined, 'blank space');
  assert.equal(target(at('"esx-01"', 2)), undefined, 'a host name');
});
