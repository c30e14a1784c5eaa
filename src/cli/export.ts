// `edp-check export --format nsx-policy|terraform [--out FILE] [--force] TOPOLOGY`: the NSX
// configuration that deploys a checked design. A design with errors exports nothing (exit 1,
// the errors on stderr); its warnings are in the output's header and on stderr.
import * as path from 'node:path';
import { analyze, EXPORT_FORMATS, exportDesign, type ExportFormat, plural } from '../core';
import { parseSubcommand, subcommand } from './args';
import { loadCatalogs } from './catalogs';
import { writeOutputFile } from './write';
import type { CliIo } from './io';
import { readTopologyFile } from './read';

const EXPORT_USAGE = `Usage: edp-check export --format nsx-policy|terraform [--out FILE] [--force] TOPOLOGY

Prints the NSX configuration that deploys the design in TOPOLOGY (*.edp.json): per vSphere
cluster a host transport node profile (switch mode, lcores per NUMA node, uplinks) with its
uplink profiles (MTU, teaming), and a transport node for each host that differs from its
cluster. Values the design does not know (VDS UUIDs, transport zones, TEP IP pools) are
placeholders listed in the output. See docs/EXPORT.md.

Options:
  -f, --format nsx-policy|terraform  NSX Policy API requests (JSON) or a Terraform
                                     configuration for the vmware/nsxt provider
  -o, --out FILE                     write to FILE instead of stdout (never the input)
      --force                        replace FILE if it exists
      --catalog FILE                 a NIC catalog for the readiness checks, as for a check;
                                     repeatable
  -h, --help                         show this help

Exit status: 0 exported; 1 the design has errors, nothing exported; 2 usage error, a file
that cannot be read, or an output file that exists (without --force).
`;

const EXPORT = subcommand({
  name: 'edp-check export',
  usage: EXPORT_USAGE,
  options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, force: { type: 'boolean' }, catalog: { type: 'string', multiple: true } },
  afterError: 'hint',
});

export function runExport(argv: readonly string[], io: CliIo): number {
  const args = parseSubcommand(argv, EXPORT, io);
  if (typeof args === 'number') return args;
  const { values, positionals, fail } = args;
  const format = values.format;
  if (format === undefined) return fail(`--format is required: ${EXPORT_FORMATS.join(' or ')}`);
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) return fail(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`);
  if (positionals.length !== 1) return fail(`expected one topology file, got ${positionals.length}`);
  if (values.out !== undefined && values.out.trim() === '') return fail('--out needs a file name');

  const file = positionals[0];
  const input = path.resolve(io.cwd, file);
  const catalog = loadCatalogs(values.catalog ?? [], io.cwd);
  if ('error' in catalog) return fail(catalog.error);
  const read = readTopologyFile(input);
  if ('error' in read) {
    io.stderr(`edp-check export: cannot read ${file}: ${read.error}\n`);
    return 2;
  }
  // Every finding counts: an error cut off by --max-problems must still stop the export.
  const analysis = analyze(read.text, { catalog: catalog.catalog, maxProblems: Number.MAX_SAFE_INTEGER });
  const result = exportDesign(analysis, format as ExportFormat, { source: path.basename(file) });
  if (!result.ok) {
    io.stderr(`edp-check export: nothing exported: ${result.reason}\n`);
    for (const e of result.errors) {
      const at = e.range ? `:${e.range.start.line + 1}:${e.range.start.character + 1}` : '';
      io.stderr(`${file}${at} error ${e.rule} ${e.message}\n`);
    }
    return 1;
  }
  for (const w of result.warnings) io.stderr(`warning: ${w.rule ? `${w.rule} ` : ''}${w.message}\n`);
  if (result.placeholders.length > 0) {
    io.stderr(`edp-check export: ${plural(result.placeholders.length, 'placeholder')} to fill in (listed in the output): ${result.placeholders.map((p) => p.name).join(', ')}\n`);
  }
  if (values.out === undefined) {
    io.stdout(result.text);
    return 0;
  }
  const failed = writeOutputFile(path.resolve(io.cwd, values.out), result.text, { force: values.force === true, inputs: [input], display: values.out });
  if (failed) {
    io.stderr(`edp-check export: ${failed}\n`);
    return 2;
  }
  return 0;
}
