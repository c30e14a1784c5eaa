// What a file over the size cap analyzes to, and how a catalog's text becomes a catalog: the
// rules the CLI and the extension share (each reads with its own file API). The caps themselves
// are in inputLimits.ts.
import { parse, type ParseError } from 'jsonc-parser';
import { checkCatalog, type NicCatalog } from './readiness/catalog';
import { protoKeyOffset } from './parse';
import type { Analysis, AnalyzeOptions } from './analyze';
import { unreadAnalysis } from './analyzer';
import { fileSize } from './present';
import { FILE_TOO_LARGE_RULE } from './inputLimits';


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
