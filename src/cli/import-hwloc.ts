// `edp-check import-hwloc FILE.xml [--name NAME] [--out FILE]`: a v1 topology document for the
// host hwloc describes. The document goes to stdout (or --out), what to check by hand to stderr.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hwlocTopologyDocument, HwlocXmlError } from '../core';

export interface ImportHwlocIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
}

const USAGE = `usage: edp-check import-hwloc FILE.xml [--name NAME] [--out FILE]

Reads the XML that \`lstopo --of xml\` (hwloc) writes on the host and prints a topology
document (*.edp.json) with its CPU, NUMA nodes and NICs. Fields hwloc cannot know (such as
NIC link speed) are left out and listed as notes on stderr.

  --name NAME   host name (default: the host name hwloc recorded)
  --out FILE    write the document to FILE instead of stdout
`;

export async function runImportHwloc(argv: string[], io: ImportHwlocIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { name: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.stderr(`edp-check import-hwloc: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr(`edp-check import-hwloc: expected one hwloc XML file, got ${args.positionals.length}\n\n${USAGE}`);
    return 2;
  }
  const file = args.positionals[0];
  let xml: string;
  try {
    xml = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    io.stderr(`edp-check import-hwloc: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  let result;
  try {
    result = hwlocTopologyDocument(xml, { name: args.values.name });
  } catch (e) {
    if (!(e instanceof HwlocXmlError)) throw e;
    io.stderr(`edp-check import-hwloc: ${file} is ${e.message}. Export the host's topology with: lstopo --of xml host.xml\n`);
    return 2;
  }
  const text = `${JSON.stringify(result.topology, null, 2)}\n`;
  for (const note of result.notes) io.stderr(`note: ${note}\n`);
  if (args.values.out === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    await writeFile(resolve(io.cwd, args.values.out), text, 'utf8');
  } catch (e) {
    io.stderr(`edp-check import-hwloc: cannot write ${args.values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  return 0;
}
