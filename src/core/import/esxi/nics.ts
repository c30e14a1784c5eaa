// Physical NICs from ESXi command output:
//   esxcli network nic list      Name  PCI Device  Driver  Admin Status  Link Status  Speed  Duplex  MAC Address  MTU  Description
//                                (ESXi 5.5: one `Link` column instead of the two statuses)
//   esxcfg-nics -l               Name  PCI  Driver  Link  Speed  Duplex  MAC Address  MTU  Description
//   PowerCLI (Get-EsxCli -V2).network.nic.list.Invoke()   `Name : vmnic0`, `PCIDevice : 0000:04:00.0`, `Driver`, `Speed` blocks
//   esxcfg-nics -e               Name  Driver  ENS Capable  ENS Driven  [INTR Capable  INTR Enabled]  MAC Address  Description
//   vsish -e get /net/pNics/vmnicN/properties   `Device NUMA Node:` (and the PCI address)
//   the pnic affinity listing    Dev  Affinity (ENS diagnostics collections), or the NSX CLI's
//                                `get ens dev affinity list`: Dev Name : vmnic1 / Affinity : 0
//   nsxdp-cli ens uplink ring get -n vmnicN / esxcli network nic ring current get -n vmnicN   Rx ring size
//   esxcli network nic get -n vmnicN   Name, Driver Info { Bus Info 0000:4b:00:0, Driver, Firmware Version, Version }
//   vim-cmd hostsvc/net/info     the pnic list (vimcmd.ts)
import type { HostFacts, NicFacts, PciProps } from '../facts';
import { defined, nicNamed, pciAddress } from '../facts';
import { bool, int, keyValues, tables, vmnicAbove } from './lines';
import { readDumpNics } from './vimcmd';

const VMNIC = /^vmnic\w+$/;
/**
 * One NIC row of `esxcli network nic list` (one or two link-state columns, speed in Mb/s) or
 * `esxcfg-nics -l` (`25000Mbps`): name, PCI address, driver (blank for a NIC no driver claims), speed.
 */
const NIC_ROW = /^\s*(vmnic\w+)\s+(\S+)\s+(?:(?!(?:Up|Down)\s)(\S+)\s+)?(?:(?:Up|Down)\s+)?(?:Up|Down)\s+(\d+)(?:Mbps)?\s+(?:Full|Half)\s+(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\s+\d+(?:\s.*)?$/i;

export interface NicExtras {
  /** vmnics ESXi says run in EDP (ENS Driven), with interrupts (INTR Enabled) when the column is there. */
  ensDriven: Map<string, { interrupt?: boolean }>;
  /** Rx ring size per vmnic. */
  rxRing: Map<string, number>;
  /** vsish properties of a PCI address no NIC of this input has (the nic list may be another file). */
  pciProps: PciProps[];
}

export function readNics(lines: readonly string[], host: HostFacts, notes: string[]): { found: boolean; extras: NicExtras } {
  let found = false;
  const extras: NicExtras = { ensDriven: new Map(), rxRing: new Map(), pciProps: [] };

  // Rows are read by what each value looks like (link state, speed, duplex, MAC), not by position:
  // a NIC without a driver leaves the Driver column blank, and `100000Mbps Full` overflows its column.
  const nicList = /^\s*Name\s+PCI Device\s+Driver\s+(Admin Status\s+Link Status|Link)\s+Speed\s+Duplex\s+MAC Address\s+MTU\s+Description\s*$/;
  for (const t of tables(lines, nicList, (m) => (m[1] === 'Link' ? 9 : 10), VMNIC)) {
    found = true;
    for (const { line, cells } of t.rows) {
      const row = NIC_ROW.exec(lines[line]);
      const [name, pci, driver, speed] = row ? [row[1], row[2], row[3], row[4]] : [cells[0], cells[1], cells[2], cells[t.headerMatch[1] === 'Link' ? 4 : 5]];
      const nic = nicNamed(host, name);
      setNic(nic, { pciAddress: pciAddress(pci), driver });
      linkSpeed(nic, int(speed));
    }
  }
  const cfgList = /^\s*Name\s+PCI\s+Driver\s+Link\s+Speed\s+Duplex\s+MAC Address\s+MTU\s+Description\s*$/;
  for (const t of tables(lines, cfgList, () => 9, VMNIC)) {
    found = true;
    for (const { line, cells } of t.rows) {
      const row = NIC_ROW.exec(lines[line]);
      const [name, pci, driver, speed] = row ? [row[1], row[2], row[3], row[4]] : [cells[0], cells[1], cells[2], /^(\d+)\s*Mbps$/i.exec(cells[4])?.[1]];
      const nic = nicNamed(host, name);
      setNic(nic, { pciAddress: pciAddress(pci), driver });
      linkSpeed(nic, int(speed));
    }
  }
  // PowerCLI prints esxcli's list as `Key : Value` blocks, one per NIC.
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*PCIDevice\s*:/.test(lines[i])) continue;
    let start = i;
    while (start > 0 && /^\s*[A-Za-z]\w*\s*:/.test(lines[start - 1])) start--;
    const block = keyValues(lines, start);
    const name = block.values.get('Name');
    if (!name || !VMNIC.test(name)) continue;
    found = true;
    const nic = nicNamed(host, name);
    setNic(nic, { pciAddress: pciAddress(block.values.get('PCIDevice')), driver: block.values.get('Driver') });
    linkSpeed(nic, int(block.values.get('Speed')));
    i = block.end - 1;
  }
  // Both layouts: ESXi builds before 7.0 lack the two INTR columns.
  const cfgEns = /^\s*Name\s+Driver\s+ENS Capable\s+ENS Driven\s+(INTR Capable\s+INTR Enabled\s+)?MAC Address\s+Description\s*$/;
  for (const t of tables(lines, cfgEns, (m) => (m[1] ? 8 : 6), VMNIC)) {
    found = true;
    const intr = !!t.headerMatch[1];
    for (const { cells } of t.rows) {
      const [name, driver, , driven, , intrEnabled] = cells;
      setNic(nicNamed(host, name), { driver });
      if (bool(driven)) extras.ensDriven.set(name, intr ? { interrupt: bool(intrEnabled) } : {});
    }
  }

  for (const { name, ...facts } of readDumpNics(lines.join('\n'))) {
    found = true;
    setNic(nicNamed(host, name), facts);
  }

  // esxcli network nic get: the NIC's name and, under Driver Info, its PCI address as `Bus Info: 0000:4b:00:0` (a colon before the function).
  for (let i = 0; i < lines.length; i++) {
    const bus = /^\s*Bus Info\s*:\s*([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2})[:.]([0-7])\s*$/i.exec(lines[i]);
    if (!bus) continue;
    let start = i;
    while (start > 0 && /^\s*[A-Za-z][\w .()/-]*:/.test(lines[start - 1])) start--;
    const block = keyValues(lines, start);
    const name = block.values.get('Name');
    if (!name || !VMNIC.test(name)) continue;
    found = true;
    setNic(nicNamed(host, name), { pciAddress: pciAddress(`${bus[1]}.${bus[2]}`), driver: block.values.get('Driver'), firmware: block.values.get('Firmware Version'), driverVersion: block.values.get('Version') });
    i = block.end - 1;
  }

  // vsish properties blocks: the vmnic is in the command line above, else matched by PCI address.
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*Device NUMA Node\s*:/i.test(lines[i])) continue;
    found = true;
    let start = i;
    while (start > 0 && /^\s*[A-Za-z][\w .()/-]*:/.test(lines[start - 1])) start--;
    const block = keyValues(lines, start);
    const node = int(block.values.get('Device NUMA Node'));
    const blockStart = /properties\s*\{?\s*$/.test(lines[start - 1] ?? '') ? start - 1 : start;
    const address = addressOf(block.values);
    const name = vmnicAbove(lines, blockStart) ?? host.nics.find((n) => address !== undefined && n.pciAddress === address)?.name;
    const props = { driver: block.values.get('Driver Name'), driverVersion: block.values.get('Driver Version'), firmware: block.values.get('Driver Firmware Version') };
    i = block.end - 1;
    if (!name) {
      // The nic list that names this address may be another file of the collection: joined once all are read (esxi/index.ts).
      if (address !== undefined) extras.pciProps.push(defined({ pciAddress: address, numaNode: node !== undefined && node >= 0 ? node : undefined, ...props }));
      else notes.push(`A vsish pNic properties block (line ${i + 1}) names no vmnic and no PCI address: its NUMA node is not used. Keep the \`vsish -e get /net/pNics/vmnicN/properties\` command line above its output.`);
      continue;
    }
    const nic = nicNamed(host, name);
    if (node !== undefined && node >= 0) nic.numaNode = node;
    setNic(nic, props);
  }

  for (const t of tables(lines, /^\s*Dev(?:ice)?\s+Affinity\s*$/, () => 2, VMNIC)) {
    found = true;
    for (const { cells } of t.rows) {
      const node = int(cells[1]);
      if (node !== undefined && node >= 0) nicNamed(host, cells[0]).numaNode = node;
    }
  }

  // The NSX CLI's form of the same listing (`get ens dev affinity list`, NSX CLI guide):
  // `Dev Name : vmnic1` and `Affinity : 0`, on one line or two.
  const devNames = lines.some((l) => /^[ \t]*Dev Name[ \t]*:/i.test(l)) ? lines.join('\n').matchAll(/^[ \t]*Dev Name[ \t]*:[ \t]*(vmnic\w+)[ \t]*\n?[ \t]*Affinity[ \t]*:[ \t]*(-?\d+)[ \t]*$/gim) : [];
  for (const m of devNames) {
    found = true;
    const node = Number(m[2]);
    if (node >= 0) nicNamed(host, m[1]).numaNode = node;
  }

  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:Rx Ring Size|RX)\s*:\s*(\d+)\s*$/i.exec(lines[i]);
    if (!m) continue;
    const name = vmnicAbove(lines, i, 6);
    if (name) {
      extras.rxRing.set(name, Number(m[1]));
      found = true;
    }
  }
  return { found, extras };
}

export function setNic(nic: NicFacts, facts: Partial<NicFacts>): void {
  for (const [k, v] of Object.entries(facts) as [keyof NicFacts, string | undefined][]) {
    if (v !== undefined && v !== '' && (nic as unknown as Record<string, unknown>)[k] === undefined) (nic as unknown as Record<string, unknown>)[k] = v;
  }
}

/** A link that is down reports speed 0: the port's speed is then unknown, not zero (the final notes say so). */
function linkSpeed(nic: NicFacts, mbps: number | undefined): void {
  if (mbps && mbps > 0) nic.speedGbps ??= mbps / 1000;
}

function addressOf(values: Map<string, string>): string | undefined {
  const seg = int(values.get('PCI Segment')), bus = int(values.get('PCI Bus')), slot = int(values.get('PCI Slot')), fn = int(values.get('PCI Fn'));
  if (bus === undefined || slot === undefined || fn === undefined) return undefined;
  return pciAddress(`${(seg ?? 0).toString(16)}:${bus.toString(16)}:${slot.toString(16)}.${fn}`);
}

