// edp-check as a function of its arguments, so tests run it in-process (DESIGN §5).
import * as path from 'node:path';
import { escapeControlChars as safe, type Finding, type SeverityCounts } from '../core';
import { version } from '../../package.json';
import { parseCliArgs, USAGE, usageError } from './args';
import { analyzeFile, type CheckSettings, type FileOutcome, type FileToCheck, outcomeOf, tooLargeOutcome } from './check-files';
import { checkFiles } from './check-pool';
import { threadCount } from './jobs';
import { expandArguments } from './files';
import { JsonReportWriter } from './format-json';
import { type FileError, sarifLog } from './format-sarif';
import { textSummary } from './format-text';
import type { CliIo } from './io';
import { readTopologyFile } from './read';
import { writeReport } from './report';
import { loadCatalogs } from './catalogs';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // Subcommands go first so that they own their options; loaded on demand, so a check never
  // pays for (or depends on) their code.
  if (argv[0] === 'import') return (await import('./import')).runImport(argv.slice(1), io);
  // The first importer's verb, kept as an alias (its --name option included).
  if (argv[0] === 'import-hwloc') return (await import('./import-hwloc')).runImportHwloc(argv.slice(1), io);
  if (argv[0] === 'export') return (await import('./export')).runExport(argv.slice(1), io);

  const options = parseCliArgs(argv);
  if ('error' in options) return usageError(io, { name: 'edp-check', usage: USAGE, afterError: 'hint' }, options.error);
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

  const settings: CheckSettings = { format: options.format, failOn: options.failOn, maxProblems: options.maxProblems, color: colorWanted(io), quiet: options.quiet, catalog: catalog.catalog };
  const toCheck: FileToCheck[] = files.map((f, index) => ({ index, ...f }));
  const output = new Output(settings, io, toCheck);
  let reportFailed: string | undefined;
  let reportWritten: string | undefined;
  if (options.report !== undefined) {
    // The report needs the file's whole analysis: checked here.
    const file = toCheck[0];
    const read = readTopologyFile(file.absolute);
    if ('error' in read) {
      output.take(read.tooLarge ? tooLargeOutcome(file, read.tooLarge, settings) : { index: 0, error: read.error });
      if (read.tooLarge) reportFailed = `${options.report} not written: the topology file was not analyzed`;
    } else {
      const analysis = analyzeFile(read.text, settings);
      output.take(outcomeOf(0, { ...file, analysis }, settings));
      const out = path.resolve(io.cwd, options.report);
      const inputs = [file.absolute, ...options.catalogs.map((c) => path.resolve(io.cwd, c))];
      reportFailed = writeReport(analysis, path.basename(file.absolute), out, { force: options.force, inputs, display: options.report });
      // stderr: stdout may be a JSON or SARIF document.
      if (!reportFailed && !options.quiet) reportWritten = path.relative(io.cwd, out) || out;
    }
  } else {
    await checkFiles(toCheck, settings, threadCount(toCheck, options.jobs), io.workerScript, (o) => output.take(o));
  }
  output.end();

  if (reportFailed) io.stderr(`edp-check: ${safe(reportFailed)}\n`);
  if (reportWritten) io.stderr(`edp-check: report written to ${safe(reportWritten)}\n`);
  // A file over the size cap was not checked: CI must not pass it, whatever its finding's severity.
  if (problems.length > 0 || output.fileErrors.length > 0 || output.unanalyzed > 0 || reportFailed) return EXIT_USAGE;
  return output.failed ? EXIT_FINDINGS : EXIT_OK;
}

/** Writes each file's output as it comes (in file order); keeps only the counts, and for SARIF the findings. */
class Output {
  readonly fileErrors: FileError[] = [];
  /** Files over the size cap, reported with analysis/file-too-large. */
  unanalyzed = 0;
  failed = false;
  private readonly counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  private checked = 0;
  private hidden = 0;
  private readonly json: JsonReportWriter | undefined;
  private readonly sarif: { absolute: string; findings: Finding[] }[] = [];

  constructor(private readonly settings: CheckSettings, private readonly io: CliIo, private readonly files: readonly FileToCheck[]) {
    this.json = settings.format === 'json' ? new JsonReportWriter(io.stdout) : undefined;
  }

  take(o: FileOutcome): void {
    const file = this.files[o.index];
    if ('error' in o) {
      if (o.internal) this.io.stderr(`edp-check: internal error checking ${safe(file.display)}: ${safe(o.error)}. Please report it with the command and files that caused it.\n`);
      else this.io.stderr(`edp-check: cannot read ${safe(file.display)}: ${o.error}\n`);
      this.fileErrors.push({ display: file.display, message: o.internal ? `internal error: ${o.error}` : o.error });
      return;
    }
    if (o.unanalyzed) this.unanalyzed++;
    else this.checked++;
    this.failed ||= o.fails;
    this.hidden += o.truncated;
    for (const s of ['error', 'warning', 'info'] as const) this.counts[s] += o.counts[s];
    if (this.json) this.json.file(o.output);
    else if (o.findings) this.sarif.push({ absolute: file.absolute, findings: o.findings });
    else if (o.output) this.io.stdout(o.output);
  }

  end(): void {
    if (this.json) this.json.end(this.counts);
    else if (this.settings.format === 'sarif') this.io.stdout(JSON.stringify(sarifLog(this.sarif, this.fileErrors, version, this.io.cwd), null, 2) + '\n');
    else if (this.checked + this.unanalyzed > 0 && !this.settings.quiet) this.io.stdout(textSummary(this.counts, this.checked, this.hidden, this.fileErrors.length, this.unanalyzed));
  }
}

/** https://no-color.org: any non-empty NO_COLOR turns colours off; pipes and files never get them. */
function colorWanted(io: CliIo): boolean {
  return io.isTTY === true && !io.env?.NO_COLOR;
}
