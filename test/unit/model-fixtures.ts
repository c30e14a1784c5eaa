// Small topology builders for the model tests: defaults for everything a test does not care about.
import type { Host, LcoreGroup, Nic, Switch, Topology, Traffic, Vm, Vnic } from '../../src/core/topology';

export function nic(name: string, numaNode = 0, speedGbps = 100): Nic {
  return { name, numaNode, speedGbps };
}

export function edpSwitch(name: string, uplinks: string[], lcores: LcoreGroup[], extra: Partial<Switch> = {}): Switch {
  return { name, mode: 'edp-standard', uplinks, lcores, ...extra };
}

export function traffic(pps: number, extra: Partial<Traffic> = {}): Traffic {
  // Few flows by default, so the cache holds them all (hit rate 1) unless a test says otherwise.
  return { pps, packetBytes: 64, flows: 100, zipf: 1, newFlowsPerSec: 0, ...extra };
}

export function vnic(name: string, sw: string, t: Traffic | undefined, extra: Partial<Vnic> = {}): Vnic {
  return { name, switch: sw, adapter: 'vmxnet3', ...(t ? { traffic: t } : {}), ...extra };
}

export function vm(name: string, numaNode: number | undefined, vnics: Vnic[], extra: Partial<Vm> = {}): Vm {
  return { name, ...(numaNode !== undefined ? { numaNode } : {}), vcpus: 4, latencySensitivity: 'high', vnics, ...extra };
}

/** A two-socket host (one NUMA node per socket, 32 cores each, 2 GHz, 32 MiB LLC per socket). */
export function host(parts: { nics?: Nic[]; switches?: Switch[]; vms?: Vm[] } & Partial<Host> = {}): Host {
  return {
    name: 'esx-01',
    cpu: { sockets: 2, coresPerSocket: 32, ghz: 2, llcMiB: 32 },
    nics: [nic('vmnic0', 0)],
    switches: [edpSwitch('vds', ['vmnic0'], [{ numaNode: 0, count: 2 }])],
    vms: [],
    ...parts,
  };
}

export function topology(hosts: Host[], extra: Partial<Topology> = {}): Topology {
  return { version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts, ...extra };
}

/** A VM with one vNIC of `queues` queues on switch `sw` carrying `pps` packets per second. */
export function loadVm(name: string, numaNode: number | undefined, pps: number, sw = 'vds', queues = 1, t: Partial<Traffic> = {}): Vm {
  return vm(name, numaNode, [vnic('eth0', sw, traffic(pps, t), { queues })]);
}
