// cluster/* rules: DRS may move a VM to any host of its cluster, so the hosts must agree on the
// switches the cluster's VMs use and on the NUMA nodes they are placed on.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyze } from '../../src/core/analyze';
import type { Finding } from '../../src/core/findings';
import type { Host, Switch, Topology } from '../../src/core/topology';

function sw(extra: Partial<Switch> = {}): Switch {
  return { name: 'vds-edp', mode: 'edp-standard', uplinks: ['vmnic4'], mtu: 9000, lcores: [{ numaNode: 0, count: 2 }], ...extra };
}

function host(name: string, extra: Partial<Host> = {}): Host {
  return {
    name,
    cluster: 'edge-a',
    cpu: { sockets: 2, coresPerSocket: 32, ghz: 2.1, llcMiB: 60 },
    nics: [{ name: 'vmnic4', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: 0 }],
    switches: [sw()],
    vms: [{ name: `vm-${name}`, numaNode: 0, vcpus: 4, latencySensitivity: 'high', vnics: [{ name: 'eth0', switch: 'vds-edp', adapter: 'vmxnet3' }] }],
    ...extra,
  };
}

function clusterFindings(hosts: Host[]): Finding[] {
  const t: Topology = { version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts };
  return analyze(JSON.stringify(t, null, 2)).findings.filter((f) => f.rule.startsWith('cluster/'));
}

it('identical hosts of a cluster are compatible', () => {
  assert.deepEqual(clusterFindings([host('esx-01'), host('esx-02'), host('esx-03')]), []);
});

it('the one host of three whose switch differs gets the finding, with the others as related locations', () => {
  const [f, ...rest] = clusterFindings([host('esx-01'), host('esx-02', { switches: [sw({ mtu: 1700 })] }), host('esx-03')]);
  assert.equal(rest.length, 0);
  assert.equal(f.rule, 'cluster/vmotion-incompatible');
  assert.equal(f.severity, 'warning');
  assert.equal(f.path, '/hosts/1/switches/0');
  assert.match(f.message, /"vds-edp" on host "esx-02" is edp-standard, MTU 1700, but 2 other hosts of cluster "edge-a" run it as edp-standard, MTU 9000/);
  assert.deepEqual(f.related?.map((r) => r.path), ['/hosts/0/switches/0', '/hosts/2/switches/0']);
  assert.ok(f.related?.every((r) => r.range !== undefined), 'related locations are located in the text');
});

it('a different effective mode counts (a switch inheriting target.mode is edp-standard)', () => {
  const [f] = clusterFindings([host('esx-01', { switches: [sw({ mode: undefined })] }), host('esx-02'), host('esx-03', { switches: [sw({ mode: 'edp-performance' })] })]);
  assert.equal(f.path, '/hosts/2/switches/0');
  assert.match(f.message, /is edp-performance, MTU 9000/);
});

it('a host without a switch the cluster\'s VMs use gets the finding at its name', () => {
  const bare = host('esx-03', { nics: [{ name: 'vmnic4', driver: 'icen', speedGbps: 100, numaNode: 0 }], switches: [sw({ name: 'vds-other' })], vms: [] });
  const [f, ...rest] = clusterFindings([host('esx-01'), host('esx-02'), bare]);
  assert.equal(rest.length, 0);
  assert.equal(f.path, '/hosts/2/name');
  assert.match(f.message, /"esx-03" of cluster "edge-a" has no switch "vds-edp", which VMs "vm-esx-01", "vm-esx-02" use/);
});

it('hosts of different clusters, or without one, are not compared', () => {
  assert.deepEqual(clusterFindings([host('esx-01'), host('esx-02', { cluster: 'edge-b', switches: [sw({ mtu: 1700 })] })]), []);
  assert.deepEqual(clusterFindings([host('esx-01', { cluster: undefined }), host('esx-02', { cluster: undefined, switches: [sw({ mtu: 1700 })] })]), []);
});

it('a VM on a NUMA node another host of the cluster lacks, or with more vCPUs than its cores, is flagged', () => {
  const oneSocket = { sockets: 1, coresPerSocket: 32, ghz: 2.1, llcMiB: 60 };
  const vmOnNode1 = [{ name: 'fw-1', numaNode: 1, vcpus: 8, latencySensitivity: 'high' as const, vnics: [{ name: 'eth0', switch: 'vds-edp', adapter: 'vmxnet3' as const }] }];
  const [f, ...rest] = clusterFindings([host('esx-01', { vms: vmOnNode1 }), host('esx-02', { cpu: oneSocket, vms: [] })]);
  assert.equal(rest.length, 0);
  assert.equal(f.rule, 'cluster/numa-placement');
  assert.equal(f.severity, 'warning');
  assert.equal(f.path, '/hosts/0/vms/0/numaNode');
  assert.match(f.message, /"fw-1" is placed on NUMA node 1, but host "esx-02" of cluster "edge-a" has no NUMA node 1/);
  assert.deepEqual(f.related?.map((r) => r.path), ['/hosts/1/name']);

  const small = host('esx-02', { numaNodes: [{ id: 0, socket: 0, cores: 4 }, { id: 1, socket: 1, cores: 4 }], vms: [] });
  const [g] = clusterFindings([host('esx-01', { vms: vmOnNode1 }), small]);
  assert.match(g.message, /has 4 cores on NUMA node 1, fewer than its 8 vCPUs/);
});
