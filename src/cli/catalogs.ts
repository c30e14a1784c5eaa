// --catalog FILE: the CLI's counterpart of the editor's edpDesigner.catalogs, so CI judges
// hardware with the same catalog the designer saw (both parse with the core's parseCatalogText).
import path from 'node:path';
import { BUNDLED_CATALOG, INPUT_LIMITS, mergeCatalogs, type NicCatalog, parseCatalogText } from '../core';
import { readInputFile } from './read';

export function loadCatalogs(files: readonly string[], cwd: string): { catalog: NicCatalog } | { error: string } {
  const extra: NicCatalog[] = [];
  for (const file of files) {
    const read = readInputFile(path.resolve(cwd, file), INPUT_LIMITS.catalogBytes, 'NIC catalog');
    if ('error' in read) return { error: `cannot read NIC catalog ${file}: ${read.error}` };
    const parsed = parseCatalogText(read.text);
    if ('problems' in parsed) return { error: `NIC catalog ${file} is not used: ${parsed.problems.slice(0, 3).join('; ')}. See schemas/nic-catalog.schema.json.` };
    extra.push(parsed.catalog);
  }
  return { catalog: extra.length ? mergeCatalogs(BUNDLED_CATALOG, extra) : BUNDLED_CATALOG };
}
