// The NUMA map of one host: sockets and their NUMA nodes with the NICs, lcore groups and VMs on
// each; the switches in a band across the host (they are host-wide software). Lines read top to
// bottom: NIC → switch → lcores → VM. Lines that cross NUMA nodes are highlighted and carry the
// finding's message as their tooltip.
import { htmlEscape as esc, type NumaLink, pct, plural, rate, type ReportHost, type ReportViewModel } from '../../core';
import { fit, path, rect, svgChart, text, title } from './svg';
import { table } from './section';

const ITEM_W = 124;
const ITEM_H = 32;
const GAP = 10;
const PER_LINE = 4;
const PAD = 12;
const LINK_GAP = 34;

interface Item {
  key: string;
  label: string;
  sub: string;
  tooltip: string;
  cls: string;
  x: number;
  y: number;
}

interface Column {
  /** undefined: items on no declared NUMA node. */
  node: number | undefined;
  socket: number | undefined;
  heading: string;
  tooltip: string;
  bad: boolean;
  nics: Item[];
  lcores: Item[];
  vms: Item[];
  x: number;
  width: number;
}

const lines = (n: number) => Math.max(1, Math.ceil(n / PER_LINE));
const itemsWidth = (n: number) => Math.max(1, Math.min(n, PER_LINE)) * (ITEM_W + GAP) - GAP;

function messagesOf(report: ReportViewModel, ids: readonly number[]): string[] {
  return ids.map((id) => report.findings[id]).filter((f) => f !== undefined).map((f) => `${f.severity}: ${f.message} [${f.rule}]`);
}

function item(key: string, label: string, sub: string, tooltip: string[], cls: string): Item {
  return { key, label, sub, tooltip: tooltip.join('\n'), cls, x: 0, y: 0 };
}

function columnsOf(host: ReportHost, report: ReportViewModel): Column[] {
  const nodes = [...host.numaNodes].sort((a, b) => a.socket - b.socket || a.id - b.id);
  const known = new Set(nodes.map((n) => n.id));
  const col = (node: number | undefined): Column => {
    const n = nodes.find((x) => x.id === node);
    const notes = n ? messagesOf(report, n.findings) : [];
    return {
      node,
      socket: n?.socket,
      heading: n ? `NUMA ${n.id} · ${n.cores} cores · ${n.lcores} lcores` : 'No declared NUMA node',
      tooltip: n ? [`NUMA node ${n.id} on socket ${n.socket}: ${n.cores} cores, ${n.lcores} EDP lcores${n.memoryGiB !== undefined ? `, ${n.memoryGiB} GiB` : ''}`, ...notes].join('\n') : 'NICs and VMs whose numaNode names no NUMA node of the host, or VMs without numaNode.',
      bad: n ? notes.length > 0 : true,
      nics: [],
      lcores: [],
      vms: [],
      x: 0,
      width: 0,
    };
  };
  const columns = nodes.map((n) => col(n.id));
  const other = col(undefined);
  const columnOf = (node: number | undefined) => (node !== undefined && known.has(node) ? columns.find((c) => c.node === node)! : other);
  for (const nic of host.nics) {
    const notes = messagesOf(report, nic.findings);
    columnOf(nic.onKnownNode ? nic.numaNode : undefined).nics.push(
      item(`nic:${nic.name}`, nic.name, `${nic.speedGbps} Gb/s${nic.onKnownNode ? '' : ` · node ${nic.numaNode}?`}`, [`NIC ${nic.name}${nic.model ? ` (${nic.model})` : ''}: ${nic.speedGbps} Gb/s on NUMA node ${nic.numaNode}`, ...notes], notes.length > 0 ? 'item nic item-bad' : 'item nic'),
    );
  }
  for (const sw of host.switches) {
    const byNode = new Map<number, typeof sw.lcores>();
    for (const l of sw.lcores) byNode.set(l.numaNode, [...(byNode.get(l.numaNode) ?? []), l]);
    for (const [node, ls] of byNode) {
      const max = Math.max(...ls.map((l) => l.utilization));
      columnOf(node).lcores.push(
        item(`lcores:${sw.name}:${node}`, sw.name, `${plural(ls.length, 'lcore')} · max ${pct(max)}`, [`Switch ${sw.name}: ${plural(ls.length, 'lcore')} on NUMA node ${node}, highest utilization ${pct(max)}, ${rate(ls.reduce((s, l) => s + l.pps, 0))}`], max > report.thresholds.utilization ? 'item lcores item-bad' : 'item lcores'),
      );
    }
  }
  for (const vm of host.vms) {
    const notes = messagesOf(report, vm.findings.filter((id) => report.findings[id]?.rule.startsWith('numa/')));
    columnOf(vm.numaNode).vms.push(
      item(`vm:${vm.name}`, vm.name, `${vm.vcpus !== undefined ? `${vm.vcpus} vCPU · ` : ''}${rate(vm.pps)}`, [`VM ${vm.name}: ${vm.numaNode === undefined ? 'no NUMA node set' : `NUMA node ${vm.numaNode}`}${vm.vcpus !== undefined ? `, ${vm.vcpus} vCPUs` : ''}, ${rate(vm.pps)}`, ...notes], notes.length > 0 ? 'item vm item-bad' : 'item vm'),
    );
  }
  const used = other.nics.length + other.lcores.length + other.vms.length > 0;
  return used ? [...columns, other] : columns;
}

/** Connects the bottom middle of `a` to the top middle of `b`. */
function curve(ax: number, ay: number, bx: number, by: number): string {
  const my = (ay + by) / 2;
  return `M${ax.toFixed(1)},${ay.toFixed(1)} C${ax.toFixed(1)},${my.toFixed(1)} ${bx.toFixed(1)},${my.toFixed(1)} ${bx.toFixed(1)},${by.toFixed(1)}`;
}

export function numaMap(host: ReportHost, report: ReportViewModel): string {
  const columns = columnsOf(host, report);
  const nicLines = Math.max(...columns.map((c) => lines(c.nics.length)));
  const lcoreLines = Math.max(...columns.map((c) => lines(c.lcores.length)));
  const vmLines = Math.max(...columns.map((c) => lines(c.vms.length)));
  const band = (n: number) => n * (ITEM_H + GAP) - GAP;

  const top = 8; // socket boxes
  const boxTop = top + 22;
  const nicY = boxTop + 28;
  const switchY = nicY + band(nicLines) + LINK_GAP;
  const lcoreY = switchY + ITEM_H + LINK_GAP;
  const vmY = lcoreY + band(lcoreLines) + LINK_GAP;
  const boxBottom = vmY + band(vmLines) + PAD;

  // Columns left to right, sockets kept together with a wider gap between sockets.
  let x = 8;
  let lastSocket: number | undefined | null = null;
  for (const c of columns) {
    if (lastSocket !== null && c.socket !== lastSocket) x += 16;
    lastSocket = c.socket;
    c.width = Math.max(214, itemsWidth(Math.max(c.nics.length, c.lcores.length, c.vms.length)) + 2 * PAD);
    c.x = x;
    x += c.width + GAP;
    const place = (items: Item[], y0: number) =>
      items.forEach((it, i) => {
        const inLine = Math.min(PER_LINE, items.length - Math.floor(i / PER_LINE) * PER_LINE);
        const lineLeft = c.x + (c.width - itemsWidth(inLine)) / 2;
        it.x = lineLeft + (i % PER_LINE) * (ITEM_W + GAP);
        it.y = y0 + Math.floor(i / PER_LINE) * (ITEM_H + GAP);
      });
    place(c.nics, nicY);
    place(c.lcores, lcoreY);
    place(c.vms, vmY);
  }
  const width = Math.max(x + 8, 420);

  const byKey = new Map<string, Item>();
  for (const c of columns) for (const it of [...c.nics, ...c.lcores, ...c.vms]) if (!byKey.has(it.key)) byKey.set(it.key, it);

  // Switches: near the middle of what they connect, pushed apart where they would overlap.
  const switches = host.switches.map((sw) => {
    const ends = [...sw.uplinks.map((u) => byKey.get(`nic:${u}`)), ...[...new Set(sw.lcores.map((l) => l.numaNode))].map((n) => byKey.get(`lcores:${sw.name}:${n}`))].filter((it): it is Item => it !== undefined);
    const want = ends.length > 0 ? ends.reduce((s, it) => s + it.x + ITEM_W / 2, 0) / ends.length - ITEM_W / 2 : 8;
    const notes = messagesOf(report, sw.findings.filter((id) => report.findings[id]?.rule.startsWith('numa/')));
    return { sw, x: want, notes };
  });
  switches.sort((a, b) => a.x - b.x);
  let minX = 8;
  for (const s of switches) {
    s.x = Math.max(s.x, minX);
    minX = s.x + ITEM_W + GAP;
  }
  const fullWidth = Math.max(width, minX + 8);

  const parts: string[] = [];
  // Sockets, then NUMA boxes.
  const sockets = new Map<number | undefined, Column[]>();
  for (const c of columns) sockets.set(c.socket, [...(sockets.get(c.socket) ?? []), c]);
  for (const [socket, cols] of sockets) {
    if (socket === undefined) continue;
    const x1 = cols[0].x - 4;
    const x2 = cols[cols.length - 1].x + cols[cols.length - 1].width + 4;
    parts.push(`<g>${rect(x1, top, x2 - x1, boxBottom - top + 4, 'socket', '', 4)}${text(x1 + 8, top + 14, `Socket ${socket}`, 'socket-label')}</g>`);
  }
  for (const c of columns) {
    parts.push(`<g>${title(c.tooltip)}${rect(c.x, boxTop, c.width, boxBottom - boxTop, c.node === undefined ? 'numa numa-unknown' : c.bad ? 'numa numa-bad' : 'numa', '', 4)}${text(c.x + 8, boxTop + 16, fit(c.heading, Math.floor((c.width - 12) / 7)), 'numa-label')}</g>`);
  }

  // Links under the boxes they connect.
  const sx = new Map(switches.map((s) => [s.sw.name, s.x]));
  const linkParts: string[] = [];
  const crossParts: string[] = [];
  const swTop = (name: string) => ({ x: (sx.get(name) ?? 0) + ITEM_W / 2, y: switchY });
  for (const link of host.links) {
    const msg = linkTooltip(link, report);
    if (link.kind === 'uplink') {
      const nic = byKey.get(`nic:${link.nic}`);
      if (!nic) continue;
      const s = swTop(link.switch);
      (link.cross ? crossParts : linkParts).push(path(curve(nic.x + ITEM_W / 2, nic.y + ITEM_H, s.x, s.y), link.cross ? 'link link-cross' : 'link', msg));
    } else {
      const from = byKey.get(`lcores:${link.switch}:${link.numaNode}`);
      const vm = byKey.get(`vm:${link.vm}`);
      if (!from || !vm) continue;
      (link.cross ? crossParts : linkParts).push(path(curve(from.x + ITEM_W / 2, from.y + ITEM_H, vm.x + ITEM_W / 2, vm.y), link.cross ? 'link link-cross' : 'link', msg));
    }
  }
  for (const s of switches) {
    for (const n of new Set(s.sw.lcores.map((l) => l.numaNode))) {
      const g = byKey.get(`lcores:${s.sw.name}:${n}`);
      if (g) linkParts.push(path(curve(s.x + ITEM_W / 2, switchY + ITEM_H, g.x + ITEM_W / 2, g.y), 'link', `Switch ${s.sw.name} runs ${plural(s.sw.lcores.filter((l) => l.numaNode === n).length, 'lcore')} on NUMA node ${n}`));
    }
  }
  parts.push(...linkParts, ...crossParts);

  for (const c of columns) for (const it of [...c.nics, ...c.lcores, ...c.vms]) parts.push(box(it));
  for (const s of switches) {
    const tip = [`Switch ${s.sw.name} (${s.sw.mode}): uplinks ${s.sw.uplinks.join(', ') || 'none'}, ${s.sw.lcores.length} lcores, ${rate(s.sw.offeredPps)}`, ...s.notes].join('\n');
    parts.push(box({ key: '', label: s.sw.name, sub: s.sw.mode, tooltip: tip, cls: s.notes.length > 0 ? 'item switch item-bad' : 'item switch', x: s.x, y: switchY }));
  }
  const crossing = host.links.filter((l) => l.cross).length;
  const label = `NUMA map of host ${host.name}: ${host.numaNodes.length} NUMA nodes, ${host.nics.length} NICs, ${host.switches.length} switches, ${host.vms.length} VMs; ${plural(crossing, 'link')} ${crossing === 1 ? 'crosses' : 'cross'} NUMA nodes`;
  return svgChart(fullWidth, boxBottom + 12, label, parts.join(''), 'numa-map') + legend(crossing);
}

function box(it: Item): string {
  return (
    `<g class="${it.cls}">${title(it.tooltip)}` +
    rect(it.x, it.y, ITEM_W, ITEM_H, 'item-box', '', 3) +
    text(it.x + 6, it.y + 13, fit(it.label, 19), 'item-label') +
    text(it.x + 6, it.y + 26, fit(it.sub, 21), 'item-sub') +
    `</g>`
  );
}

function linkTooltip(link: NumaLink, report: ReportViewModel): string {
  const head = link.kind === 'uplink'
    ? `${link.nic} → ${link.switch}${link.cross ? ': crosses NUMA nodes' : ''}`
    : `${link.switch} lcores on NUMA ${link.numaNode} → ${link.vm}: ${plural(link.queues, 'queue')}, ${rate(link.pps)}${link.cross ? ', across NUMA nodes' : ''}`;
  return [head, ...messagesOf(report, link.findings)].join('\n');
}

function legend(crossing: number): string {
  return `<p class="legend"><span class="swatch swatch-link" aria-hidden="true"></span>NUMA-local link <span class="swatch swatch-cross" aria-hidden="true"></span>crosses NUMA nodes${crossing > 0 ? ` (${crossing})` : ' (none)'} · hover a box or line for details</p>`;
}

export function numaTable(host: ReportHost, report: ReportViewModel): string {
  const rows = host.links.map((l) => [
    esc(l.kind === 'uplink' ? `NIC ${l.nic} → switch ${l.switch}` : `switch ${l.switch} lcores on NUMA ${l.numaNode} → VM ${l.vm}`),
    esc(l.kind === 'uplink' ? (host.nics.find((n) => n.name === l.nic)?.numaNode ?? '') : l.numaNode),
    l.cross ? '<span class="bad">yes</span>' : 'no',
    esc(messagesOf(report, l.findings).join(' ')),
  ]);
  const nodes = table(`NUMA nodes of host ${host.name}`, ['Node', 'Socket', 'Cores', 'EDP lcores', 'NICs', 'VMs'], host.numaNodes.map((n) => [
    esc(`NUMA ${n.id}`),
    esc(n.socket),
    esc(n.cores),
    `<span class="${n.lcores > n.cores ? 'bad' : ''}">${esc(n.lcores)}</span>`,
    esc(host.nics.filter((x) => x.numaNode === n.id).map((x) => x.name).join(', ')),
    esc(host.vms.filter((v) => v.numaNode === n.id).map((v) => v.name).join(', ')),
  ]), 2);
  return nodes + table(`Links of host ${host.name}`, ['Link', 'NUMA node', 'Crosses NUMA', 'Finding'], rows, 99);
}
