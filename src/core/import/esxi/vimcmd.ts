// `vim-cmd hostsvc/net/info` prints the host's vim.host.NetworkInfo as a pyVmomi-style dump:
// `(vim.host.HostProxySwitch) { dvsName = "…", key = "DvsPortset-2", mtu = 2500, … }`. Real dumps
// (valenciakarlos/parseesxilogs, ens_diagnostics info.txt, ESXi 7.0.3 and 8.0) list the physical
// NICs as `<vim.host.PhysicalNic:key-vim.host.PhysicalNic-vmnic4>` references inside a switch, and
// as full `(vim.host.PhysicalNic) { device, pci, driver, … linkSpeed { speedMb } }` elements in
// the `pnic` list; the host name is in `dnsConfig` (hostName, domainName).
import type { NicFacts } from '../facts';
import { defined, pciAddress } from '../facts';
import { int } from './lines';

/** The `(vim.<type>) { … }` elements of a dump, braces balanced outside strings. */
export function dumpBlocks(text: string, type: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`\\(${type.replace(/\./g, '\\.')}\\)\\s*\\{`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 0;
    let inString = false;
    let i = m.index + m[0].length - 1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out.push(text.slice(m.index, i + 1));
    re.lastIndex = i;
  }
  return out;
}

/** The first `name = "value"` of a dump block (the block's own field comes before its children's). */
export function dumpString(block: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(block)?.[1];
}

/** Physical NICs of the dump's `pnic` list: device, PCI address, driver, versions, link speed (none when the link is down: `linkSpeed = <unset>`). */
export function readDumpNics(text: string): NicFacts[] {
  const nics: NicFacts[] = [];
  for (const block of dumpBlocks(text, 'vim.host.PhysicalNic')) {
    const name = dumpString(block, 'device');
    if (!name || !/^vmnic\w+$/.test(name)) continue;
    // The NIC's own linkSpeed comes first; validLinkSpecification and spec.linkSpeed follow it.
    const speed = int(/\blinkSpeed\s*=\s*\(vim\.host\.PhysicalNic\.LinkSpeedDuplex\)\s*\{\s*speedMb\s*=\s*(\d+)/.exec(block)?.[1]);
    nics.push(defined({
      name,
      pciAddress: pciAddress(dumpString(block, 'pci')),
      driver: dumpString(block, 'driver') || undefined,
      driverVersion: dumpString(block, 'driverVersion') || undefined,
      firmware: dumpString(block, 'firmwareVersion') || undefined,
      speedGbps: speed && speed > 0 ? speed / 1000 : undefined,
    }));
  }
  return nics;
}

/** The host's name from the dump's default `dnsConfig` (netstack instances print empty ones). */
export function readDumpHostName(text: string): string | undefined {
  for (const block of dumpBlocks(text, 'vim.host.DnsConfig')) {
    const host = dumpString(block, 'hostName');
    if (!host) continue;
    const domain = dumpString(block, 'domainName');
    return domain ? `${host}.${domain}` : host;
  }
  return undefined;
}

/** The numbers of a dump array field: `cpuID = (short) [ 0, 1, 2 ]`. */
function dumpNumbers(block: string, name: string): number[] {
  const list = new RegExp(`\\b${name}\\s*=\\s*\\([\\w.]+\\)\\s*\\[([^\\]]*)\\]`).exec(block)?.[1] ?? '';
  return [...list.matchAll(/-?\d+/g)].map((m) => Number(m[0]));
}

/** The strings of a dump array field: `pciId = (string) [ "0000:3b:00.0" ]`. */
function dumpStrings(block: string, name: string): string[] {
  const list = new RegExp(`\\b${name}\\s*=\\s*\\(string\\)\\s*\\[([^\\]]*)\\]`).exec(block)?.[1] ?? '';
  return [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

function dumpNumber(block: string, name: string): number | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(-?\\d+)L?\\b`).exec(block);
  return m ? Number(m[1]) : undefined;
}

export interface DumpHardware {
  /** HostCpuInfo: packages, cores, threads (host totals), clock. */
  cpuInfo?: { packages?: number; cores?: number; threads?: number; hz?: number };
  /** HostCpuPackage: index, its thread ids, model string and clock. */
  packages: { index: number; threads: number[]; description?: string; hz?: number }[];
  /** HostNumaNode: typeId, its thread ids, memory, and the PCI devices attached to it (ESXi 7.0+). */
  nodes: { id: number; cpus: number[]; bytes?: number; pciIds: string[] }[];
}

/**
 * `vim-cmd hostsvc/hosthardware` prints the host's vim.host.HardwareInfo in the same dump form as
 * hostsvc/net/info: `(vim.host.CpuInfo) { numCpuPackages, numCpuCores, numCpuThreads, hz }`,
 * `(vim.host.CpuPackage) { index, hz, description, threadId = (short) [ … ] }`
 * and `(vim.host.NumaNode) { typeId, cpuID = (short) [ … ], memoryRangeLength, pciId = (string) [ … ] }`
 * (field names of the vSphere API's HostCpuPackage and HostNumaNode, the objects the vSphere JSON
 * reader takes from HostSystem.hardware). No real output of this command was found in public
 * sources; the layout is the dump convention of the real hostsvc/net/info output.
 */
export function readDumpHardware(text: string): DumpHardware {
  const packages = dumpBlocks(text, 'vim.host.CpuPackage').map((b, i) => ({
    index: dumpNumber(b, 'index') ?? i,
    threads: dumpNumbers(b, 'threadId'),
    ...(dumpString(b, 'description') ? { description: dumpString(b, 'description')!.replace(/\s+/g, ' ').trim() } : {}),
    ...(dumpNumber(b, 'hz') !== undefined ? { hz: dumpNumber(b, 'hz') } : {}),
  }));
  const nodes = dumpBlocks(text, 'vim.host.NumaNode').map((b, i) => ({
    id: dumpNumber(b, 'typeId') ?? i,
    cpus: dumpNumbers(b, 'cpuID'),
    ...(dumpNumber(b, 'memoryRangeLength') !== undefined ? { bytes: dumpNumber(b, 'memoryRangeLength') } : {}),
    pciIds: dumpStrings(b, 'pciId'),
  }));
  const info = dumpBlocks(text, 'vim.host.CpuInfo')[0];
  const cpuInfo = info ? { packages: dumpNumber(info, 'numCpuPackages'), cores: dumpNumber(info, 'numCpuCores'), threads: dumpNumber(info, 'numCpuThreads'), hz: dumpNumber(info, 'hz') } : undefined;
  return { ...(cpuInfo ? { cpuInfo } : {}), packages, nodes };
}

/** The NSX transport node id of an NSX-prepared host (`nsxTransportNodeId = "94f13734-…"` in the NetworkInfo dump). */
export function readDumpNsxNodeId(text: string): string | undefined {
  return /^\s*nsxTransportNodeId\s*=\s*"([0-9a-f-]{36})"/im.exec(text)?.[1];
}

/** VMkernel interfaces' IPv4 addresses in the dump's `vnic` list (`(vim.host.VirtualNic) { device = "vmk0", … ipAddress = "10.0.0.5" }`). */
export function readDumpAddresses(text: string): string[] {
  return dumpBlocks(text, 'vim.host.VirtualNic')
    .map((b) => dumpString(b, 'ipAddress'))
    .filter((a): a is string => !!a && /^\d{1,3}(\.\d{1,3}){3}$/.test(a));
}
