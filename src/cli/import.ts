// `edp-check import [--out FILE] [--into TOPOLOGY] [--force] INPUT...`: one topology from host
// descriptions of any known kind (hwloc XML, vSphere JSON, NSX JSON, ESXi command output), files
// or folders. The document goes to stdout (or --out); notes and conflicts go to stderr.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, catalogLookup, importHosts, INPUT_LIMITS, type ImportInput, mergeIntoDesign, plural, stripBom, understoodKinds } from '../core';
import { parseSubcommand, subcommand } from './args';
import { loadCatalogs } from './catalogs';
import type { CliIo } from './io';
import { readInputFile, readTopologyFile } from './read';
import { writeOutputFile } from './write';

const IMPORT_USAGE = `Usage: edp-check import [--out FILE] [--into TOPOLOGY] [--force] [--catalog FILE] INPUT...

Builds a topology document (*.edp.json) from what describes the hosts elsewhere. Each INPUT
is a file or a folder (searched for files); its kind is told by its content:
${understoodKinds()}
Inputs about the same host merge: by host name, else a nameless input joins the host named
before it. Facts no input gives are left out and listed as notes on stderr (the checker
then flags them in the result); nothing is guessed. docs/IMPORT.md has the details.

  --out FILE        write the document to FILE instead of stdout
  --into TOPOLOGY   merge into this design: hosts matched by name, the design's values
                    kept, imported facts fill its gaps, differences listed on stderr;
                    NSX transport node profiles fill the switches of the design's hosts
                    they configure (by transport node collection, cluster name, or all)
  --force           let --out replace an existing file, the --into design included (never an input)
  --catalog FILE    a NIC catalog that names NICs by PCI id (repeatable)
`;

const MAX_FOLDER_FILES = 2000;

const IMPORT = subcommand({
  name: 'edp-check import',
  usage: IMPORT_USAGE,
  options: { out: { type: 'string', short: 'o' }, into: { type: 'string' }, force: { type: 'boolean' }, catalog: { type: 'string', multiple: true } },
  afterError: 'usage',
});

export function runImport(argv: readonly string[], io: CliIo): number {
  const args = parseSubcommand(argv, IMPORT, io);
  if (typeof args === 'number') return args;
  if (args.positionals.length === 0) return args.fail('no inputs given');
  const catalog = loadCatalogs(args.values.catalog ?? [], io.cwd);
  if ('error' in catalog) {
    io.stderr(`edp-check import: ${catalog.error}\n`);
    return 2;
  }

  const inputs: (ImportInput & { absolute: string; inFolder: boolean })[] = [];
  for (const arg of args.positionals) {
    const absolute = path.resolve(io.cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (e) {
      io.stderr(`edp-check import: cannot read ${arg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    const files = stat.isDirectory() ? filesUnder(absolute).map((f) => ({ absolute: f, display: path.join(arg, path.relative(absolute, f)) })) : [{ absolute, display: arg }];
    if (stat.isDirectory() && files.length === 0) {
      io.stderr(`edp-check import: folder ${arg} holds no files\n`);
      return 2;
    }
    for (const f of files) {
      const read = readInputFile(f.absolute, INPUT_LIMITS.importBytes, 'host description');
      if ('error' in read) {
        io.stderr(`edp-check import: cannot read ${f.display}: ${read.error}\n`);
        return 2;
      }
      inputs.push({ name: f.display, text: stripBom(read.text), absolute: f.absolute, inFolder: stat.isDirectory() });
    }
  }

  const into = args.values.into;
  // With --into, NSX transport node profiles apply to the design's hosts (after the merge), not only to the hosts imported with them.
  const result = importHosts(inputs, { catalog: catalogLookup(catalog.catalog), deferProfiles: into !== undefined });
  const unknown = result.kinds.filter((k) => k.kind === undefined);
  const unknownNamed = unknown.filter((k) => !inputs.find((i) => i.name === k.name)?.inFolder);
  const nothing = result.topology.hosts.length === 0 && !result.nsxProfiles;
  if (unknownNamed.length > 0 || nothing) {
    for (const n of result.notes) io.stderr(`note: ${n}\n`);
    if (unknownNamed.length > 0 || unknown.length === result.kinds.length) {
      io.stderr(`edp-check import: ${(unknownNamed.length ? unknownNamed : unknown).map((k) => k.name).join(', ')}: not a kind of host description this command reads. It reads:\n${understoodKinds()}\n`);
    } else {
      io.stderr(`edp-check import: no host found in the inputs${result.kinds.some((k) => k.kind === 'nsx') && into === undefined ? ' (a transport node profile alone describes no host: give --into DESIGN)' : ''}.\n`);
    }
    return 2;
  }
  for (const k of unknown) io.stderr(`note: ${k.name}: not a host description of a known kind: skipped.\n`);
  for (const n of result.notes) io.stderr(`note: ${n}\n`);

  let text = `${JSON.stringify(result.topology, null, 2)}\n`;
  if (args.values.into !== undefined) {
    const designPath = path.resolve(io.cwd, args.values.into);
    const read = readTopologyFile(designPath);
    if ('error' in read) {
      io.stderr(`edp-check import: cannot read ${args.values.into}: ${read.error}\n`);
      return 2;
    }
    const merged = mergeIntoDesign(read.text, result.topology.hosts, { nsxProfiles: result.nsxProfiles });
    if ('error' in merged) {
      io.stderr(`edp-check import: ${args.values.into} ${merged.error}\n`);
      return 2;
    }
    for (const n of merged.notes) io.stderr(`note: NSX: ${n}\n`);
    for (const c of merged.conflicts) io.stderr(`conflict: ${c}\n`);
    io.stderr(`edp-check import: into ${args.values.into}: ${plural(merged.filled.length, 'fact')} filled in, ${plural(merged.added.length, 'host')} added${merged.added.length ? ` (${merged.added.join(', ')})` : ''}, ${plural(merged.conflicts.length, 'difference')} kept as the design has them\n`);
    text = merged.text;
  }

  const findings = analyze(text, { catalog: catalog.catalog }).findings;
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) io.stderr(`edp-check import: the result has ${plural(errors, 'error finding')}, mostly facts left for you to fill in: run edp-check on it to see them.\n`);

  if (args.values.out === undefined) {
    io.stdout(text);
    return 0;
  }
  const failed = writeOutputFile(path.resolve(io.cwd, args.values.out), text, { force: args.values.force === true, inputs: inputs.map((i) => i.absolute), display: args.values.out });
  if (failed) {
    io.stderr(`edp-check import: ${failed}\n`);
    return 2;
  }
  return 0;
}


/** Regular files under a folder in code-unit order, dot-files and node_modules skipped, symlinked folders not followed. */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name === 'node_modules' || out.length >= MAX_FOLDER_FILES) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.push(p);
    }
  };
  visit(root);
  return out;
}
