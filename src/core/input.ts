// What a file must be before any adapter reads it, and how a catalog's text becomes a catalog:
// the rules the CLI and the extension share (each reads with its own file API). A device, a FIFO
// or a directory named as a file would hang or exhaust memory; a file over the cap is refused
// before it is read.
import { parse, type ParseError } from 'jsonc-parser';
import { checkCatalog, type NicCatalog } from './readiness/catalog';
import { protoKeyOffset } from './parse';
import type { Analysis, AnalyzeOptions } from './analyze';
import { unreadAnalysis } from './analyzer';
import { fileSize } from './present';

const MiB = 1024 * 1024;

/** Far above any real input (a large topology is a few MB); refusing beats hanging a CI job. */
export const INPUT_LIMITS = {
  topologyBytes: 50 * MiB,
  catalogBytes: 10 * MiB,
  /** lstopo XML of a large host with many PCI devices is a few MB. */
  hwlocXmlBytes: 64 * MiB,
  /** One input of `edp-check import`: ESXi output, vSphere or NSX JSON, hwloc XML. */
  importBytes: 64 * MiB,
} as const;

/** What a stat of the path (following links) says it is. */
export type FileKind = 'file' | 'directory' | 'other';

/**
 * Why a path cannot be read as an input, one sentence for the user, or undefined when it can.
 * `what` names the input ("topology file", "NIC catalog", "hwloc XML file").
 */
export function inputFileProblem(kind: FileKind, size: number, maxBytes: number, what: string): string | undefined {
  if (kind === 'directory') return `it is a directory, not a ${what}`;
  if (kind !== 'file') return `it is not a regular file (a device, FIFO or socket), so it is not read as a ${what}`;
  if (size > maxBytes) return `it is ${fileSize(size)}, over the ${fileSize(maxBytes)} limit for a ${what}; check that it is the right file`;
  return undefined;
}

/** A topology file over the size cap of the editor or the CLI: said alike by both (docs/RULES.md). */
export const FILE_TOO_LARGE_RULE = 'analysis/file-too-large';

/**
 * The analysis of a topology file of `size` bytes that is over `maxBytes` and so was not read:
 * one analysis/file-too-large finding at its top. `limit` names whose cap it is
 * ("edpDesigner.maxFileSizeMB", "edp-check"), `advice` says what to do.
 */
export function fileTooLargeAnalysis(size: number, maxBytes: number, limit: string, advice: string, options: Pick<AnalyzeOptions, 'rules'> = {}): Analysis {
  const message = `This file is ${fileSize(size)}, over the ${fileSize(maxBytes)} limit of ${limit}, so it was not analyzed. ${advice}`;
  return unreadAnalysis([{ rule: FILE_TOO_LARGE_RULE, path: '', message }], options);
}

/**
 * A NIC catalog from its text (JSON with comments), checked against
 * schemas/nic-catalog.schema.json: what `--catalog` and `edpDesigner.catalogs` both load.
 */
export function parseCatalogText(text: string): { catalog: NicCatalog } | { problems: string[] } {
  const errors: ParseError[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value: unknown = parse(source, errors, { allowTrailingComma: true });
  if (errors.length) return { problems: [`it is not valid JSON (at offset ${errors[0].offset})`] };
  const proto = protoKeyOffset(source);
  if (proto !== undefined) return { problems: [`it has a "__proto__" key (at offset ${proto}), which a catalog never needs`] };
  const checked = checkCatalog(value);
  return checked.catalog ? { catalog: checked.catalog } : { problems: checked.problems };
}
