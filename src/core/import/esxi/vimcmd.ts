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
