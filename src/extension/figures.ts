// The model's figures as the editor shows them: the CodeLens line above a switch, the hovers on
// switches, vNICs, lcore groups and NICs, and the status bar's worst figure.
// Pure on purpose (no vscode import): unit tests run it without VS Code. Hovers are Markdown
// strings; hover.ts wraps them, untrusted, so a name from the file can only ever be text.
import { type AssignedQueue, type CatalogEntry, cores as coresText, CORES_EXPLAINED, coresInOwnMode, count, type DatapathModel, dropText, fixed, hitRateText, type Host, type LcoreModel, lineRatePps, mdEscape as md, mdTable, minimumsApply, type Nic, ownModeKey, pct, plural, rate, type SwitchModel, type Vm } from '../core';

const MODE_NAMES: Record<SwitchModel['mode'], string> = {
  'standard': 'Standard (heritage stack)',
  'edp-standard': 'EDP Standard',
  'edp-performance': 'EDP Performance',
};

/**
 * The CodeLens above a switch: "hit 99.7% · 4 lcores · max util 13.0% · 0.35 cores" (· "drops
 * 12.5%"), each figure as every view prints it (src/core/present).
 */
export function switchLensText(sw: SwitchModel): string {
  const cores = `${coresText(coresInOwnMode(sw))} cores`;
  const drops = sw.dropRate > 0 ? [`drops ${dropText(sw.dropRate)}`] : [];
  if (sw.mode === 'standard') return [`standard stack`, rate(sw.offeredPps), cores, ...drops].join(' · ');
  const lcores = plural(sw.lcores.length, 'lcore');
  if (!(sw.offeredPps > 0)) return [`no traffic`, lcores, cores].join(' · ');
  return [`hit ${pct(sw.hitRate)}`, lcores, `max util ${pct(sw.maxUtilization)}`, cores, ...drops].join(' · ');
}

/**
 * The status bar's figure for a whole file: the busiest lcore and the lowest hit rate over its
 * EDP switches with traffic ("max lcore 157.0% · hit 33.4%"); undefined when there is none.
 */
export function worstFiguresText(model: DatapathModel | undefined): string | undefined {
  const switches = (model?.hosts ?? []).flatMap((h) => h.switches).filter((s) => s.mode !== 'standard' && s.offeredPps > 0);
  if (switches.length === 0) return undefined;
  const maxUtil = Math.max(...switches.map((s) => s.maxUtilization));
  const minHit = Math.min(...switches.map((s) => s.hitRate));
  return `max lcore ${pct(maxUtil)} · hit ${pct(minHit)}`;
}

/** Rows shown in a hover table; a 128-lcore switch would otherwise fill the screen. */
const MAX_ROWS = 16;

function capped<T>(items: T[], what: string): { shown: T[]; more: string[] } {
  if (items.length <= MAX_ROWS) return { shown: items, more: [] };
  return { shown: items.slice(0, MAX_ROWS), more: ['', `… and ${items.length - MAX_ROWS} more ${what} (the datapath report lists them all).`] };
}

export function switchHoverMarkdown(sw: SwitchModel): string {
  const lines = [`**Switch ${md(sw.name)}** · ${MODE_NAMES[sw.mode]} · lcores assigned by ${sw.lcoreAssignment === 'cpu-usage' ? 'CPU usage' : 'vNIC count'}`, ''];
  const lineRate = sw.lineRatePps > 0 ? `${rate(sw.lineRatePps)} per direction` : 'no uplink NIC, so no limit';
  // All three modes, for comparison; the switch's own in bold.
  const cores = (['edpStandard', 'edpPerformance', 'heritage'] as const).map((k) => {
    const label = k === 'edpStandard' ? 'EDP Standard' : k === 'edpPerformance' ? 'EDP Performance' : 'heritage';
    const text = `${label} ${coresText(sw.coresUsed[k])}`;
    return ownModeKey(sw) === k ? `**${text}**` : text;
  });
  const overloaded = sw.lcores.filter((l) => l.dropPps > 0).length;
  const dropParts = [
    ...(sw.lcoreDropPps > 0 ? [`${rate(sw.lcoreDropPps)} by ${plural(overloaded, 'overloaded lcore')}; idle lcores cannot serve queues placed elsewhere`] : []),
    ...(sw.lineDropPps > 0 ? [`${rate(sw.lineDropPps)} beyond the uplinks' line rate`] : []),
  ];
  // One cause: its figure is the total, said once.
  const dropWhy = dropParts.length === 1 ? dropParts[0] : `${rate(sw.dropPps)}: ${dropParts.join('; ')}`;
  lines.push(
    `- Offered: ${rate(sw.offeredPps)} at ${fixed(sw.packetBytes, 0)} B mean packet size (${rate(sw.rxPps)} received by the VMs, ${rate(sw.txPps)} sent)`,
    `- Uplinks' line rate: ${lineRate}`,
    `- Capacity of ${plural(sw.lcores.length, 'lcore')}: ${rate(sw.capacityPps)} if the load matched them; each serves only its own queues`,
    `- Drops: ${dropText(sw.dropRate)}${dropParts.length > 0 ? ` (${dropWhy})` : ''}`,
    `- Flow-cache hit rate: ${hitRateText(sw.hitRate, sw.offeredPps)} with ${count(sw.entries)} entries per lcore; new flows make ${pct(sw.churnMissShare)} of packets miss`,
    ...(sw.offeredPps > 0 && sw.mode !== 'standard' && sw.hitRate < sw.heritageBreakEvenHitRate
      ? [`- Below a ${pct(sw.heritageBreakEvenHitRate)} hit rate a packet costs EDP more than the heritage stack: each miss runs the heritage pipeline plus the flow-cache lookup and insertion`]
      : []),
    `- lcore imbalance (max / mean utilization): ${fixed(sw.imbalance, 2)}`,
    `- Cores used: ${cores.join(' · ')}`,
    ...(['edpStandard', 'edpPerformance', 'heritage'] as const).map((k) => `  - ${CORES_EXPLAINED[k]}`),
    '',
  );
  const { shown, more } = capped(sw.lcores, 'lcores');
  lines.push(...mdTable(['lcore', 'NUMA', 'queues', 'pps', 'hit', 'util', 'drops'], shown.map((l) => [
    String(l.index), String(l.numaNode), String(l.queues), rate(l.pps), hitRateText(l.hitRate, l.pps), pct(l.utilization), l.dropPps > 0 ? rate(l.dropPps) : 'none',
  ]), ['r', 'r', 'r', 'r', 'r', 'r', 'r']), ...more);
  return lines.join('\n');
}

/** Where each queue of a vNIC landed: the lcore serving it, in queue order. */
export function queuesOf(sw: SwitchModel, vmName: string, vnicName: string): { queue: AssignedQueue; lcore: LcoreModel }[] {
  return sw.lcores
    .flatMap((lcore) => lcore.assigned.filter((a) => a.vm === vmName && a.vnic === vnicName).map((queue) => ({ queue, lcore })))
    .sort((a, b) => a.queue.queue - b.queue.queue);
}

export function vnicHoverMarkdown(host: Host, hostModel: { switches: SwitchModel[] }, vm: Vm, n: number): string {
  const vnic = vm.vnics[n];
  const title = `**vNIC ${md(vm.name)} / ${md(vnic.name)}**`;
  const s = host.switches.findIndex((sw) => sw.name === vnic.switch);
  const sw = hostModel.switches[s];
  if (!sw) return `${title}\n\nIts switch "${md(vnic.switch)}" is not a switch of host ${md(host.name)}, so the model places none of its traffic.`;
  const head = `${title} on switch ${md(sw.name)}`;
  if (!(vnic.traffic?.pps && vnic.traffic.pps > 0)) return `${head}\n\nNo \`traffic\` given, so it places no work on the switch's lcores. Add \`traffic\` to see where its queues land.`;
  const placed = queuesOf(sw, vm.name, vnic.name);
  const total = placed.reduce((sum, p) => sum + p.queue.pps, 0);
  const remote = placed.filter((p) => p.queue.remote).length;
  const lines = [`${head} · ${rate(total)} over ${plural(placed.length, 'queue')}`, ''];
  if (remote > 0) lines.push(`${remote} of its queues are served across NUMA nodes (the lcore is off the VM's node or off its uplinks' nodes): they pay the cross-NUMA penalty.`, '');
  const dropping = placed.filter((p) => p.lcore.dropPps > 0);
  if (dropping.length > 0) {
    const least = Math.min(...dropping.map((p) => p.lcore.dropPps / p.lcore.pps));
    lines.push(`${dropping.length} of its queues sit on overloaded lcores, which drop at least ${pct(least)} of what they are offered.`, '');
  }
  const { shown, more } = capped(placed, 'queues');
  lines.push(...mdTable(['queue', 'lcore', 'NUMA', 'pps', 'cross-NUMA', 'lcore hit', 'lcore util'], shown.map(({ queue, lcore }) => [
    String(queue.queue), String(lcore.index), String(lcore.numaNode), rate(queue.pps), queue.remote ? '**yes**' : 'no', hitRateText(lcore.hitRate, lcore.pps), pct(lcore.utilization),
  ]), ['r', 'r', 'r', 'r', 'l', 'r', 'r']), ...more);
  return lines.join('\n');
}

/** The model's lcore indices of group `l`: groups expand in file order (src/core/model/resolve.ts). */
export function lcoreIndicesOfGroup(host: Host, s: number, l: number): number[] {
  const counts = (host.switches[s]?.lcores ?? []).map((g) => (Number.isFinite(g.count) ? Math.max(0, Math.floor(g.count)) : 0));
  const start = counts.slice(0, l).reduce((a, b) => a + b, 0);
  return Array.from({ length: counts[l] ?? 0 }, (_, i) => start + i);
}

export function lcoreGroupHoverMarkdown(host: Host, sw: SwitchModel, s: number, l: number): string {
  const lcores = lcoreIndicesOfGroup(host, s, l).flatMap((i) => (sw.lcores[i] ? [sw.lcores[i]] : []));
  const group = host.switches[s].lcores![l];
  const lines = [`**lcore group ${l} of switch ${md(sw.name)}** · ${plural(lcores.length, 'lcore')} on NUMA node ${group.numaNode}`, ''];
  if (lcores.length === 0) return lines.concat('No lcores in this group.').join('\n');
  const mean = lcores.reduce((sum, x) => sum + x.utilization, 0) / lcores.length;
  lines.push(`Utilization: mean ${pct(mean)}, max ${pct(Math.max(...lcores.map((x) => x.utilization)))}.`, '');
  const { shown, more } = capped(lcores, 'lcores');
  lines.push(...mdTable(['lcore', 'queues served', 'pps', 'hit', 'util', 'drops'], shown.map((x) => [
    String(x.index),
    x.assigned.length === 0 ? 'none' : x.assigned.map((a) => `${md(a.vm)}/${md(a.vnic)} q${a.queue}${a.remote ? ' (remote)' : ''}`).join(', '),
    rate(x.pps), hitRateText(x.hitRate, x.pps), pct(x.utilization), x.dropPps > 0 ? rate(x.dropPps) : 'none',
  ]), ['r', 'l', 'r', 'r', 'r', 'r']), ...more);
  return lines.join('\n');
}

/** A NIC catalog entry, as far as the hover shows it (the catalog may not know the NIC). */
interface NicCatalogFacts {
  /** Which EDP modes the driver offers. */
  modes?: string;
  /** Minimum driver and firmware versions. */
  minimums?: string;
  source?: string;
}

/** What the hover says of a NIC's catalog entry (schemas/nic-catalog.json). */
export function catalogFacts(entry: CatalogEntry, release: string): NicCatalogFacts {
  const modes = entry.edpModes.map((m) => (m === 'interrupt' ? 'EDP interrupt mode (EDP Standard)' : 'EDP poll mode (EDP Performance)'));
  const minimums = [entry.minDriverVersion && `driver ${entry.minDriverVersion}`, entry.minFirmware && `firmware ${entry.minFirmware}`].filter(Boolean);
  // A minimum published for another release (NSX-T 3.0 on ESXi 6.7) is not the target's: the readiness rules skip it, and so does the hover.
  const forTarget = minimums.length === 0 || minimumsApply(entry, release);
  return {
    modes: `${entry.vendor} ${entry.family} (${entry.driver}): ${modes.length ? modes.join(', ') : 'no EDP mode'}`,
    minimums: !forTarget
      ? `none published for ${release} (${minimums.join(', ')} was stated for another release, so it is not checked)`
      : minimums.length ? `${minimums.join(', ')} or later` : 'none published',
    source: `${entry.source}${entry.verified ? '' : ' (unverified)'}`,
  };
}

export function nicHoverMarkdown(host: Host, hostModel: { switches: SwitchModel[] }, nic: Nic, frameOverheadBytes: number, catalog?: NicCatalogFacts): string {
  const what = [nic.model, nic.driver && `driver ${nic.driver}${nic.driverVersion ? ` ${nic.driverVersion}` : ''}`, nic.firmware && `firmware ${nic.firmware}`].filter(Boolean).map((t) => md(String(t)));
  const lines = [`**NIC ${md(nic.name)}** · ${nic.speedGbps} Gb/s on NUMA node ${nic.numaNode}`, ''];
  if (what.length > 0) lines.push(what.join(' · '), '');
  if (catalog) {
    if (catalog.modes) lines.push(`- Catalog: ${md(catalog.modes)}`);
    if (catalog.minimums) lines.push(`- Minimums: ${md(catalog.minimums)}`);
    if (catalog.source) lines.push(`- Source: ${md(catalog.source)}`);
    lines.push('');
  }
  const uplinkOf = host.switches.flatMap((sw, s) => (sw.uplinks.includes(nic.name) && hostModel.switches[s] ? [hostModel.switches[s]] : []));
  if (uplinkOf.length === 0) lines.push('Not an uplink of any switch.');
  for (const sw of uplinkOf) {
    const pps = lineRatePps(nic.speedGbps, sw.packetBytes, frameOverheadBytes);
    lines.push(`- Uplink of ${md(sw.name)}: line rate ${rate(pps)} at its ${fixed(sw.packetBytes, 0)} B mean packet size (${frameOverheadBytes} B framing overhead per packet)`);
  }
  return lines.join('\n');
}
