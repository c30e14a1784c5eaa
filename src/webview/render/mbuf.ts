// Mbuf: per NUMA node, the hot working set of the EDP mbuf and of the heritage stack against the
// node's LLC (threshold mbuf.llcShare), and the buffer pool memory, side by side.
import { bytes, count, htmlEscape as esc, pct, type ReportHost, type ReportNuma, type ReportThresholds } from '../../core';
import { hbars } from './svg';
import { table } from './section';

/** How much smaller the EDP figure is than the heritage one ("−50.0%"). */
function saving(edp: number, heritage: number): string {
  return heritage > 0 ? `−${pct(1 - edp / heritage)}` : '';
}

/** Hot sets and buffer pools on one byte scale, so their bars compare; the LLC threshold spans the hot-set rows. */
function nodeChart(node: ReportNuma, t: ReportThresholds): string {
  const m = node.mbuf;
  const limit = m.llcBytes * t.llcShare;
  // EDP's LLC working set is its mbuf hot set plus the occupied flow-table entries (docs/MODEL.md §7).
  const edpLlc = m.edp.hotBytes + m.flowTableBytes;
  const over = m.edp.llcShare > t.llcShare;
  return (
    `<h4>NUMA ${esc(node.id)} <span class="sub">socket ${esc(node.socket)} · ${esc(count(m.packetsInFlight))} packets in flight</span></h4>` +
    hbars(
      [
        { label: 'LLC (node share)', value: m.llcBytes, valueText: bytes(m.llcBytes), cls: 'series-llc' },
        { label: 'EDP hot set + flow tables', value: edpLlc, valueText: `${bytes(edpLlc)}`, cls: over ? 'bar-bad' : 'series-edp', tooltip: `EDP LLC working set: ${bytes(m.edp.hotBytes)} mbuf hot set ${saving(m.edp.hotBytes, m.heritage.hotBytes)} vs heritage, + ${bytes(m.flowTableBytes)} flow tables = ${pct(m.edp.llcShare)} of the LLC (threshold ${pct(t.llcShare)})` },
        { label: 'Heritage hot set', value: m.heritage.hotBytes, valueText: bytes(m.heritage.hotBytes), cls: 'series-heritage', tooltip: `Heritage stack hot working set: ${bytes(m.heritage.hotBytes)} = ${pct(m.heritage.llcShare)} of the LLC` },
        { label: 'EDP pool', value: m.edp.poolBytes, valueText: `${bytes(m.edp.poolBytes)} ${saving(m.edp.poolBytes, m.heritage.poolBytes)}`, cls: 'series-edp', tooltip: `EDP buffer pool memory: ${bytes(m.edp.poolBytes)}`, gapBefore: true },
        { label: 'Heritage pool', value: m.heritage.poolBytes, valueText: bytes(m.heritage.poolBytes), cls: 'series-heritage', tooltip: `Heritage buffer pool memory: ${bytes(m.heritage.poolBytes)}` },
      ],
      {
        label: `Hot working set against the LLC, and buffer pool memory, on NUMA ${node.id}`,
        marker: { value: limit, text: `${pct(t.llcShare)} of LLC`, rows: 3 },
        axis: { format: bytes, title: 'bytes (one scale for hot sets and pools)' },
      },
    )
  );
}

export function mbufChart(host: ReportHost, t: ReportThresholds): string {
  const used = host.numaNodes.filter((n) => n.mbuf.packetsInFlight > 0);
  if (used.length === 0) return '<p class="empty">No EDP lcores on this host: no mbuf pool.</p>';
  return `<div class="mbuf-nodes">${used.map((n) => `<div class="mbuf-node">${nodeChart(n, t)}</div>`).join('')}</div>`;
}

export function mbufTable(host: ReportHost, t: ReportThresholds): string {
  const rows = host.numaNodes.map((n) => {
    const m = n.mbuf;
    return [
      esc(`NUMA ${n.id}`),
      esc(count(m.packetsInFlight)),
      esc(bytes(m.llcBytes)),
      `<span class="${m.edp.llcShare > t.llcShare ? 'bad' : ''}">${esc(`${bytes(m.edp.hotBytes)} + ${bytes(m.flowTableBytes)} (${pct(m.edp.llcShare)})`)}</span>`,
      esc(`${bytes(m.heritage.hotBytes)} (${pct(m.heritage.llcShare)})`),
      esc(bytes(m.edp.poolBytes)),
      esc(bytes(m.heritage.poolBytes)),
    ];
  });
  return table(`Mbuf footprint per NUMA node of host ${host.name} (threshold ${pct(t.llcShare)} of LLC)`, ['Node', 'Packets in flight', 'LLC share', 'EDP hot set + flow tables', 'Heritage hot set', 'EDP pool', 'Heritage pool'], rows);
}
