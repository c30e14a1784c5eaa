// What a file must be before any adapter reads it: the rules the CLI and the extension share (each
// reads with its own file API). A device, a FIFO or a directory named as a file would hang or
// exhaust memory; a file over the cap is refused before it is read. Apart from input.ts, which
// parses catalogs: the extension host's bundle needs these and no parser.
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
