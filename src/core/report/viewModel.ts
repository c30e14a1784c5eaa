// The datapath report as plain data: what the panel, the exported HTML and the Markdown show.
// Built from an Analysis; JSON-serialisable (it crosses postMessage and is embedded in exports),
// so no functions, no getters, no class instances.
import type { Analysis } from '../analyze';
import type { Finding, FindingAbout, FindingKind, Severity } from '../findings';
import { DEFAULT_CONSTANTS } from '../model/constants';
import { coresInOwnMode } from '../model/coresInMode';
import type { CoresUsed, DatapathModel, HostModel, NumaMbuf, SwitchModel } from '../model/types';
import { measuredHitRate, pairLcores } from '../model/measured';
import { countSeverities, plural, type SeverityCounts } from '../present';
import type { Host, SwitchMeasured } from '../topology';

export const REPORT_FORMAT_VERSION = 1;

export type { SeverityCounts };

/** Rule thresholds in effect (the model's constants with the file's and the settings' overrides). */
export interface ReportThresholds {
  /** tlb.utilization */
  utilization: number;
  /** flowcache.hitRate */
  hitRate: number;
  /** flowcache.churn */
  churn: number;
  /** mbuf.llcShare */
  llcShare: number;
  /** tlb.imbalance */
  imbalance: number;
  /** measured.hitRateGap */
  hitRateGap: number;
}

export interface ReportFinding {
  /** Index in ReportViewModel.findings. */
  id: number;
  rule: string;
  kind: FindingKind;
  severity: Severity;
  message: string;
  path: string;
  /** The objects the finding is about, by index (Finding.about). */
  about: FindingAbout;
  /** Host index the finding is about (about.host), when it is about one. */
  host?: number;
  /** 0-based, as VS Code counts. */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface FindingGroup {
  severity: Severity;
  rule: string;
  /** Ids in ReportViewModel.findings, in file order. */
  findings: number[];
}

export interface ReportLcore {
  index: number;
  numaNode: number;
  queues: number;
  pps: number;
  utilization: number;
  hitRate: number;
  cyclesPerPacket: number;
  capacityPps: number;
  servedPps: number;
  dropPps: number;
  assigned: { vm: string; vnic: string; queue: number; pps: number; remote: boolean }[];
}

export interface CurvePoint {
  entries: number;
  hitRate: number;
}

/** The model's figures of a switch (plain data: the lazy cache curve is asked for separately). */
export interface ReportSwitch extends Omit<SwitchModel, 'cacheCurve' | 'lcores'> {
  /** Uplinks that name a NIC of the host. */
  uplinks: string[];
  /** Cores the switch consumes in its own mode (lcores when dedicated, Σ min(1, utilization) in interrupt mode, heritage otherwise). */
  coresInMode: number;
  lcores: ReportLcore[];
  /**
   * Hit rate against flow-table size for the switch's worst lcore (churn included); absent when
   * not computed (the panel asks for curves of the hosts it shows) — [] when the switch has no traffic.
   */
  cacheCurve?: CurvePoint[];
  /** The host's measured flow-cache figures beside the prediction, when the switch has a `measured` section. */
  measured?: ReportMeasured;
  findings: number[];
}

/** Measured against predicted, per lcore paired by NUMA node and order (model/measured.ts). */
export interface ReportMeasured {
  at?: string;
  seconds?: number;
  source?: string;
  hitRateFrom?: string;
  /** Σ hits ÷ Σ (hits + miss) over the measured lcores. */
  hitRate?: number;
  /** The model's switch hit rate; absent when no traffic is described. */
  predictedHitRate?: number;
  lcores: { numaNode: number; lcore?: number; hitRate?: number; predictedHitRate?: number; pps?: number; predictedPps?: number; flows?: number; newFlowsPerSec?: number }[];
}

export interface ReportNuma {
  id: number;
  socket: number;
  cores: number;
  lcores: number;
  memoryGiB?: number;
  mbuf: NumaMbuf;
  findings: number[];
}

export interface ReportNic {
  name: string;
  model?: string;
  speedGbps: number;
  numaNode: number;
  /** false when numaNode names no NUMA node of the host (ref/unknown-numa-node). */
  onKnownNode: boolean;
  findings: number[];
}

export interface ReportVm {
  name: string;
  numaNode?: number;
  vcpus?: number;
  /** Packets per second over the VM's vNICs. */
  pps: number;
  findings: number[];
}

/** A line of the NUMA map: NIC → switch (uplink) or switch lcores on a node → VM (served queues). */
export type NumaLink =
  | { kind: 'uplink'; nic: string; switch: string; cross: boolean; findings: number[] }
  | { kind: 'serve'; switch: string; numaNode: number; vm: string; queues: number; pps: number; cross: boolean; findings: number[] };

export interface HostWorst {
  maxUtilization: number;
  /** Lowest hit rate of an lcore that carries traffic; undefined when none does. */
  minHitRate: number | undefined;
  /** Highest predicted drop rate of the host's switches. */
  dropRate: number;
  /** Packets per second that switch drops. */
  droppedPps: number;
  /** Σ over switches of the cores each consumes in its own mode. */
  coresUsed: number;
}

export interface ReportHost {
  index: number;
  name: string;
  cluster?: string;
  cpuModel?: string;
  ghz: number;
  worst: HostWorst;
  counts: SeverityCounts;
  findings: number[];
  coresUsed: CoresUsed;
  numaNodes: ReportNuma[];
  nics: ReportNic[];
  switches: ReportSwitch[];
  vms: ReportVm[];
  links: NumaLink[];
}

export interface ReportViewModel {
  format: typeof REPORT_FORMAT_VERSION;
  /** The file's name as the user knows it (no directories). */
  fileName: string;
  topologyName?: string;
  release?: string;
  /** Why there are no figures, when the model could not run (parse or structural errors). */
  notice?: string;
  thresholds: ReportThresholds;
  counts: SeverityCounts;
  /** Findings over maxProblems, not listed. */
  truncated: number;
  findings: ReportFinding[];
  /** By severity (error, warning, info), then rule id; each group in file order. */
  findingGroups: FindingGroup[];
  hosts: ReportHost[];
}

export interface ReportOptions {
  fileName: string;
  /** Hosts whose flow-cache curves to compute ('all' by default; each costs ~1 ms per switch). */
  curves?: 'all' | readonly number[];
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export function reportViewModel(analysis: Analysis, options: ReportOptions): ReportViewModel {
  const findings = analysis.findings.map((f, id) => reportFinding(f, id));
  const { model, topology } = analysis;
  const curveHosts = options.curves === undefined || options.curves === 'all' ? undefined : new Set(options.curves);
  const hosts = model && topology
    ? model.hosts.map((hm, h) => reportHost(hm, topology.hosts[h], h, findings, curveHosts ? curveHosts.has(h) : true))
    : [];
  return {
    format: REPORT_FORMAT_VERSION,
    fileName: options.fileName,
    ...(topology?.name !== undefined ? { topologyName: topology.name } : {}),
    ...(topology?.target?.release !== undefined ? { release: topology.target.release } : {}),
    ...(model ? {} : { notice: noticeOf(analysis) }),
    thresholds: thresholdsOf(model),
    counts: countSeverities(findings),
    truncated: analysis.truncated,
    findings,
    findingGroups: groupsOf(findings),
    hosts,
  };
}

/** The flow-cache curves of one host's switches, for a panel that shows the host later. */
export function hostCacheCurves(analysis: Analysis, host: number): CurvePoint[][] {
  const hm = analysis.model?.hosts[host];
  return hm ? hm.switches.map((s) => curveOf(s)) : [];
}

function noticeOf(analysis: Analysis): string {
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  if (analysis.findings.some((f) => f.kind === 'internal' && f.severity === 'error' && !analysis.topology)) {
    return 'No figures: EDP Designer failed while analyzing this file (internal/error under Findings). Please report it with the file.';
  }
  if (analysis.findings.some((f) => f.kind === 'syntax')) {
    return 'No figures: the file is not valid JSON(C). Fix the syntax errors listed under Findings and the model runs again.';
  }
  return `No figures: the file does not match the topology format${errors > 0 ? ` (${plural(errors, 'error')} under Findings)` : ''}, so the datapath model cannot run. Fix the structure and the figures come back.`;
}

function thresholdsOf(model: DatapathModel | undefined): ReportThresholds {
  const c = model?.constants ?? DEFAULT_CONSTANTS;
  return {
    utilization: c['tlb.utilization'],
    hitRate: c['flowcache.hitRate'],
    churn: c['flowcache.churn'],
    llcShare: c['mbuf.llcShare'],
    imbalance: c['tlb.imbalance'],
    hitRateGap: c['measured.hitRateGap'],
  };
}

function reportFinding(f: Finding, id: number): ReportFinding {
  const host = f.about.host;
  return {
    id,
    rule: f.rule,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    path: f.path,
    about: { ...f.about },
    ...(host !== undefined ? { host } : {}),
    ...(f.range ? { range: { start: { ...f.range.start }, end: { ...f.range.end } } } : {}),
  };
}

function groupsOf(findings: readonly ReportFinding[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const severity of SEVERITY_ORDER) {
    const byRule = new Map<string, number[]>();
    for (const f of findings) {
      if (f.severity !== severity) continue;
      const ids = byRule.get(f.rule) ?? [];
      ids.push(f.id);
      byRule.set(f.rule, ids);
    }
    for (const rule of [...byRule.keys()].sort()) groups.push({ severity, rule, findings: byRule.get(rule)! });
  }
  return groups;
}

/** Ids of the findings about every object `about` names (by index: names may repeat), and passing `also`. */
function about(findings: readonly ReportFinding[], about: FindingAbout, also?: (f: ReportFinding) => boolean): number[] {
  const keys = Object.keys(about) as (keyof FindingAbout)[];
  return findings.filter((f) => keys.every((k) => f.about[k] === about[k]) && (!also || also(f))).map((f) => f.id);
}

/** Ids of findings whose path is `prefix` or under it (NUMA nodes: `about` has no field for them). */
function under(findings: readonly ReportFinding[], prefix: string): number[] {
  return findings.filter((f) => f.path === prefix || f.path.startsWith(`${prefix}/`)).map((f) => f.id);
}

function reportHost(hm: HostModel, host: Host, h: number, findings: readonly ReportFinding[], withCurves: boolean): ReportHost {
  const hostPath = `/hosts/${h}`;
  const ids = about(findings, { host: h });
  const nodeIds = new Set(hm.numaNodes.map((n) => n.id));
  const switches = hm.switches.map((sm, s) => reportSwitch(sm, host.switches[s], host, about(findings, { host: h, switch: s }), withCurves));
  const vms = (host.vms ?? []).map((vm, v): ReportVm => ({
    name: vm.name,
    ...(vm.numaNode !== undefined ? { numaNode: vm.numaNode } : {}),
    ...(vm.vcpus !== undefined ? { vcpus: vm.vcpus } : {}),
    pps: vm.vnics.reduce((n, x) => n + (x.traffic?.pps ?? 0), 0),
    findings: about(findings, { host: h, vm: v }),
  }));
  const lcoreHit = hm.switches.flatMap((s) => s.lcores.filter((l) => l.pps > 0).map((l) => l.hitRate));
  // The overview's drop figure is one switch's (rate and pps together), the worst, as its CodeLens shows it.
  const worstDrop = switches.reduce<ReportSwitch | undefined>((w, s) => (s.dropRate > (w?.dropRate ?? 0) ? s : w), undefined);
  return {
    index: h,
    name: hm.name,
    ...(hm.cluster !== undefined ? { cluster: hm.cluster } : {}),
    ...(host.cpu.model !== undefined ? { cpuModel: host.cpu.model } : {}),
    ghz: host.cpu.ghz,
    worst: {
      maxUtilization: Math.max(0, ...hm.switches.map((s) => s.maxUtilization)),
      minHitRate: lcoreHit.length > 0 ? Math.min(...lcoreHit) : undefined,
      dropRate: worstDrop?.dropRate ?? 0,
      droppedPps: worstDrop?.dropPps ?? 0,
      coresUsed: switches.reduce((n, s) => n + s.coresInMode, 0),
    },
    counts: countSeverities(ids.map((id) => findings[id])),
    findings: ids,
    coresUsed: { ...hm.coresUsed },
    numaNodes: hm.numaNodes.map((n) => {
      const declared = host.numaNodes?.findIndex((d) => d.id === n.id) ?? -1;
      const memoryGiB = declared >= 0 ? host.numaNodes![declared].memoryGiB : undefined;
      return {
        id: n.id,
        socket: n.socket,
        cores: n.cores,
        lcores: n.lcores,
        ...(memoryGiB !== undefined ? { memoryGiB } : {}),
        mbuf: structuredCopy(n.mbuf),
        findings: declared >= 0 ? under(findings, `${hostPath}/numaNodes/${declared}`) : [],
      };
    }),
    nics: host.nics.map((nic, i): ReportNic => ({
      name: nic.name,
      ...(nic.model !== undefined ? { model: nic.model } : {}),
      speedGbps: nic.speedGbps,
      numaNode: nic.numaNode,
      onKnownNode: nodeIds.has(nic.numaNode),
      findings: about(findings, { host: h, nic: i }),
    })),
    switches,
    vms,
    links: linksOf(hm, host, h, findings),
  };
}

/** `sw` is the switch at the model's index (names may repeat in a file with ref/duplicate-name). */
function reportSwitch(sm: SwitchModel, sw: Host['switches'][number] | undefined, host: Host, ids: number[], withCurve: boolean): ReportSwitch {
  const nicNames = new Set(host.nics.map((n) => n.name));
  return {
    name: sm.name,
    mode: sm.mode,
    lcoreAssignment: sm.lcoreAssignment,
    uplinks: (sw?.uplinks ?? []).filter((u) => nicNames.has(u)),
    offeredPps: sm.offeredPps,
    packetBytes: sm.packetBytes,
    rxPps: sm.rxPps,
    txPps: sm.txPps,
    lineRatePps: sm.lineRatePps,
    capacityPps: sm.capacityPps,
    lcoreDropPps: sm.lcoreDropPps,
    lineDropPps: sm.lineDropPps,
    dropPps: sm.dropPps,
    dropRate: sm.dropRate,
    heritageBreakEvenHitRate: sm.heritageBreakEvenHitRate,
    hitRate: sm.hitRate,
    churnMissShare: sm.churnMissShare,
    entries: sm.entries,
    imbalance: sm.imbalance,
    maxUtilization: sm.maxUtilization,
    coresUsed: { ...sm.coresUsed },
    coresInMode: coresInOwnMode(sm),
    lcores: sm.lcores.map((l) => ({
      index: l.index,
      numaNode: l.numaNode,
      queues: l.queues,
      pps: l.pps,
      utilization: l.utilization,
      hitRate: l.hitRate,
      cyclesPerPacket: l.cyclesPerPacket,
      capacityPps: l.capacityPps,
      servedPps: l.servedPps,
      dropPps: l.dropPps,
      assigned: l.assigned.map((a) => ({ vm: a.vm, vnic: a.vnic, queue: a.queue, pps: a.pps, remote: a.remote })),
    })),
    mbuf: structuredCopy(sm.mbuf),
    ...(withCurve ? { cacheCurve: curveOf(sm) } : {}),
    ...(sw?.measured ? { measured: measuredOf(sw.measured, sm) } : {}),
    findings: ids,
  };
}

function measuredOf(m: SwitchMeasured, sm: SwitchModel): ReportMeasured {
  const traffic = sm.offeredPps > 0;
  const seen = measuredHitRate(m);
  return {
    ...(m.at !== undefined ? { at: m.at } : {}),
    ...(m.seconds !== undefined ? { seconds: m.seconds } : {}),
    ...(m.source !== undefined ? { source: m.source } : {}),
    ...(m.hitRateFrom !== undefined ? { hitRateFrom: m.hitRateFrom } : {}),
    ...(seen !== undefined ? { hitRate: seen } : {}),
    ...(traffic ? { predictedHitRate: sm.hitRate } : {}),
    lcores: pairLcores(m.lcores, sm.lcores).map((p) => ({
      numaNode: p.numaNode,
      ...(p.measured ? { lcore: p.measured.lcore } : {}),
      ...(p.measured?.hitRate !== undefined ? { hitRate: p.measured.hitRate } : {}),
      ...(p.predicted && traffic ? { predictedPps: p.predicted.pps } : {}),
      ...(p.predicted && p.predicted.pps > 0 ? { predictedHitRate: p.predicted.hitRate } : {}),
      ...(p.measured?.pps !== undefined ? { pps: p.measured.pps } : {}),
      ...(p.measured?.flows !== undefined ? { flows: p.measured.flows } : {}),
      ...(p.measured?.newFlowsPerSec !== undefined ? { newFlowsPerSec: p.measured.newFlowsPerSec } : {}),
    })),
  };
}

function curveOf(sm: SwitchModel): CurvePoint[] {
  // Reading the lazy getter runs the solver once per table size (cached on the model afterwards).
  return sm.lcores.some((l) => l.pps > 0) ? sm.cacheCurve.map((p) => ({ entries: p.entries, hitRate: p.hitRate })) : [];
}

/**
 * The lines of the NUMA map. An uplink crosses NUMA when its switch has lcores, none on the NIC's
 * node (numa/lcore-remote-nic); lcores serve a VM across NUMA when a queue is remote, the VM sits
 * on another node than the lcores, or a numa/vm-remote finding names the pair.
 */
function linksOf(hm: HostModel, host: Host, h: number, findings: readonly ReportFinding[]): NumaLink[] {
  const links: NumaLink[] = [];
  hm.switches.forEach((sm, s) => {
    const sw = host.switches[s];
    const lcoreNodes = new Set(sm.lcores.map((l) => l.numaNode));
    (sw?.uplinks ?? []).forEach((name) => {
      const n = host.nics.findIndex((x) => x.name === name);
      const nic = host.nics[n];
      if (!nic) return;
      // The model's findings about this switch and this uplink's NIC (numa/lcore-remote-nic, numa/uplinks-split).
      const ids = about(findings, { host: h, switch: s, nic: n }, (f) => f.kind === 'model');
      const cross = sm.mode !== 'standard' && lcoreNodes.size > 0 && !lcoreNodes.has(nic.numaNode);
      links.push({ kind: 'uplink', nic: name, switch: sm.name, cross: cross || ids.length > 0, findings: ids });
    });
    const served = new Map<string, { numaNode: number; vm: string; queues: number; pps: number; remote: boolean }>();
    for (const l of sm.lcores) {
      for (const a of l.assigned) {
        const key = `${l.numaNode}\u0000${a.vm}`;
        const link = served.get(key) ?? { numaNode: l.numaNode, vm: a.vm, queues: 0, pps: 0, remote: false };
        link.queues += 1;
        link.pps += a.pps;
        link.remote ||= a.remote;
        served.set(key, link);
      }
    }
    for (const link of served.values()) {
      const v = (host.vms ?? []).findIndex((vm) => vm.name === link.vm);
      const vm = host.vms?.[v];
      const ids = v < 0 ? [] : about(findings, { host: h, vm: v, switch: s }, (f) => f.rule === 'numa/vm-remote');
      const cross = link.remote || (vm?.numaNode !== undefined && vm.numaNode !== link.numaNode) || ids.length > 0;
      links.push({ kind: 'serve', switch: sm.name, numaNode: link.numaNode, vm: link.vm, queues: link.queues, pps: link.pps, cross, findings: ids });
    }
  });
  return links;
}

/** A deep copy of plain model data (no shared references into the cached model). */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
