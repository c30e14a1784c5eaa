// What the analysis worker does besides analyzing: everything that reads a model, a syntax tree
// or the validators runs here, next to the analysis, so the extension host's thread never decodes
// a model or parses a large document, and its bundle (dist/extension.js) carries none of the
// core's analysis (docs/ARCHITECTURE.md). Pure (no vscode import): unit tests call it directly.
// Every argument and answer crosses the thread boundary by structured clone: plain data only.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type * as ls from 'vscode-json-languageservice';
import {
  type Analysis, type AnalyzeOptions, analyze, appendHostEdits, disableRuleEdits, BUNDLED_CATALOG, calibrateFromMeasurements, catalogLookup,
  detectKind, entryForDriver, type ExportFormat, exportDesign, fileTooLargeAnalysis, type Finding, type HostsImport, hwlocTopologyDocument, HwlocXmlError, type ImportedHost, type ImportInput, mergeIntoDesign,
  importHosts, type NicCatalog, parseCatalogText, type Position, type QuickFix, quickFixes, type Range, readHwlocXml,
  reportMarkdown, reportViewModel, type SeveritySetting, standaloneReportHtml,
} from '../core';
import { catalogFacts, lcoreGroupHoverMarkdown, nicHoverMarkdown, switchHoverMarkdown, vnicHoverMarkdown } from './figures';
import { targetAt } from './modelTargets';
import { createTopologyJsonService, ParsedTopologies } from './topologyJson';

/** A document's text as the worker holds it (version undefined: a file read from disk). */
export interface WorkerDocument {
  version: number | undefined;
  text: string;
}

/** The last analysis of a document, with the text and options it was made from. */
export interface AnalyzedText extends WorkerDocument {
  analysis: Analysis;
  options: AnalyzeOptions;
}

/** The worker's documents and their last analyses, by key (the document's URI). */
export class WorkerState {
  readonly documents = new Map<string, WorkerDocument>();
  readonly analyzed = new Map<string, AnalyzedText>();

  /** The document at `version`, or undefined when the worker holds another version (or none). */
  document(key: string, version: number | undefined): WorkerDocument | undefined {
    const doc = this.documents.get(key);
    return doc && doc.version === version ? doc : undefined;
  }

  /** The last analysis if it was made from `version`: offsets of another would point elsewhere. */
  analysis(key: string, version: number | undefined): AnalyzedText | undefined {
    const done = this.analyzed.get(key);
    return done && done.version === version ? done : undefined;
  }

  forget(key: string): void {
    this.documents.delete(key);
    this.analyzed.delete(key);
  }
}

/** Up to this many hosts the report carries all flow-cache curves (~1 ms per switch); above, only the expanded hosts'. */
const ALL_CURVES_UP_TO_HOSTS = 8;

/** Frame overhead when the model's constants do not give one: preamble, SFD and inter-frame gap. */
const DEFAULT_FRAME_OVERHEAD_BYTES = 20;

/** A finding as the editor holds it (a diagnostic): enough to find it again in the analysis. */
export interface FindingKey {
  rule: string;
  message: string;
  range: Range | undefined;
}

const sameRange = (a: Range | undefined, b: Range | undefined) =>
  a === b || (!!a && !!b && a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character);

function modelHover(done: AnalyzedText, offset: number): { markdown: string; start: Position; end: Position } | undefined {
  const { analysis } = done;
  if (!analysis.model || !analysis.topology) return undefined;
  const at = targetAt(analysis.root, analysis.topology, offset);
  if (!at) return undefined;
  const { target } = at;
  const host = analysis.topology.hosts[target.host];
  const hostModel = analysis.model.hosts[target.host];
  if (!host || !hostModel) return undefined;
  let markdown: string | undefined;
  if (target.kind === 'switch') {
    const sw = hostModel.switches[target.switch];
    markdown = sw && switchHoverMarkdown(sw);
  } else if (target.kind === 'lcoreGroup') {
    const sw = hostModel.switches[target.switch];
    markdown = sw && lcoreGroupHoverMarkdown(host, sw, target.switch, target.group);
  } else if (target.kind === 'vnic') {
    const vm = host.vms?.[target.vm];
    markdown = vm && vnicHoverMarkdown(host, hostModel, vm, target.vnic);
  } else {
    const overhead = analysis.model.constants.frameOverheadBytes ?? DEFAULT_FRAME_OVERHEAD_BYTES;
    const nic = host.nics[target.nic];
    // The catalog the analysis used: the bundled one merged with the workspace's.
    const entry = nic.driver ? entryForDriver(done.options.catalog ?? BUNDLED_CATALOG, nic.driver) : undefined;
    markdown = nicHoverMarkdown(host, hostModel, nic, overhead, entry && catalogFacts(entry, analysis.topology.target.release));
  }
  if (!markdown) return undefined;
  return { markdown, start: analysis.lines.positionAt(at.span.offset), end: analysis.lines.positionAt(at.span.offset + at.span.length) };
}

/** The services the host calls (analysisWorkerClient.ts `call`), over the worker's state. */
export function createServices(state: WorkerState) {
  const json = createTopologyJsonService();
  const parsed = new ParsedTopologies(json);
  /** The JSON language service's parse of a document at `version` (undefined when the worker holds another). */
  const parse = (key: string, version: number) => {
    const doc = state.document(key, version);
    return doc && parsed.get(key, version, () => doc.text);
  };
  const lsPosition = (p: Position): ls.Position => ({ line: p.line, character: p.character });

  return {
    /** The model's figures for what the position names (a switch, vNIC, lcore group or NIC). */
    modelHover(key: string, version: number | undefined, offset: number) {
      const done = state.analysis(key, version);
      return done && modelHover(done, offset);
    },

    /** The quick fixes of each finding (in the order asked), from the analysis of `version`. */
    quickFixes(key: string, version: number | undefined, wanted: FindingKey[]): QuickFix[][] | undefined {
      const done = state.analysis(key, version);
      if (!done) return undefined;
      return wanted.map((w) => {
        const finding = done.analysis.findings.find((f: Finding) => f.rule === w.rule && f.message === w.message && sameRange(f.range, w.range));
        return finding ? quickFixes(done.text, done.analysis, finding) : [];
      });
    },

    /**
     * The report's view-model. Flow-cache curves are computed here and only here, for the hosts
     * the panel shows (`curveHosts`; all of them for a small design): an analysis computes none.
     */
    report(key: string, version: number | undefined, fileName: string, curveHosts: number[] | 'all') {
      const done = state.analysis(key, version);
      if (!done) return undefined;
      const hosts = done.analysis.model?.hosts.length ?? 0;
      return reportViewModel(done.analysis, { fileName, curves: curveHosts === 'all' || hosts <= ALL_CURVES_UP_TO_HOSTS ? 'all' : curveHosts });
    },

    /** The exported report: a standalone HTML page (the panel's script and CSS inline) and its Markdown summary. */
    reportFiles(key: string, version: number | undefined, fileName: string, assets: { script: string; css: string }) {
      const done = state.analysis(key, version);
      if (!done) return undefined;
      const report = reportViewModel(done.analysis, { fileName, curves: 'all' });
      return { html: standaloneReportHtml(report, assets), markdown: reportMarkdown(report) };
    },

    // The JSON language service (schema completion, hover, outline, folding, selection, format).
    complete(key: string, version: number, at: Position) {
      const p = parse(key, version);
      return p && json.doComplete(p.document, lsPosition(at), p.json);
    },
    schemaHover(key: string, version: number, at: Position) {
      const p = parse(key, version);
      return p && json.doHover(p.document, lsPosition(at), p.json);
    },
    symbols(key: string, version: number, resultLimit: number) {
      const p = parse(key, version);
      return p && json.findDocumentSymbols2(p.document, p.json, { resultLimit });
    },
    folding(key: string, version: number, rangeLimit: number) {
      const p = parse(key, version);
      return p && json.getFoldingRanges(p.document, { rangeLimit });
    },
    selectionRanges(key: string, version: number, positions: Position[]) {
      const p = parse(key, version);
      return p && json.getSelectionRanges(p.document, positions.map(lsPosition), p.json);
    },
    format(key: string, version: number, range: ls.Range | undefined, options: { tabSize: number; insertSpaces: boolean }) {
      const p = parse(key, version);
      return p && json.format(p.document, range, options);
    },
    /** The document was closed: drop its JSON parse too. */
    forgetParse(key: string) {
      parsed.forget(key);
    },

    // Commands: they read files the host hands over and answer with data or text to insert.
    exportDesign(text: string, options: AnalyzeOptions, format: ExportFormat, source: string) {
      return exportDesign(analyze(text, { ...options, maxProblems: Number.MAX_SAFE_INTEGER }), format, { source });
    },
    calibrate(text: string, overrides: Record<string, number>) {
      return calibrateFromMeasurements(text, overrides);
    },
    /** A host from lstopo XML, or why the XML is not one. */
    importHwloc(xml: string, catalog: NicCatalog) {
      try {
        return { recorded: readHwlocXml(xml).infos.HostName, imported: hwlocTopologyDocument(xml, { catalog: catalogLookup(catalog) }) };
      } catch (e) {
        if (e instanceof HwlocXmlError) return { error: e.message };
        throw e;
      }
    },
    appendHostEdits(text: string, host: unknown) {
      return appendHostEdits(text, host);
    },
    /** The names of the file's hosts, and the span of the last host object (to reveal an appended one). */
    hosts(text: string) {
      const hosts = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['hosts']);
      const names = (hosts?.children ?? []).map((h): unknown => findNodeAtLocation(h, ['name'])?.value).filter((n): n is string => typeof n === 'string');
      const last = hosts?.children?.at(-1);
      return { names, last: last && { offset: last.offset, length: last.length } };
    },
    /** The edits that turn `rule` off in the file's own "rules". */
    disableRuleEdits(text: string, rule: string) {
      return disableRuleEdits(text, rule);
    },
    importHosts(inputs: ImportInput[], catalog: NicCatalog, deferProfiles: boolean) {
      return importHosts(inputs, { catalog: catalogLookup(catalog), deferProfiles });
    },
    /** The kind of each text (undefined: no host description the import reads). */
    detectKinds(texts: string[]) {
      return texts.map((t) => detectKind(t));
    },
    mergeIntoDesign(designText: string, hosts: ImportedHost[], nsxProfiles: HostsImport['nsxProfiles']) {
      return mergeIntoDesign(designText, hosts, { nsxProfiles });
    },
    parseCatalog(text: string) {
      return parseCatalogText(text);
    },
    /**
     * The one finding of a file over edpDesigner.maxFileSizeMB, as edp-check says it of a file
     * over its cap (same rule, graded by the same settings): the user knows why the file is quiet.
     */
    fileTooLarge(size: number, maxBytes: number, rules: Record<string, SeveritySetting>) {
      return fileTooLargeAnalysis(size, maxBytes, 'edpDesigner.maxFileSizeMB', 'Raise the setting (up to 50 MB) to analyze it, or split the design into smaller files.', { rules }).findings;
    },
  };
}

export type WorkerServices = ReturnType<typeof createServices>;
