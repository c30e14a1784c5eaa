// `edp-check import-hwloc FILE.xml [--name NAME] [--out FILE]`: a v1 topology document for the
// host hwloc describes. The document goes to stdout (or --out), what to check by hand to stderr.
import { resolve } from 'node:path';
import { escapeControlChars as safe, hwlocTopologyDocument, HwlocXmlError, INPUT_LIMITS } from '../core';
import { parseSubcommand, subcommand } from './args';
import type { CliIo } from './io';
import { readInputFile } from './read';
import { writeOutputFile } from './write';

const USAGE = `Usage: edp-check import-hwloc FILE.xml [--name NAME] [--out FILE [--force]]

Reads the XML that \`lstopo --of xml\` (hwloc) writes on the host and prints a topology
document (*.edp.json) with its CPU, NUMA nodes and NICs. Fields hwloc cannot know (such as
NIC link speed) are left out and listed as notes on stderr.

  --name NAME   host name (default: the host name hwloc recorded)
  --out FILE    write the document to FILE instead of stdout; an existing FILE is kept
                unless --force is given, and the XML file itself is never written over
  --force       let --out replace an existing file
  -h, --help    show this help
`;

const IMPORT_HWLOC = subcommand({
  name: 'edp-check import-hwloc',
  usage: USAGE,
  options: { name: { type: 'string' }, out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  afterError: 'usage',
});

export function runImportHwloc(argv: readonly string[], io: CliIo): number {
  const args = parseSubcommand(argv, IMPORT_HWLOC, io);
  if (typeof args === 'number') return args;
  if (args.positionals.length !== 1) return args.fail(`expected one hwloc XML file, got ${args.positionals.length}`);
  const file = args.positionals[0];
  const shown = safe(file);
  const read = readInputFile(resolve(io.cwd, file), INPUT_LIMITS.hwlocXmlBytes, 'hwloc XML file');
  if ('error' in read) {
    io.stderr(`edp-check import-hwloc: cannot read ${shown}: ${read.error}\n`);
    return 2;
  }
  let result;
  try {
    result = hwlocTopologyDocument(read.text, { name: args.values.name });
  } catch (e) {
    // Whatever the XML holds, the answer is one line; a bug of ours says so instead of a stack trace.
    const why = e instanceof HwlocXmlError ? e.message : `not something the importer can read (internal error: ${(e as Error).message}; please report it with the file)`;
    io.stderr(`edp-check import-hwloc: ${shown} is ${safe(why)}. Export the host's topology with: lstopo --of xml host.xml\n`);
    return 2;
  }
  const text = `${JSON.stringify(result.topology, null, 2)}\n`;
  for (const note of result.notes) io.stderr(`note: ${safe(note)}\n`);
  if (args.values.out === undefined) {
    io.stdout(text);
    return 0;
  }
  const failed = writeOutputFile(resolve(io.cwd, args.values.out), text, {
    force: args.values.force,
    inputs: [resolve(io.cwd, file)],
    display: args.values.out,
  });
  if (failed) {
    io.stderr(`edp-check import-hwloc: ${safe(failed)}\n`);
    return 2;
  }
  return 0;
}
