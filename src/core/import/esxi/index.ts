// ESXi command output (one file or the files of a folder, any order, any headings) read into the
// facts of one host. Each reader recognises its command by the output's own shape (lines.ts).
import type { HostFacts, PciProps } from '../facts';
import { emptyHost, pciAddress } from '../facts';
import { readCpu } from './cpu';
import { type FlowSample, measuredFrom, readFlowSamples } from './flowStats';
import { readNics, setNic } from './nics';
import { attachLcores, readSwitches } from './switches';
import { tables } from './lines';
import { readDumpAddresses, readDumpHardware, readDumpNsxNodeId } from './vimcmd';

interface EsxiRead {
  host: HostFacts;
  notes: string[];
  /** false when nothing in the text is a known ESXi output. */
  recognised: boolean;
}

export function readEsxiOutput(text: string): EsxiRead {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = clean.split('\n');
  const notes: string[] = [];
  const host = emptyHost();
  const hardware = readDumpHardware(clean);
  const cpu = readCpu(lines, host, notes, hardware);
  const nics = readNics(lines, host, notes);
  const switches = readSwitches(lines, host);
  const addresses = [...new Set([...readDumpAddresses(clean), ...vmkAddresses(lines)])];
  if (addresses.length) host.addresses = addresses;
  const nsxNodeId = readDumpNsxNodeId(clean);
  if (nsxNodeId) host.nsxNodeId = nsxNodeId;
  const samples = /lcore_?\s*id/i.test(clean) ? readFlowSamples(clean, lines) : [];
  host.esxi = {
    lcores: switches.lcores,
    ...(switches.assignment ? { assignment: switches.assignment } : {}),
    samples,
    ensDriven: [...nics.extras.ensDriven],
    rxRing: [...nics.extras.rxRing],
    ...(nics.extras.pciProps.length || hardware.nodes.some((n) => n.pciIds.length) ? { pciProps: [...nics.extras.pciProps, ...numaPci(hardware)] } : {}),
  };
  return { host, notes, recognised: cpu || nics.found || switches.found || samples.length > 0 };
}

/** `esxcli network ip interface ipv4 get`: Name  IPv4 Address  IPv4 Netmask … (a vmk per row). */
function vmkAddresses(lines: readonly string[]): string[] {
  return tables(lines, /^\s*Name\s+IPv4 Address\s+IPv4 Netmask\b/, () => 3, /^vmk\d+$/).flatMap((t) => t.rows.map((r) => r.cells[1]).filter((a) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a)));
}

/** The PCI devices each NUMA node of the hardware dump lists: a NIC among them is local to that node. */
function numaPci(hardware: ReturnType<typeof readDumpHardware>): PciProps[] {
  return hardware.nodes.flatMap((n) => n.pciIds.map((id) => pciAddress(id)).filter((a): a is string => a !== undefined).map((pciAddress) => ({ pciAddress, numaNode: n.id, fromNumaInfo: true as const })));
}

/** Lcores, rings and flow statistics joined to the host's switches, once every input about the host is merged. */
export function resolveEsxi(host: HostFacts, notes: string[]): void {
  const pending = host.esxi;
  if (!pending) return;
  delete host.esxi;
  for (const p of pending.pciProps ?? []) {
    const nic = host.nics.find((n) => n.pciAddress === p.pciAddress);
    // A NUMA node lists every PCI device on it (HBAs, bridges): only its NICs matter.
    if (!nic && p.fromNumaInfo) continue;
    if (!nic) {
      notes.push(`${host.name ?? 'A host'}: a vsish pNic properties block of PCI address ${p.pciAddress} names no vmnic, and no NIC listing (\`esxcli network nic list\`, \`esxcfg-nics -l\`) has that address: its NUMA node is not used. Keep the \`vsish -e get /net/pNics/vmnicN/properties\` command line above its output.`);
      continue;
    }
    const { pciAddress: _a, numaNode, fromNumaInfo: _f, ...props } = p;
    if (numaNode !== undefined) nic.numaNode ??= numaNode;
    setNic(nic, props);
  }
  attachLcores(host, pending.lcores, pending.assignment, { ensDriven: new Map(pending.ensDriven), rxRing: new Map(pending.rxRing) }, notes);
  const samples = pending.samples;
  if (samples.length === 0) return;
  const portsetOf = new Map(pending.lcores.map((r) => [r.lcore, r.portset]));
  const nodeOf = new Map(pending.lcores.map((r) => [r.lcore, r.numaNode]));
  const edp = host.switches.filter((s) => s.mode !== 'standard');
  const bySwitch = new Map<string, FlowSample[]>();
  for (const s of samples) {
    const portset = portsetOf.get(s.lcore);
    const sw = (portset && host.switches.find((x) => x.portset === portset)) || (edp.length === 1 ? edp[0] : undefined);
    if (!sw) continue;
    bySwitch.set(sw.name, [...(bySwitch.get(sw.name) ?? []), s]);
  }
  const placed = [...bySwitch.values()].reduce((n, s) => n + s.length, 0);
  if (placed < samples.length) {
    notes.push(`${host.name ?? 'A host'}: flow statistics of some lcores could not be given to a switch: add \`esxcli network ens lcore list\` output (it names each lcore's switch).`);
  }
  for (const [name, mine] of bySwitch) {
    const measured = measuredFrom(mine, nodeOf, notes);
    if (measured) host.switches.find((s) => s.name === name)!.measured = measured;
  }
}
