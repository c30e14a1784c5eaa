// The importer must count what hwloc itself counts: every fixture is checked against hwloc-calc.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import { parseBitmap } from '../../src/core/import/bitmap';
import { HwlocXmlError, hwlocTopologyDocument, type ImportedTopology, importHwloc } from '../../src/core/import/hwloc';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hwloc');
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.xml')).sort();
const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const formatMajor = (xml: string) => Number(/<topology version="(\d+)/.exec(xml)?.[1] ?? 1);

/**
 * hwloc-calc's major version, or why the comparison cannot run. The unit tier installs nothing:
 * CI (.ci/run) installs Debian's hwloc-nox; elsewhere the comparison skips and says what to install.
 */
function hwlocCalcMajor(): number | string {
  try {
    return Number(/hwloc-calc (\d+)/.exec(execFileSync('hwloc-calc', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))?.[1]);
  } catch {
    return 'hwloc-calc is not installed: apt-get install hwloc-nox to compare the importer with hwloc';
  }
}
const calcMajor = hwlocCalcMajor();
const noHwloc = typeof calcMajor === 'string' ? calcMajor : false;

/** The whole machine, as the importer sees it: some exports come from a process in a cgroup that allows fewer CPUs. */
function hwlocCalc(file: string, ...args: string[]): string {
  return execFileSync('hwloc-calc', ['--whole-system', '--input', join(FIXTURES, file), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
const idList = (text: string) => (text === '' ? [] : text.split(',').map(Number).sort((a, b) => a - b));

describe('hwloc import agrees with hwloc-calc', { skip: noHwloc }, () => {
  // hwloc-calc reads the XML formats up to its own major version (Debian 12 ships 2.9: formats 1 and 2).
  const checkable = fixtures.filter((f) => typeof calcMajor === 'number' && formatMajor(read(f)) <= calcMajor);

  it('there are fixtures to check, the two shared ones among them', () => {
    assert.ok(checkable.includes('32em64t-2n8c2t-pci-normalio.xml') && checkable.includes('24em64t-2n6c2t-pci.xml'), checkable.join(', '));
  });

  for (const file of checkable) {
    it(file, () => {
      const { host } = importHwloc(read(file));
      // NUMA nodes with CPUs, by OS index (CPU-less memory nodes are left out, and hwloc-calc's cpuset intersection skips them too).
      const nodes = idList(hwlocCalc(file, '--physical-output', '--intersect', 'NUMAnode', 'all'));
      assert.deepEqual((host.numaNodes ?? []).map((n) => n.id), nodes, 'NUMA node ids');
      for (const node of host.numaNodes ?? []) {
        assert.equal(node.cores, Number(hwlocCalc(file, '--physical-input', `numa:${node.id}`, '--number-of', 'core')), `cores of NUMA node ${node.id}`);
      }
      for (const nic of host.nics) {
        const local = idList(hwlocCalc(file, '--physical-output', `os=${nic.name}`, '--intersect', 'NUMAnode'));
        if (local.length === 1) assert.equal(nic.numaNode, local[0], `NUMA node of ${nic.name}`);
        else assert.equal(nic.numaNode, undefined, `${nic.name} is local to ${local.length} nodes: no numaNode`);
      }
      const cores = Number(hwlocCalc(file, '--number-of', 'core', 'all'));
      const pus = Number(hwlocCalc(file, '--number-of', 'pu', 'all'));
      assert.ok(host.cpu.sockets * host.cpu.coresPerSocket >= cores, 'sockets × coresPerSocket covers every core');
      assert.ok((host.cpu.threadsPerCore ?? 1) * cores >= pus, 'threadsPerCore covers every PU');
    });
  }

  it('32em64t-2n8c2t-pci-normalio: 2 NUMA nodes of 8 cores, eth0 and eth1 on node 1', () => {
    const { host } = importHwloc(read('32em64t-2n8c2t-pci-normalio.xml'));
    assert.deepEqual(host.numaNodes?.map((n) => [n.id, n.cores]), [[0, 8], [1, 8]]);
    const nodeOf = (name: string) => host.nics.find((n) => n.name === name)?.numaNode;
    assert.equal(nodeOf('eth0'), 1);
    assert.equal(nodeOf('eth1'), 1);
    assert.equal(hwlocCalc('32em64t-2n8c2t-pci-normalio.xml', 'os=eth0', '--intersect', 'NUMAnode'), '1');
  });
});

describe('hwloc import', () => {
  it('hwloc 3 files import as their hwloc 2 twins (same machine, newer format)', () => {
    for (const v3 of fixtures.filter((f) => f.endsWith('.v3.xml'))) {
      const twin = v3.replace('.v3.xml', '.xml');
      const v2 = fixtures.includes(twin) ? twin : v3.replace('.v3.xml', '.v2.xml');
      assert.ok(fixtures.includes(v2), `${v3} has a twin`);
      assert.equal(formatMajor(read(v3)), 3);
      assert.deepEqual(importHwloc(read(v3)).host, importHwloc(read(v2)).host, `${v3} vs ${v2}`);
    }
  });

  it('hwloc 3 OS device kinds are bit flags: memory devices (2) are not NICs, network (16) is, an HCA (48) is not', () => {
    const { host } = importHwloc(read('cxlmem+dax.v3.xml'));
    assert.deepEqual(host.nics.map((n) => n.name), ['enp0s2']);
    const ib = importHwloc(read('32em64t-2n8c2t-pci-normalio.v3.xml')).host.nics.map((n) => n.name);
    assert.deepEqual(ib, ['eth0', 'eth1', 'ib0']);
  });

  it('the CPU of 32em64t-2n8c2t-pci-normalio: 2 × 8 cores × 2 threads, 20 MiB L3, model and clock from the brand string', () => {
    const { host, notes } = importHwloc(read('32em64t-2n8c2t-pci-normalio.xml'));
    assert.deepEqual(host.cpu, { model: 'Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz', sockets: 2, coresPerSocket: 8, threadsPerCore: 2, ghz: 2, llcMiB: 20 });
    assert.equal(host.name, 'conan');
    assert.equal(host.numaNodes?.[0].memoryGiB, Math.round((34330173440 / 2 ** 30) * 100) / 100);
    const eth0 = host.nics.find((n) => n.name === 'eth0');
    assert.deepEqual(eth0, { name: 'eth0', model: 'Intel Corporation I350 Gigabit Network Connection', numaNode: 1, pciVendorId: '8086', pciDeviceId: '1521' });
    assert.ok(notes.some((n) => /speedGbps is left out for eth0, eth1, ib0/.test(n)), notes.join('\n'));
    assert.ok(notes.some((n) => /ib0.*InfiniBand/.test(n)));
  });

  it('no clock in the model string: ghz is left out and a note says so', () => {
    const { host, notes } = importHwloc(read('24em64t-2n6c2t-pci.xml'));
    assert.equal(host.cpu.ghz, undefined);
    assert.ok(notes.some((n) => /cpu\.ghz is left out/.test(n)));
    // eth2 and ib0 sit on a class 0x0c06 (InfiniBand/VPI) device: not a network-class controller.
    assert.deepEqual(host.nics.map((n) => n.name), ['eth0', 'eth1']);
    assert.ok(notes.some((n) => /"eth2".*0x0c06/.test(n)));
  });

  it('a NUMA node spanning packages takes the first and says so', () => {
    const { host, notes } = importHwloc(read('96em64t-4n4d3ca2co-pci.xml'));
    assert.equal(host.cpu.sockets, 16);
    assert.deepEqual(host.numaNodes?.map((n) => n.socket), [0, 4, 8, 12]);
    assert.ok(notes.some((n) => n === 'NUMA node 1 spans sockets 4, 5, 6, 7: its socket is given as 4.'), notes.join('\n'));
  });

  it('two NUMA nodes per package (cluster-on-die) map to the same socket', () => {
    const { host } = importHwloc(read('28intel64-2p2g7c-CoDgroups.v1.xml'));
    assert.deepEqual(host.numaNodes?.map((n) => [n.id, n.socket, n.cores]), [[0, 0, 7], [1, 0, 7], [2, 1, 7], [3, 1, 7]]);
    assert.equal(host.cpu.llcMiB, undefined, 'that export has no caches: llcMiB is left for the user');
  });

  it('CPU-less NUMA nodes are left out with a note', () => {
    const { host, notes } = importHwloc(read('16amd64-8n2c-cpusets.xml'));
    assert.deepEqual(host.numaNodes?.map((n) => n.id), [1, 2, 3]);
    assert.ok(notes.some((n) => /NUMA node 4 has memory but no CPUs/.test(n)));
  });

  it('a machine without Package objects is one socket, with a note', () => {
    const { host, notes } = importHwloc(read('16-2gr2gr2n2c+misc.xml'));
    assert.equal(host.cpu.sockets, 1);
    assert.equal(host.cpu.coresPerSocket, 16);
    assert.ok(notes.some((n) => /no Package/.test(n)));
  });

  it('SR-IOV virtual functions are skipped; a NIC local to several nodes gets no numaNode', () => {
    const xml = `<?xml version="1.0"?><topology version="2.0">
      <object type="Machine" os_index="0" cpuset="0x0000000f" nodeset="0x00000003">
        <object type="Package" os_index="0" cpuset="0x00000003" nodeset="0x00000001">
          <object type="NUMANode" os_index="0" cpuset="0x00000003" nodeset="0x00000001" local_memory="1073741824"/>
          <object type="Core" os_index="0" cpuset="0x00000001"><object type="PU" os_index="0" cpuset="0x00000001"/></object>
          <object type="Core" os_index="1" cpuset="0x00000002"><object type="PU" os_index="1" cpuset="0x00000002"/></object>
          <object type="Bridge" bridge_type="0-1" depth="0" bridge_pci="0000:[00-01]">
            <object type="PCIDev" pci_busid="0000:01:00.0" pci_type="0200 [8086:1593] [8086:0000] 02">
              <info name="PCIVendor" value="Intel Corporation"/><info name="PCIDevice" value="Ethernet Controller E810-C for SFP"/>
              <object type="OSDev" name="ens1f0" osdev_type="2"/>
            </object>
            <object type="PCIDev" pci_busid="0000:01:01.0" pci_type="0200 [8086:1889] [8086:0000] 02">
              <info name="PCIDevice" value="Ethernet Adaptive Virtual Function"/>
              <object type="OSDev" name="ens1f0v0" osdev_type="2"/>
            </object>
          </object>
        </object>
        <object type="Package" os_index="1" cpuset="0x0000000c" nodeset="0x00000002">
          <object type="NUMANode" os_index="1" cpuset="0x0000000c" nodeset="0x00000002" local_memory="1073741824"/>
          <object type="Core" os_index="0" cpuset="0x00000004"><object type="PU" os_index="2" cpuset="0x00000004"/></object>
          <object type="Core" os_index="1" cpuset="0x00000008"><object type="PU" os_index="3" cpuset="0x00000008"/></object>
        </object>
        <object type="Bridge" bridge_type="0-1" depth="0" bridge_pci="0000:[80-81]">
          <object type="PCIDev" pci_busid="0000:81:00.0" pci_type="0200 [15b3:101d] [15b3:0000] 00">
            <object type="OSDev" name="ens2f0" osdev_type="2"/>
          </object>
        </object>
      </object></topology>`;
    const { host, notes } = importHwloc(xml, { catalog: (v, d) => (v === '8086' && d === '1593' ? { model: 'Intel E810-XXVDA2', driver: 'icen', speedGbps: 25 } : undefined) });
    assert.deepEqual(host.nics, [
      { name: 'ens1f0', model: 'Intel E810-XXVDA2', driver: 'icen', speedGbps: 25, numaNode: 0, pciVendorId: '8086', pciDeviceId: '1593' },
      { name: 'ens2f0', pciVendorId: '15b3', pciDeviceId: '101d' },
    ]);
    assert.ok(notes.includes('SR-IOV virtual functions skipped: ens1f0v0.'), notes.join('\n'));
    assert.ok(notes.some((n) => /"ens2f0" \(NUMA nodes 0, 1\).*numaNode is left out/.test(n)), notes.join('\n'));
    assert.ok(notes.some((n) => /speedGbps is left out for ens2f0\./.test(n)), 'the catalog speed is used, the other NIC is listed');
  });

  it('--name wins over the host name hwloc recorded', () => {
    assert.equal(importHwloc(read('24em64t-2n6c2t-pci.xml'), { name: 'esx-07' }).host.name, 'esx-07');
  });

  it('what is not hwloc XML is an HwlocXmlError that says why', () => {
    assert.throws(() => importHwloc('{"version": 1}'), HwlocXmlError);
    assert.throws(() => importHwloc('<topology><object type="Machine"'), (e: Error) => e instanceof HwlocXmlError && /well-formed/.test(e.message));
    assert.throws(() => importHwloc('<?xml version="1.0"?><svg><g/></svg>'), (e: Error) => e instanceof HwlocXmlError && /not an hwloc topology/.test(e.message));
    assert.throws(() => importHwloc('<topology version="9.0"><object type="Machine"/></topology>'), /version "9.0"/);
  });

  it('bitmaps: 32-bit words, most significant first, empty words are zero', () => {
    assert.equal(parseBitmap('0x000000ff,0xffffffff'), 0xff_ffff_ffffn);
    assert.equal(parseBitmap('0x00000001,,0x0'), 1n << 64n);
    assert.equal(parseBitmap('0x0'), 0n);
    assert.equal(parseBitmap(undefined), 0n);
  });
});

describe('the imported document', () => {
  const documentOf = (file: string) => hwlocTopologyDocument(read(file)).topology;
  const fill = (t: ImportedTopology): ImportedTopology => {
    const host = t.hosts[0];
    return {
      ...t,
      hosts: [{
        ...host,
        cpu: { ghz: 2.1, llcMiB: 30, ...host.cpu },
        nics: host.nics.map((n) => ({ speedGbps: 25, numaNode: host.numaNodes?.[0].id ?? 0, ...n })),
      }],
    };
  };

  for (const file of ['32em64t-2n8c2t-pci-normalio.xml', '24em64t-2n6c2t-pci.xml', '96em64t-4n4d3ca2co-pci.xml', '28intel64-2p2g7c-CoDgroups.v1.xml']) {
    it(`${file}: only the left-out fields are findings, and once filled in there are none`, () => {
      const topology = documentOf(file);
      assert.deepEqual(topology.target, { release: 'vcf-9.0', mode: 'edp-standard' });
      const findings = analyze(JSON.stringify(topology, null, 2)).findings;
      for (const f of findings) assert.equal(f.rule, 'schema/invalid', `${f.rule} at ${f.path}: ${f.message}`);
      // Once the schema validator is built, each left-out required field is flagged where it belongs.
      const schemaActive = analyze('{}').findings.some((f) => f.rule === 'schema/invalid');
      const host = topology.hosts[0];
      const leftOut = [
        ...(host.cpu.ghz === undefined || host.cpu.llcMiB === undefined ? ['/hosts/0/cpu'] : []),
        ...host.nics.flatMap((n, i) => (n.speedGbps === undefined || n.numaNode === undefined ? [`/hosts/0/nics/${i}`] : [])),
      ];
      assert.deepEqual([...new Set(findings.map((f) => f.path))], schemaActive ? leftOut : []);
      const complete = analyze(JSON.stringify(fill(topology), null, 2)).findings;
      assert.deepEqual(complete.map((f) => `${f.rule} ${f.path}: ${f.message}`), []);
    });
  }
});
