// EDP switches and their lcores from ESXi command output:
//   vim-cmd hostsvc/net/info                 pyVmomi dump; proxySwitch[]: dvsName, dvsUuid, key (the portset, DvsPortset-N),
//                                            mtu, pnicDevice, ensEnabled, ensInterruptEnabled (vimcmd.ts)
//   esxcli network vswitch dvs vmware list   Name / VDS ID / MTU / Uplinks blocks (no EDP mode: that needs one of the others)
//   esxcli network ens lcore list            Lcore ID  Switch  Affinity (the switch as DvsPortset-N, affinity = NUMA node)
//   get ens lcore-assignment-mode (NSX CLI)  vNIC-count | cpu-usage
// ensEnabled without ensInterruptEnabled is EDP polling (Performance/Dedicated), with it EDP Standard
// (interrupt) mode (shared/nsx-and-esxi.md, "ESXi host output seen in real diagnostics collections").
import type { LcoreAssignment, LcoreGroup, SwitchMode } from '../../topology';
import type { HostFacts, SwitchFacts } from '../facts';
import { switchNamed } from '../facts';
import type { NicExtras } from './nics';
import { bool, int, keyValues, tables } from './lines';
import { dumpBlocks, dumpString } from './vimcmd';

interface LcoreRow {
  lcore: number;
  portset: string;
  numaNode: number;
}

export function readSwitches(lines: readonly string[], host: HostFacts): { found: boolean; lcores: LcoreRow[]; assignment?: LcoreAssignment } {
  let found = false;
  const text = lines.join('\n');
  for (const block of dumpBlocks(text, 'vim.host.HostProxySwitch')) {
    const name = dumpString(block, 'dvsName');
    if (!name) continue;
    found = true;
    const sw = switchNamed(host, name);
    sw.uuid ??= dumpString(block, 'dvsUuid');
    // The switch's key is its portset, the name the lcore listing uses (real dumps: key = "DvsPortset-2").
    const portset = /^\s*key\s*=\s*"(DvsPortset-\d+)"/m.exec(block)?.[1];
    if (portset) sw.portset ??= portset;
    const mtu = int(/\bmtu\s*=\s*(\d+)/.exec(block)?.[1]);
    if (mtu !== undefined) sw.mtu ??= mtu;
    const pnics = [...block.matchAll(/\bpnicDevice\s*=\s*"(vmnic\w+)"/g)].map((m) => m[1]);
    // pnic references: `"key-vim.host.PhysicalNic-vmnic4"`, or `<vim.host.PhysicalNic:key-vim.host.PhysicalNic-vmnic4>` as real dumps print them.
    const keys = [...block.matchAll(/["<:]key-vim\.host\.PhysicalNic-(vmnic\w+)[">]/g)].map((m) => m[1]);
    const uplinks = [...new Set(pnics.length ? pnics : keys)];
    if (uplinks.length) sw.uplinks ??= uplinks;
    const ens = bool(/\bensEnabled\s*=\s*(\w+)/.exec(block)?.[1]);
    const intr = bool(/\bensInterruptEnabled\s*=\s*(\w+)/.exec(block)?.[1]);
    const mode: SwitchMode | undefined = ens === undefined ? undefined : !ens ? 'standard' : intr ? 'edp-standard' : 'edp-performance';
    if (mode) sw.mode ??= mode;
  }

  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*VDS ID\s*:/.test(lines[i])) continue;
    let start = i;
    while (start > 0 && /^\s+[A-Za-z][\w .-]*:/.test(lines[start - 1])) start--;
    const { values, end } = keyValues(lines, start);
    const name = values.get('Name');
    if (!name) continue;
    found = true;
    const sw = switchNamed(host, name);
    const mtu = int(values.get('MTU'));
    if (mtu !== undefined) sw.mtu ??= mtu;
    const uplinks = (values.get('Uplinks') ?? '').split(/[,\s]+/).filter((u) => /^vmnic\w+$/.test(u));
    if (uplinks.length) sw.uplinks ??= uplinks;
    i = end - 1;
  }

  const lcores: LcoreRow[] = [];
  for (const t of tables(lines, /^\s*Lcore ID\s+Switch\s+Affinity\s*$/i, () => 3, /^\d+$/)) {
    found = true;
    for (const { cells } of t.rows) {
      const numaNode = int(cells[2]);
      if (numaNode !== undefined) lcores.push({ lcore: Number(cells[0]), portset: cells[1], numaNode });
    }
  }
  const assignment = /assignment[- ]mode[^\n]*?\b(vnic-count|cpu-usage)\b|assignment[- ]mode[^\n]*\n\s*(vnic-count|cpu-usage)\b/i.exec(text);
  const mode = (assignment?.[1] ?? assignment?.[2])?.toLowerCase() as LcoreAssignment | undefined;
  return { found: found || !!mode, lcores, ...(mode ? { assignment: mode } : {}) };
}

/**
 * The lcore rows go to the EDP switch of their portset. ESXi names the switch only as DvsPortset-N
 * there; with one EDP switch on the host that is the one, otherwise the rows stay on a switch named
 * after the portset for the user to rename (said in a note).
 */
export function attachLcores(host: HostFacts, rows: LcoreRow[], assignment: LcoreAssignment | undefined, extras: Pick<NicExtras, 'ensDriven' | 'rxRing'>, notes: string[]): void {
  const portsets = [...new Set(rows.map((r) => r.portset))];
  const edp = host.switches.filter((s) => s.mode !== undefined && s.mode !== 'standard');
  const candidates = edp.length ? edp : host.switches.filter((s) => s.mode === undefined);
  for (const portset of portsets) {
    let sw: SwitchFacts | undefined = host.switches.find((s) => s.portset === portset || s.name === portset);
    if (!sw && portsets.length === 1 && candidates.length === 1) sw = candidates[0];
    if (!sw) {
      sw = switchNamed(host, portset);
      notes.push(`Lcores of ${portset} could not be matched to a switch by name (ESXi lists them by portset): they are on a switch named "${portset}"; rename it to the VDS it is, or add \`vim-cmd hostsvc/net/info\` output when the host has one EDP switch.`);
    }
    sw.portset = portset;
    sw.lcores = groups(rows.filter((r) => r.portset === portset));
    if (assignment) sw.lcoreAssignment ??= assignment;
  }
  if (assignment && portsets.length === 0) for (const s of edp) s.lcoreAssignment ??= assignment;

  for (const sw of host.switches) {
    // ENS Driven uplinks say the switch is EDP when no dump said its mode.
    const driven = (sw.uplinks ?? []).map((u) => extras.ensDriven.get(u)).filter((d) => d !== undefined);
    if (sw.mode === undefined && driven.length > 0 && driven.length === (sw.uplinks ?? []).length && driven.every((d) => d.interrupt !== undefined)) {
      sw.mode = driven.every((d) => d.interrupt) ? 'edp-standard' : 'edp-performance';
    }
    const rings = (sw.uplinks ?? []).map((u) => extras.rxRing.get(u)).filter((r): r is number => r !== undefined);
    if (rings.length) {
      sw.rxRingSize ??= Math.max(...rings);
      if (new Set(rings).size > 1) notes.push(`Uplinks of ${sw.name} have different Rx ring sizes (${rings.join(', ')}): rxRingSize is the largest.`);
    }
  }
}

function groups(rows: LcoreRow[]): LcoreGroup[] {
  const by = new Map<number, number>();
  for (const r of rows) by.set(r.numaNode, (by.get(r.numaNode) ?? 0) + 1);
  return [...by].sort((a, b) => a[0] - b[0]).map(([numaNode, count]) => ({ numaNode, count }));
}
