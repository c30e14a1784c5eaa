// The report as Markdown: figures per switch and NUMA node, and the findings, for a pull request,
// a wiki page or a ticket (written next to the exported HTML).
import { CORES_EXPLAINED } from '../model/coresInMode';
import { bytes, cores, count, dropText, fixed, hitRateText, mdEscape, mdTable as mdTableLines, pct, plural, rate, severityCountsText } from '../present';
import type { ReportFinding, ReportHost, ReportSwitch, ReportViewModel } from './viewModel';

const mdTable = (head: readonly string[], rows: readonly (readonly string[])[]) => mdTableLines(head, rows).join('\n');

function where(f: ReportFinding): string {
  return f.range ? `line ${f.range.start.line + 1}, column ${f.range.start.character + 1}` : f.path ? `at ${mdEscape(f.path)}` : 'the document';
}

function findingLine(f: ReportFinding): string {
  return `- **${f.severity}** \`${f.rule}\` (${where(f)}): ${mdEscape(f.message)}`;
}

function switchSection(sw: ReportSwitch, report: ReportViewModel): string {
  const t = report.thresholds;
  const flag = (bad: boolean, text: string) => (bad ? `**${text}**` : text);
  const figures = mdTable(['Figure', 'Value'], [
    ['Mode', `${sw.mode}, ${sw.lcoreAssignment}`],
    ['Uplinks', mdEscape(sw.uplinks.join(', ')) || 'none'],
    ['Offered', rate(sw.offeredPps)],
    ['Mean packet size', `${Math.round(sw.packetBytes)} B`],
    ['Received / sent by the VMs', `${rate(sw.rxPps)} / ${rate(sw.txPps)}`],
    ['Uplink line rate, per direction', sw.lineRatePps > 0 ? rate(sw.lineRatePps) : 'no uplink'],
    ['Datapath capacity (Σ lcores)', rate(sw.capacityPps)],
    ['Dropped by overloaded lcores', rate(sw.lcoreDropPps)],
    ['Dropped beyond the line rate', rate(sw.lineDropPps)],
    ['Predicted drop rate', flag(sw.dropRate > 0, dropText(sw.dropRate))],
    ['Flow-cache hit rate', flag(sw.offeredPps > 0 && sw.hitRate < t.hitRate, hitRateText(sw.hitRate, sw.offeredPps))],
    ['Churn misses', flag(sw.churnMissShare > t.churn, pct(sw.churnMissShare))],
    ['Flow-table entries per lcore', String(sw.entries)],
    ['Max lcore utilization', flag(sw.maxUtilization > t.utilization, pct(sw.maxUtilization))],
    ['Imbalance (max / mean)', flag(sw.imbalance > t.imbalance, fixed(sw.imbalance, 2))],
    ['Cores used (EDP Standard / EDP Performance / heritage)', `${cores(sw.coresUsed.edpStandard)} / ${cores(sw.coresUsed.edpPerformance)} / ${cores(sw.coresUsed.heritage)}`],
    ...(sw.offeredPps > 0 && sw.mode !== 'standard' && sw.hitRate < sw.heritageBreakEvenHitRate
      ? [['Dearer than heritage', `**below a ${pct(sw.heritageBreakEvenHitRate)} hit rate a packet costs EDP more than the heritage stack: each miss runs the heritage pipeline plus the flow-cache lookup and insertion**`]]
      : []),
  ]);
  const lcores = sw.lcores.length > 0
    ? '\n\n' + mdTable(['lcore', 'NUMA', 'Utilization', 'Packets', 'Dropped', 'Hit rate', 'Queues'], sw.lcores.map((l) => [
      String(l.index), String(l.numaNode), flag(l.utilization > t.utilization, pct(l.utilization)), rate(l.pps), flag(l.dropPps > 0, rate(l.dropPps)), hitRateText(l.hitRate, l.pps), String(l.queues),
    ]))
    : '';
  const findings = sw.findings.map((id) => findingLine(report.findings[id]));
  return `### Switch ${mdEscape(sw.name)}\n\n${figures}${lcores}${findings.length > 0 ? `\n\n${findings.join('\n')}` : ''}`;
}

function hostSection(host: ReportHost, report: ReportViewModel): string {
  const head = `## Host ${mdEscape(host.name)}${host.cluster ? ` (cluster ${mdEscape(host.cluster)})` : ''}`;
  const c = host.coresUsed;
  const intro = `${host.cpuModel ? `${mdEscape(host.cpuModel)}, ` : ''}${host.ghz} GHz. Findings: ${severityCountsText(host.counts)}. ` +
    `Cores consumed: EDP Standard ${cores(c.edpStandard)}, EDP Performance ${cores(c.edpPerformance)}, heritage ${cores(c.heritage)}. ` +
    `${CORES_EXPLAINED.edpStandard} ${CORES_EXPLAINED.edpPerformance} ${CORES_EXPLAINED.heritage}`;
  const t = report.thresholds;
  const mbuf = mdTable(['NUMA node', 'Packets in flight', 'LLC share', 'EDP hot set + flow tables', 'Heritage hot set', 'EDP pool', 'Heritage pool'], host.numaNodes.map((n) => {
    const m = n.mbuf;
    const hot = `${bytes(m.edp.hotBytes)} + ${bytes(m.flowTableBytes)} (${pct(m.edp.llcShare)})`;
    return [String(n.id), count(m.packetsInFlight), bytes(m.llcBytes), m.edp.llcShare > t.llcShare ? `**${hot}**` : hot, `${bytes(m.heritage.hotBytes)} (${pct(m.heritage.llcShare)})`, bytes(m.edp.poolBytes), bytes(m.heritage.poolBytes)];
  }));
  const switches = host.switches.map((s) => switchSection(s, report));
  return [head, intro, `### Mbuf per NUMA node\n\n${mbuf}`, ...switches].join('\n\n');
}

export function reportMarkdown(report: ReportViewModel): string {
  const t = report.thresholds;
  const out: string[] = [`# Datapath report: ${mdEscape(report.fileName)}`];
  const meta = [report.topologyName ? `Topology "${mdEscape(report.topologyName)}"` : '', report.release ? mdEscape(report.release) : '', plural(report.hosts.length, 'host'), `findings: ${severityCountsText(report.counts)}`].filter(Boolean);
  out.push(meta.join(' · '));
  out.push(`Thresholds: lcore utilization ${pct(t.utilization)}, flow-cache hit rate ${pct(t.hitRate)}, churn ${pct(t.churn)}, hot working set ${pct(t.llcShare)} of the LLC, imbalance ${t.imbalance}.`);
  if (report.notice) out.push(`> ${mdEscape(report.notice)}`);
  if (report.hosts.length > 0) {
    out.push('## Cluster overview');
    out.push(mdTable(['Host', 'Max lcore utilization', 'Min hit rate', 'Drops', 'Cores used', 'Findings'], report.hosts.map((h) => [
      mdEscape(h.name),
      pct(h.worst.maxUtilization),
      h.worst.minHitRate === undefined ? 'no traffic' : pct(h.worst.minHitRate),
      h.worst.dropRate > 0 ? `${dropText(h.worst.dropRate)} (${rate(h.worst.droppedPps)})` : 'none',
      cores(h.worst.coresUsed),
      severityCountsText(h.counts),
    ])));
    for (const h of report.hosts) out.push(hostSection(h, report));
  }
  out.push(`## Findings (${report.findings.length})`);
  if (report.findings.length === 0) out.push('No findings: the design passes every rule.');
  for (const g of report.findingGroups) out.push(`### ${g.severity}: \`${g.rule}\` (${g.findings.length})\n\n${g.findings.map((id) => findingLine(report.findings[id])).join('\n')}`);
  if (report.truncated > 0) out.push(`${plural(report.truncated, 'more finding')} over the maxProblems limit are not listed.`);
  return out.join('\n\n') + '\n';
}
