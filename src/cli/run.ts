// edp-check as a function of its arguments, so tests run it in-process (DESIGN §5).
import * as path from 'node:path';
import { analyze, escapeControlChars as safe } from '../core';
import { version } from '../../package.json';
import { parseCliArgs, USAGE } from './args';
import { type CheckedFile, failsAt } from './checked';
import { expandArguments } from './files';
import { jsonReport } from './format-json';
import { type FileError, sarifLog } from './format-sarif';
import { textReport } from './format-text';
import type { CliIo } from './io';
import { readTopologyFile } from './read';
import { writeReport } from './report';
import { loadCatalogs } from './catalogs';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Milliseconds one file's analysis may take (docs/RULES.md, analysis/budget-exceeded). */
const CLI_BUDGET_MS = 60_000;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // Subcommands go first so that they own their options; loaded on demand, so a check never
  // pays for (or depends on) their code.
  if (argv[0] === 'import') return (await import('./import')).runImport(argv.slice(1), io);
  // The first importer's verb, kept as an alias (its --name option included).
  if (argv[0] === 'import-hwloc') return (await import('./import-hwloc')).runImportHwloc(argv.slice(1), io);
  if (argv[0] === 'export') return (await import('./export')).runExport(argv.slice(1), io);

  const options = parseCliArgs(argv);
  if ('error' in options) {
    io.stderr(`edp-check: ${options.error}\nRun "edp-check --help" for usage.\n`);
    return EXIT_USAGE;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }

  const catalog = loadCatalogs(options.catalogs, io.cwd);
  if ('error' in catalog) {
    io.stderr(`edp-check: ${catalog.error}\n`);
    return EXIT_USAGE;
  }

  const { files, problems } = expandArguments(options.inputs, io.cwd);
  for (const p of problems) io.stderr(`edp-check: ${p}\n`);
  if (options.report !== undefined && files.length !== 1) {
    io.stderr(`edp-check: --report writes the report of one topology file, but the arguments name ${files.length}\n`);
    return EXIT_USAGE;
  }
  const checked: CheckedFile[] = [];
  const fileErrors: FileError[] = [];
  for (const file of files) {
    const read = readTopologyFile(file.absolute);
    if ('error' in read) {
      io.stderr(`edp-check: cannot read ${safe(file.display)}: ${read.error}\n`);
      fileErrors.push({ display: file.display, message: read.error });
      continue;
    }
    // The CLI reports structural errors itself; the editor leaves them to VS Code's JSON service.
    const analysis = analyze(read.text, { maxProblems: options.maxProblems, catalog: catalog.catalog, budgetMs: CLI_BUDGET_MS });
    checked.push({ ...file, analysis });
  }

  if (options.format === 'json') {
    io.stdout(JSON.stringify(jsonReport(checked), null, 2) + '\n');
  } else if (options.format === 'sarif') {
    io.stdout(JSON.stringify(sarifLog(checked, fileErrors, version, io.cwd), null, 2) + '\n');
  } else if (checked.length > 0) {
    io.stdout(textReport(checked, { color: colorWanted(io), quiet: options.quiet, unreadable: fileErrors.length }));
  }

  if (options.report !== undefined && checked.length === 1) {
    const out = path.resolve(io.cwd, options.report);
    const inputs = [checked[0].absolute, ...options.catalogs.map((c) => path.resolve(io.cwd, c))];
    const failed = writeReport(checked[0].analysis, path.basename(checked[0].absolute), out, { force: options.force, inputs, display: options.report });
    if (failed) {
      io.stderr(`edp-check: ${safe(failed)}\n`);
      return EXIT_USAGE;
    }
    // stderr: stdout may be a JSON or SARIF document.
    if (!options.quiet) io.stderr(`edp-check: report written to ${safe(path.relative(io.cwd, out) || out)}\n`);
  }

  if (problems.length > 0 || fileErrors.length > 0) return EXIT_USAGE;
  return checked.some((f) => failsAt(f.analysis.findings, options.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

/** https://no-color.org: any non-empty NO_COLOR turns colours off; pipes and files never get them. */
function colorWanted(io: CliIo): boolean {
  return io.isTTY === true && !io.env?.NO_COLOR;
}
