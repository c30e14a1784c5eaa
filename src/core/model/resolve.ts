// The topology with its references resolved, as the model and its findings need it. Dangling
// references (an uplink naming no NIC, a vNIC naming no switch, an unknown NUMA node) are
// skipped here without a word: the ref/* rules report them, and the model must never throw.
import { effectiveMode, type Host, type Nic, numaNodesOf, type NumaNode, type Switch, type Target, type Vm } from '../topology';
import { queueFlowCount, queueSums, type QueueSums } from './zipf';

export interface ResolvedUplink {
  /** Index in switch.uplinks. */
  index: number;
  nicIndex: number;
  nic: Nic;
}

export interface ResolvedLcore {
  index: number;
  numaNode: number;
  /** Index in switch.lcores; undefined for the default lcore of a switch that declares none. */
  group: number | undefined;
}

/** What the queues of one vNIC share: one object per vNIC, not a copy of each field per queue. */
export interface VnicLoad {
  vmIndex: number;
  vnicIndex: number;
  vm: string;
  vnic: string;
  /** The vNIC's queue count: queue j holds its ranks j+1, j+1+queues, … (RSS). */
  queues: number;
  /** The vNIC's flows, over which the Zipf ranks run. */
  flows: number;
  zipf: number;
  /** The queue sums and RSS shares of (flows, zipf, queues); undefined without flows. */
  law: QueueSums | undefined;
  packetBytes: number;
  /** The vNIC's traffic.rxShare, if the file gives one. */
  rxShare: number | undefined;
}

/**
 * The vNIC queues of a host: the units of work the Thread Load Balancer places (DESIGN §3), one
 * column per field (a large design has tens of thousands of queues; an object per queue, with
 * its numbers boxed, was most of the model's allocation and of the collector's work). A unit is
 * an index; each switch's units are a contiguous run, in file order.
 */
export interface UnitTable {
  /** What the unit's vNIC's queues share. */
  load: VnicLoad[];
  /** The unit's queue number within its vNIC. */
  queue: number[];
  /** This queue's packets: the vNIC's pps × the popularity share of its flows. */
  pps: number[];
  /** This queue's exact flow count (never rounded: the queues' counts sum to the vNIC's flows). */
  flows: number[];
  newFlowsPerSec: number[];
  /** The NUMA node the queue should be served on: its VM's node, else the uplinks' node; NO_HOME when neither is known. */
  home: number[];
}

/** `home` of a unit whose VM has no node and whose switch no uplink. */
export const NO_HOME = -1;

export interface ResolvedSwitch {
  index: number;
  sw: Switch;
  mode: 'standard' | 'edp-standard' | 'edp-performance';
  edp: boolean;
  uplinks: ResolvedUplink[];
  /** The uplinks that carry traffic under the switch's default teaming (standby ones do not). */
  carrying: ResolvedUplink[];
  /** NUMA node of the first uplink (naming a NIC) on a node where the switch has lcores, else of the first uplink. */
  uplinkNode: number | undefined;
  lcores: ResolvedLcore[];
  /** The host's units; this switch's are `firstUnit` up to (not including) `endUnit`. */
  units: UnitTable;
  firstUnit: number;
  endUnit: number;
}

export interface ResolvedHost {
  index: number;
  host: Host;
  /** What it was resolved against (a switch's mode inherits target.mode). */
  target: Target;
  nodes: NumaNode[];
  switches: ResolvedSwitch[];
}

/** Zipf exponent of traffic that omits it (the schema's default). */
const DEFAULT_ZIPF = 1;

/** Far above any real host (NSX lcore ids are 0–63); keeps a half-typed count from stalling the editor. */
const MAX_EXPANDED = 4096;

export function resolveHost(host: Host, index: number, target: Target): ResolvedHost {
  const nodes = numaNodesOf(host);
  const switches: ResolvedSwitch[] = [];
  for (let s = 0; s < host.switches.length; s++) switches.push(resolveSwitch(host.switches[s], s, host, nodes, target));
  // Plain loops and linear scans over the host's few switches and nodes: this runs for every
  // host on every analysis, and closures, Sets and Maps per host showed up in its profile.
  const byName = switches.length > 8 ? firstByName(switches) : undefined;
  const vms = host.vms ?? [];
  // Two passes over the vNICs: count each switch's queues, then fill its run of the table.
  const counts = new Array<number>(switches.length).fill(0);
  for (let v = 0; v < vms.length; v++) {
    const vnics = vms[v].vnics;
    for (let n = 0; n < vnics.length; n++) {
      const rs = byName ? byName.get(vnics[n].switch) : firstNamed(switches, vnics[n].switch);
      if (rs) counts[rs.index] += queuesOf(vnics[n]);
    }
  }
  let total = 0;
  for (let s = 0; s < switches.length; s++) {
    switches[s].firstUnit = switches[s].endUnit = total;
    total += counts[s];
  }
  const table: UnitTable = {
    load: new Array<VnicLoad>(total),
    queue: new Array<number>(total),
    pps: new Array<number>(total),
    flows: new Array<number>(total),
    newFlowsPerSec: new Array<number>(total),
    home: new Array<number>(total),
  };
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    const vmNode = vm.numaNode !== undefined && hasNode(nodes, vm.numaNode) ? vm.numaNode : undefined;
    for (let n = 0; n < vm.vnics.length; n++) {
      const name = vm.vnics[n].switch;
      const rs = byName ? byName.get(name) : firstNamed(switches, name);
      if (rs) rs.endUnit = fillUnits(table, rs.endUnit, vm, v, n, vmNode ?? rs.uplinkNode);
    }
  }
  for (const rs of switches) rs.units = table;
  return { index, host, target, nodes, switches };
}

/** The first switch of each name (a vNIC names a switch; duplicates are ref/* findings). */
function firstByName(switches: readonly ResolvedSwitch[]): Map<string, ResolvedSwitch> {
  const byName = new Map<string, ResolvedSwitch>();
  for (const rs of switches) if (!byName.has(rs.sw.name)) byName.set(rs.sw.name, rs);
  return byName;
}

function firstNamed(switches: readonly ResolvedSwitch[], name: string): ResolvedSwitch | undefined {
  for (const rs of switches) if (rs.sw.name === name) return rs;
  return undefined;
}

function hasNode(nodes: readonly NumaNode[], id: number): boolean {
  for (const node of nodes) if (node.id === id) return true;
  return false;
}

function resolveSwitch(sw: Switch, index: number, host: Host, nodes: NumaNode[], target: Target): ResolvedSwitch {
  const mode = effectiveMode(sw, target);
  const uplinks: ResolvedUplink[] = [];
  for (let u = 0; u < sw.uplinks.length; u++) {
    const name = sw.uplinks[u];
    const nicIndex = host.nics.findIndex((n) => n.name === name);
    // A NIC named twice in one LAG still carries its line rate once.
    if (nicIndex < 0 || uplinks.some((up) => up.nicIndex === nicIndex)) continue;
    uplinks.push({ index: u, nicIndex, nic: host.nics[nicIndex] });
  }
  const lcores = lcoresOf(sw, nodes);
  // NUMA-aware teaming keeps a VM's traffic on an uplink by the lcores: that uplink's node is home.
  const byLcores = uplinks.find((u) => hasLcoreOn(lcores, u.nic.numaNode)) ?? uplinks[0];
  const carrying = carryingUplinks(sw, uplinks);
  return { index, sw, mode, edp: mode !== 'standard', uplinks, carrying, uplinkNode: byLcores?.nic.numaNode, lcores, units: NO_UNITS, firstUnit: 0, endUnit: 0 };
}

function hasLcoreOn(lcores: readonly ResolvedLcore[], node: number): boolean {
  for (const l of lcores) if (l.numaNode === node) return true;
  return false;
}

/**
 * The uplinks the default teaming sends traffic over: every uplink without a teaming (NSX makes
 * them all active); with one, its active members (a LAG stands for all its NICs), and under
 * failover-order only the first of them that names a NIC ("the first active uplink carries the
 * traffic; a standby uplink takes over when it fails"). Standby members carry nothing until a
 * failure, so they add no line rate. A teaming whose names resolve to no uplink (ref/unknown-uplink
 * reports it) leaves every uplink carrying, so a typo never reads as zero capacity.
 */
function carryingUplinks(sw: Switch, uplinks: ResolvedUplink[]): ResolvedUplink[] {
  const teaming = sw.teaming;
  if (!teaming || !Array.isArray(teaming.active)) return uplinks;
  const byName = new Map(uplinks.map((u) => [u.nic.name, u]));
  const lags = new Map((sw.lags ?? []).map((l) => [l.name, l.uplinks]));
  const members = teaming.active
    .map((name) => (lags.get(name) ?? [name]).flatMap((n) => byName.get(n) ?? []))
    .filter((m) => m.length > 0);
  const chosen = teaming.policy === 'failover-order' ? members.slice(0, 1) : members;
  const carrying = [...new Set(chosen.flat())];
  return carrying.length > 0 ? uplinks.filter((u) => carrying.includes(u)) : uplinks;
}

/**
 * The switch's lcore groups expanded in file order. A switch that declares none gets NSX's
 * cpu_config default: one lcore on the first NUMA node (domain.md §1).
 */
function lcoresOf(sw: Switch, nodes: NumaNode[]): ResolvedLcore[] {
  const groups = sw.lcores ?? [];
  if (groups.length === 0) return [{ index: 0, numaNode: nodes[0]?.id ?? 0, group: undefined }];
  const out: ResolvedLcore[] = [];
  for (let group = 0; group < groups.length; group++) {
    const g = groups[group];
    const count = Number.isFinite(g.count) ? Math.max(0, Math.floor(g.count)) : 0;
    for (let i = 0; i < count && out.length < MAX_EXPANDED; i++) out.push({ index: out.length, numaNode: g.numaNode, group });
  }
  return out;
}

const NO_UNITS: UnitTable = { load: [], queue: [], pps: [], flows: [], newFlowsPerSec: [], home: [] };

/** The units a vNIC places: its queue count, or none without traffic. */
function queuesOf(vnic: Vm['vnics'][number]): number {
  const t = vnic.traffic;
  if (!t || !(t.pps > 0)) return 0;
  return Number.isFinite(vnic.queues) ? Math.min(MAX_EXPANDED, Math.max(1, Math.floor(vnic.queues!))) : 1;
}

/**
 * A vNIC's traffic partitioned over its queues by RSS (DESIGN §2): the flow of Zipf rank k
 * (1-based) goes to queue (k − 1) mod q, so queue j holds exactly ⌈(N − j)/q⌉ flows (1 flow over
 * 4 queues: 1, 0, 0, 0) and carries the vNIC's pps × the popularity of its ranks (queue 0 is
 * the heaviest under Zipf; a queue without flows carries nothing). New flows follow the packets.
 * A vNIC without traffic places no work. Writes its units from `at`; returns where they end.
 */
function fillUnits(table: UnitTable, at: number, vm: Vm, vmIndex: number, vnicIndex: number, home: number | undefined): number {
  const vnic = vm.vnics[vnicIndex];
  const q = queuesOf(vnic);
  if (q === 0) return at;
  const t = vnic.traffic!;
  const flows = Number.isFinite(t.flows) ? Math.max(0, Math.floor(t.flows)) : 0;
  const zipf = Number.isFinite(t.zipf) ? Math.max(0, t.zipf!) : DEFAULT_ZIPF;
  const law = flows > 0 ? queueSums(flows, zipf, q) : undefined;
  const shares = law?.shares;
  const newFlows = Number.isFinite(t.newFlowsPerSec) ? Math.max(0, t.newFlowsPerSec!) : 0;
  const load: VnicLoad = { vmIndex, vnicIndex, vm: vm.name, vnic: vnic.name, queues: q, flows, zipf, law, packetBytes: t.packetBytes, rxShare: t.rxShare };
  const h = home ?? NO_HOME;
  for (let queue = 0; queue < q; queue++, at++) {
    const share = shares ? shares[queue] : 1 / q;
    table.load[at] = load;
    table.queue[at] = queue;
    table.pps[at] = t.pps * share;
    table.flows[at] = queueFlowCount(flows, q, queue);
    table.newFlowsPerSec[at] = newFlows * share;
    table.home[at] = h;
  }
  return at;
}
