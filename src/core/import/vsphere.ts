// vSphere HostSystem and VirtualMachine objects as JSON: PascalCase from govc (`host.info -json`,
// `object.collect -json`, `vm.info -json`) and PowerCLI (`Get-View … | ConvertTo-Json`), camelCase
// from the vSphere JSON API and newer govc. Keys are matched without regard to case, so one reader
// serves all of them. Property names: vSphere Web Services API reference (HostHardwareInfo,
// HostCpuInfo, HostCpuPackage, HostNumaInfo/HostNumaNode, PhysicalNic, HostProxySwitch,
// VirtualMachineConfigInfo).
import type { LatencySensitivity, SwitchMode, VnicAdapter } from '../topology';
import type { HostFacts, NicFacts } from './facts';
import { defined, emptyHost, pciAddress, round } from './facts';

type Obj = Record<string, unknown>;

const GiB = 2 ** 30;

/** The value at a dotted path, keys compared without case. */
export function at(value: unknown, path: string): unknown {
  let cur = value;
  for (const key of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const lower = key.toLowerCase();
    const found = Object.keys(cur).find((k) => k.toLowerCase() === lower);
    if (found === undefined) return undefined;
    cur = (cur as Obj)[found];
  }
  return cur;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** govc object.collect prints `[{Name: "hardware", Val: …}]`: rebuilt into one object. */
function fromPropertyList(list: unknown[]): Obj | undefined {
  if (!list.length || !list.every((p) => p && typeof p === 'object' && typeof at(p, 'name') === 'string' && at(p, 'val') !== undefined)) return undefined;
  const out: Obj = {};
  for (const p of list) {
    const parts = (at(p, 'name') as string).split('.');
    let cur = out;
    parts.slice(0, -1).forEach((k) => (cur = (cur[k] ??= {}) as Obj));
    cur[parts.at(-1)!] = at(p, 'val');
  }
  return out;
}

function isHostSystem(o: unknown): o is Obj {
  return !!o && typeof o === 'object' && !Array.isArray(o) && (at(o, 'hardware.cpuInfo') !== undefined || at(o, 'summary.hardware.numCpuCores') !== undefined || at(o, 'config.network.pnic') !== undefined || at(o, 'hardware.numaInfo') !== undefined);
}

function isVirtualMachine(o: unknown): o is Obj {
  return !!o && typeof o === 'object' && !Array.isArray(o) && at(o, 'config.hardware.device') !== undefined;
}

/** The HostSystem and VirtualMachine objects anywhere in a JSON document (wrappers such as HostSystems[] of govc). */
export function vsphereObjects(doc: unknown): { hosts: Obj[]; vms: Obj[] } {
  const hosts: Obj[] = [];
  const vms: Obj[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      const props = fromPropertyList(v);
      if (props) return visit(props, depth);
      return v.forEach((x) => visit(x, depth + 1));
    }
    // govc object.collect -json: {obj: {type, value}, changeSet: [{name, op, val}]} (PascalCase before govc 0.32):
    // the properties rebuilt into one object that keeps the reference (self), which VMs' runtime.host name.
    const changes = at(v, 'changeSet') ?? at(v, 'propSet');
    const props = Array.isArray(changes) ? fromPropertyList(changes) : undefined;
    if (props && at(v, 'obj') !== undefined && at(props, 'self') === undefined) return visit({ ...props, self: at(v, 'obj') }, depth);
    if (isHostSystem(v)) hosts.push(v);
    else if (isVirtualMachine(v)) vms.push(v);
    else Object.values(v).forEach((x) => visit(x, depth + 1));
  };
  visit(doc, 0);
  return { hosts, vms };
}

export function readHostSystem(h: Obj, notes: string[]): HostFacts {
  const host = emptyHost();
  const name = str(at(h, 'name')) ?? str(at(h, 'summary.config.name'));
  if (name) host.name = name;
  const id = str(at(h, 'self.value')) ?? str(at(h, 'moRef.value')) ?? str(at(h, 'summary.host.value')) ?? str(at(h, '_moId')) ?? str(at(h, 'moId'));
  if (id) host.ids = [id];
  const label = name ?? id ?? 'a HostSystem';
  // The vCenter cluster the host is in: its parent, when that is a ClusterComputeResource (a standalone host's is a ComputeResource).
  if (str(at(h, 'parent.type'))?.toLowerCase() === 'clustercomputeresource') {
    const ref = str(at(h, 'parent.value'));
    if (ref) host.clusterRef = ref;
  }

  const addresses = arr(at(h, 'config.network.vnic')).map((v) => str(at(v, 'spec.ip.ipAddress'))).filter((a): a is string => !!a);
  if (addresses.length) host.addresses = [...new Set(addresses)];
  const nsxNodeId = str(at(h, 'config.network.nsxTransportNodeId'));
  if (nsxNodeId) host.nsxNodeId = nsxNodeId;
  const packages = num(at(h, 'hardware.cpuInfo.numCpuPackages')) ?? num(at(h, 'summary.hardware.numCpuPkgs'));
  const cores = num(at(h, 'hardware.cpuInfo.numCpuCores')) ?? num(at(h, 'summary.hardware.numCpuCores'));
  const threads = num(at(h, 'hardware.cpuInfo.numCpuThreads')) ?? num(at(h, 'summary.hardware.numCpuThreads'));
  // Model and clock from one object: hardware (cpuPkg, cpuInfo) when the input has it, else summary.
  // They can disagree: govmomi's captured ESX host says E5-1620 @ 3.60GHz in cpuPkg and i7-3615QM in summary.
  const pkgs = arr(at(h, 'hardware.cpuPkg'));
  const hwModel = str(at(pkgs[0], 'description'));
  const summaryModel = str(at(h, 'summary.hardware.cpuModel'));
  const hwHz = num(at(h, 'hardware.cpuInfo.hz'));
  const hz = hwHz ?? (num(at(h, 'summary.hardware.cpuMhz')) ?? 0) * 1e6;
  const model = hwHz !== undefined || !summaryModel ? (hwModel ?? summaryModel) : summaryModel;
  if (hwModel && summaryModel && hwModel.replace(/\s+/g, ' ') !== summaryModel.replace(/\s+/g, ' ')) {
    notes.push(`${label}: summary.hardware.cpuModel "${summaryModel}" and hardware.cpuPkg[0].description "${hwModel.replace(/\s+/g, ' ')}" disagree; cpu.model is "${model?.replace(/\s+/g, ' ')}" (taken with the clock from ${hwHz !== undefined ? 'hardware' : 'summary'}): check it.`);
  }
  host.cpu = defined({
    model: model?.replace(/\s+/g, ' '),
    sockets: packages,
    coresPerSocket: packages && cores ? Math.round(cores / packages) : undefined,
    threadsPerCore: cores && threads ? Math.max(1, Math.round(threads / cores)) : undefined,
    ghz: hz ? round(hz / 1e9) : undefined,
  });

  // NUMA nodes: their CPU ids give cores (÷ threads per core) and the socket (the package holding them).
  const tpc = host.cpu.threadsPerCore ?? 1;
  const pkgOf = new Map<number, number>();
  pkgs.forEach((p, i) => arr(at(p, 'threadId')).forEach((t) => num(t) !== undefined && pkgOf.set(num(t)!, num(at(p, 'index')) ?? i)));
  const nodes = arr(at(h, 'hardware.numaInfo.numaNode'));
  const pciNode = new Map<string, number>();
  if (nodes.length) {
    host.numaNodes = nodes.map((n, i) => {
      const id = num(at(n, 'typeId')) ?? i;
      const cpus = arr(at(n, 'cpuID')).map(num).filter((c): c is number => c !== undefined);
      const sockets = cpus.map((c) => pkgOf.get(c)).filter((s): s is number => s !== undefined);
      const socket = sockets.length ? mode(sockets) : packages === nodes.length ? i : 0;
      if (new Set(sockets).size > 1) notes.push(`${label}: NUMA node ${id} holds threads of packages ${[...new Set(sockets)].sort((a, b) => a - b).join(', ')} (a nested or virtual host reports one node over several sockets): its socket is taken as ${socket}; check numaNodes.`);
      const bytes = num(at(n, 'memorySize')) ?? num(at(n, 'memoryRangeLength'));
      for (const pci of arr(at(n, 'pciId'))) {
        const a = pciAddress(str(pci));
        if (a) pciNode.set(a, id);
      }
      return defined({ id, socket, cores: Math.max(1, Math.round(cpus.length / tpc)), memoryGiB: bytes ? round(bytes / GiB, 1) : undefined });
    });
    if (!pkgs.length && (packages ?? 1) > 1) notes.push(`${label}: no hardware.cpuPkg in the input, so each NUMA node's socket is guessed from its position: check numaNodes[].socket.`);
  }

  const pci = new Map<string, Obj>();
  for (const d of arr(at(h, 'hardware.pciDevice'))) {
    const a = pciAddress(str(at(d, 'id')));
    if (a) pci.set(a, d as Obj);
  }
  for (const p of arr(at(h, 'config.network.pnic'))) {
    const device = str(at(p, 'device'));
    if (!device) continue;
    const address = pciAddress(str(at(p, 'pci')));
    const dev = address ? pci.get(address) : undefined;
    const mb = num(at(p, 'linkSpeed.speedMb'));
    const nic: NicFacts = defined({
      name: device,
      driver: str(at(p, 'driver')),
      driverVersion: str(at(p, 'driverVersion')),
      firmware: str(at(p, 'firmwareVersion')),
      speedGbps: mb && mb > 0 ? mb / 1000 : undefined,
      numaNode: address ? pciNode.get(address) : undefined,
      pciAddress: address,
      pciVendorId: hex16(at(dev, 'vendorId')),
      pciDeviceId: hex16(at(dev, 'deviceId')),
    });
    host.nics.push(nic);
  }

  for (const s of arr(at(h, 'config.network.proxySwitch'))) {
    const swName = str(at(s, 'dvsName'));
    if (!swName) continue;
    const devices = arr(at(s, 'spec.backing.pnicSpec')).map((b) => str(at(b, 'pnicDevice'))).filter((d): d is string => !!d);
    const keys = arr(at(s, 'pnic')).map((k) => /PhysicalNic-(\S+)$/.exec(str(k) ?? '')?.[1]).filter((d): d is string => !!d);
    const ens = at(s, 'ensEnabled');
    const intr = at(s, 'ensInterruptEnabled');
    const swMode: SwitchMode | undefined = typeof ens !== 'boolean' ? undefined : !ens ? 'standard' : intr === true ? 'edp-standard' : 'edp-performance';
    host.switches.push(defined({ name: swName, uuid: str(at(s, 'dvsUuid')), mtu: num(at(s, 'mtu')), uplinks: [...new Set(devices.length ? devices : keys)], mode: swMode }));
  }
  return host;
}

/** A VM and the host it runs on (runtime.host), its vNICs' switches named by VDS UUID until attached. */
export interface VmFacts {
  hostId?: string;
  name: string;
  vcpus?: number;
  numaNode?: number;
  latencySensitivity?: LatencySensitivity;
  vnics: { name: string; adapter?: VnicAdapter; switchUuid?: string; portgroup?: string }[];
}

const ADAPTERS: Record<string, VnicAdapter> = { virtualvmxnet3: 'vmxnet3', virtuale1000: 'e1000', virtuale1000e: 'e1000e', virtualsriovethernetcard: 'sriov' };

export function readVirtualMachine(v: Obj): VmFacts | undefined {
  const name = str(at(v, 'name')) ?? str(at(v, 'config.name'));
  if (!name) return undefined;
  const affinity = arr(at(v, 'config.extraConfig')).find((e) => str(at(e, 'key'))?.toLowerCase() === 'numa.nodeaffinity');
  const nodes = (str(at(affinity, 'value')) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const level = str(at(v, 'config.latencySensitivity.level'))?.toLowerCase();
  const vnics: VmFacts['vnics'] = [];
  for (const d of arr(at(v, 'config.hardware.device'))) {
    const type = (str(at(d, '_typeName')) ?? str(at(d, 'type')) ?? '').toLowerCase();
    const isNic = type in ADAPTERS || /ethernet|vmxnet|e1000/.test(type) || (at(d, 'macAddress') !== undefined && at(d, 'backing') !== undefined);
    if (!isNic) continue;
    vnics.push(defined({
      name: str(at(d, 'deviceInfo.label')) ?? `vnic-${vnics.length}`,
      adapter: ADAPTERS[type],
      switchUuid: str(at(d, 'backing.port.switchUuid')),
      portgroup: str(at(d, 'backing.deviceName')),
    }));
  }
  return defined({
    hostId: str(at(v, 'runtime.host.value')) ?? str(at(v, 'summary.runtime.host.value')),
    name,
    vcpus: num(at(v, 'config.hardware.numCPU')),
    numaNode: nodes.length === 1 && /^\d+$/.test(nodes[0]) ? Number(nodes[0]) : undefined,
    latencySensitivity: level && ['low', 'normal', 'medium', 'high'].includes(level) ? (level as LatencySensitivity) : undefined,
    vnics,
  });
}

/** PCI ids are signed 16-bit in the API (0x8086 reads -32634). */
function hex16(v: unknown): string | undefined {
  const n = num(v);
  return n === undefined ? undefined : (n & 0xffff).toString(16).padStart(4, '0');
}

function mode(xs: number[]): number {
  const counts = new Map<number, number>();
  xs.forEach((x) => counts.set(x, (counts.get(x) ?? 0) + 1));
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
