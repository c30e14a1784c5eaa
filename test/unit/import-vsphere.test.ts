// vSphere HostSystem / VirtualMachine JSON: PascalCase (govc, PowerCLI) and camelCase (vSphere
// JSON API) read alike; NIC NUMA nodes from the nodes' PCI ids; VMs joined to their host.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { importHosts } from '../../src/core';

const DIR = resolve(__dirname, '../../../test/fixtures/import/vsphere');
const input = (f: string) => ({ name: f, text: readFileSync(join(DIR, f), 'utf8') });

describe('vSphere HostSystem JSON', () => {
  const pascal = importHosts([input('govc-host-info-esx01.json')]);
  const camel = importHosts([input('vi-json-host-esx03.json')]);
  const host = pascal.topology.hosts[0];

  it('CPU packages, cores, threads, clock and model; no last-level cache (the API has none) and a note saying so', () => {
    assert.equal(host.name, 'esx01.lab.example');
    assert.deepEqual(host.cpu, { model: 'Intel(R) Xeon(R) Gold 6430 CPU @ 2.10GHz', sockets: 2, coresPerSocket: 4, threadsPerCore: 2, ghz: 2.1 });
    assert.ok(pascal.notes.some((n) => /cpu\.llcMiB/.test(n)));
  });

  it('NUMA nodes: cores from their CPU ids, the socket from the package holding them, memory', () => {
    assert.deepEqual(host.numaNodes, [{ id: 0, socket: 0, cores: 4, memoryGiB: 128 }, { id: 1, socket: 1, cores: 4, memoryGiB: 128 }]);
  });

  it('NICs: driver, speed, PCI ids (signed in the API) and the NUMA node whose PciId lists them', () => {
    const vmnic5 = host.nics.find((n) => n.name === 'vmnic5')!;
    assert.equal(vmnic5.numaNode, 1);
    assert.equal(vmnic5.speedGbps, 100);
    assert.equal(vmnic5.pciVendorId, '8086');
    assert.equal(vmnic5.pciDeviceId, '1592');
    assert.equal(vmnic5.driver, 'icen');
    assert.equal(host.nics.find((n) => n.name === 'vmnic1')!.speedGbps, undefined, 'no link, no speed');
  });

  it('the proxy switch: name, MTU, uplinks and mode from ensEnabled / ensInterruptEnabled', () => {
    assert.deepEqual(host.switches, [{ name: 'vds-edp', mode: 'edp-performance', uplinks: ['vmnic4', 'vmnic5'], mtu: 9000 }]);
    assert.deepEqual(camel.topology.hosts[0].switches, [{ name: 'vds-edp', mode: 'edp-standard', uplinks: ['vmnic4', 'vmnic5'], mtu: 1700 }]);
  });

  it('camelCase reads as PascalCase does', () => {
    const c = camel.topology.hosts[0];
    assert.equal(c.name, 'esx03.lab.example');
    assert.deepEqual(c.cpu, host.cpu);
    assert.deepEqual(c.numaNodes, host.numaNodes);
    assert.deepEqual(c.nics, host.nics);
  });

  it('govc object.collect -json (a list of name/value properties) is one HostSystem too', () => {
    const h = JSON.parse(readFileSync(join(DIR, 'govc-host-info-esx01.json'), 'utf8')).HostSystems[0];
    const props = [{ Name: 'name', Val: h.Name }, { Name: 'hardware', Val: h.Hardware }, { Name: 'config.network', Val: h.Config.Network }];
    const r = importHosts([{ name: 'collect.json', text: JSON.stringify(props) }]);
    assert.equal(r.topology.hosts[0].name, 'esx01.lab.example');
    assert.deepEqual(r.topology.hosts[0].nics, host.nics);
  });

  it('govc object.collect -json envelopes ({obj, changeSet}, camelCase since govc 0.32): the reference and the cluster parent are kept', () => {
    // The shape `.changeSet[].val.cpuInfo` that dominikzorgnotti/script-junkyard's govc/get-num-cpu-cores.sh reads with jq.
    const h = JSON.parse(readFileSync(join(DIR, 'govc-host-info-esx01.json'), 'utf8')).HostSystems[0];
    const envelope = [{ obj: { type: 'HostSystem', value: 'host-21' }, changeSet: [
      { name: 'name', op: 'assign', val: h.Name },
      { name: 'parent', op: 'assign', val: { type: 'ClusterComputeResource', value: 'domain-c8' } },
      { name: 'hardware', op: 'assign', val: h.Hardware },
    ] }];
    const vm = { name: 'vm-1', config: { hardware: { numCPU: 2, device: [] } }, runtime: { host: { type: 'HostSystem', value: 'host-21' } } };
    const tnp = { resource_type: 'PolicyHostTransportNodeProfile', id: 'tnp-1', path: '/infra/host-transport-node-profiles/tnp-1', display_name: 'p', host_switch_spec: { resource_type: 'StandardHostSwitchSpec', host_switches: [{ host_switch_name: 'vds-x', host_switch_mode: 'ENS_INTERRUPT', uplinks: [] }] } };
    const tnc = { resource_type: 'HostTransportNodeCollection', compute_collection_id: 'cm-1:domain-c8', transport_node_profile_id: '/infra/host-transport-node-profiles/tnp-1' };
    const r = importHosts([
      { name: 'collect.json', text: JSON.stringify(envelope) },
      { name: 'vm.json', text: JSON.stringify(vm) },
      { name: 'tnp.json', text: JSON.stringify([tnp, tnc]) },
    ]);
    const imported = r.topology.hosts[0];
    assert.equal(imported.name, 'esx01.lab.example');
    assert.deepEqual(imported.vms?.map((v) => v.name), ['vm-1'], 'the VM joins its host by the reference the envelope keeps');
    assert.equal(imported.switches.find((s) => s.name === 'vds-x')?.mode, 'edp-standard', 'the profile attached to domain-c8 fills it');
  });
});

describe('vSphere VM JSON', () => {
  const r = importHosts([input('govc-vm-info.json'), input('govc-host-info-esx01.json')]);
  const vms = r.topology.hosts[0].vms!;

  it('VMs join the host they run on: vCPUs, NUMA affinity, latency sensitivity, vNIC adapters on the VDS', () => {
    const fw = vms.find((v) => v.name === 'fw-1')!;
    assert.equal(fw.vcpus, 8);
    assert.equal(fw.numaNode, 0);
    assert.equal(fw.latencySensitivity, 'high');
    assert.deepEqual(fw.vnics, [{ name: 'Network adapter 1', switch: 'vds-edp', adapter: 'vmxnet3' }, { name: 'Network adapter 2', switch: 'vds-edp', adapter: 'vmxnet3' }]);
  });

  it('a VM of another host and a vNIC on a standard port group are left out, with notes', () => {
    assert.equal(vms.find((v) => v.name === 'other-1'), undefined);
    assert.deepEqual(vms.find((v) => v.name === 'mgmt-1')!.vnics, []);
    assert.ok(r.notes.some((n) => /other-1.*host-99/.test(n)));
    assert.ok(r.notes.some((n) => /mgmt-1.*VM Network/.test(n)));
  });
});

describe('inputs about one host merge', () => {
  const esxi = { name: 'esx01.txt', text: readFileSync(resolve(DIR, '../esx01/edp-esx01-20261201T203000Z.txt'), 'utf8') };

  it('by host name: vSphere gives PCI ids and memory, esxcli the cache and lcores; a disagreement is a note and the first input wins', () => {
    const r = importHosts([input('govc-host-info-esx01.json'), esxi]);
    assert.equal(r.topology.hosts.length, 1);
    const h = r.topology.hosts[0];
    assert.equal(h.cpu.llcMiB, 60);
    assert.equal(h.numaNodes![0].memoryGiB, 128);
    const vmnic4 = h.nics.find((n) => n.name === 'vmnic4')!;
    assert.equal(vmnic4.pciDeviceId, '1592');
    assert.equal(vmnic4.firmware, '4.40', 'the first input\'s value stands');
    assert.ok(r.notes.some((n) => /vmnic4: firmware is "4\.40" in an earlier input but "4\.40 0x8001b891/.test(n)), r.notes.join('\n'));
    assert.deepEqual(h.switches[0].lcores, [{ numaNode: 0, count: 2 }, { numaNode: 1, count: 2 }]);
    assert.ok(h.switches[0].measured);
  });

  it('by order: a nameless input joins the host named before it', () => {
    const nics = { name: 'nics.txt', text: 'Dev      Affinity\nvmnic4   1\n' };
    const r = importHosts([input('vi-json-host-esx03.json'), nics]);
    assert.equal(r.topology.hosts.length, 1);
    assert.equal(r.topology.hosts[0].nics.find((n) => n.name === 'vmnic4')!.numaNode, 0, 'the earlier input wins');
    assert.ok(r.notes.some((n) => /vmnic4: numaNode is 0 in an earlier input but 1/.test(n)));
  });

  it('different names are different hosts', () => {
    const r = importHosts([input('govc-host-info-esx01.json'), input('vi-json-host-esx03.json')]);
    assert.deepEqual(r.topology.hosts.map((h) => h.name), ['esx01.lab.example', 'esx03.lab.example']);
  });
});
