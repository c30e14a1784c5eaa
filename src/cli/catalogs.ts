// --catalog FILE: the CLI's counterpart of the editor's edpDesigner.catalogs, so CI judges
// hardware with the same catalog the designer saw.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { BUNDLED_CATALOG, checkCatalog, mergeCatalogs, type NicCatalog } from '../core';

export function loadCatalogs(files: readonly string[], cwd: string): { catalog: NicCatalog } | { error: string } {
  const extra: NicCatalog[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.resolve(cwd, file), 'utf8');
    } catch (e) {
      return { error: `cannot read NIC catalog ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
    const errors: ParseError[] = [];
    const value: unknown = parse(text, errors, { allowTrailingComma: true });
    if (errors.length) return { error: `NIC catalog ${file} is not valid JSON (at offset ${errors[0].offset})` };
    const checked = checkCatalog(value);
    if (!checked.catalog) return { error: `NIC catalog ${file} does not match schemas/nic-catalog.schema.json: ${checked.problems.slice(0, 3).join('; ')}` };
    extra.push(checked.catalog);
  }
  return { catalog: extra.length ? mergeCatalogs(BUNDLED_CATALOG, extra) : BUNDLED_CATALOG };
}
