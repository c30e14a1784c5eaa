// Command lines of edp-check and its subcommands: one parser (node's util.parseArgs, no
// dependency) and one way to answer a command line that cannot be used.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_MAX_PROBLEMS, type Severity } from '../core';
import type { CliIo } from './io';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * The options and positionals of a command line (strict: an unknown option or a missing value is
 * an error), or the error: parseArgs's first sentence, which names the option (the rest is
 * advice about `--`).
 */
function parseOptions<O extends OptionsConfig>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (e) {
    return { error: (e as Error).message.split(/\.\s/)[0] };
  }
}

/** A subcommand's command line: how it is named in messages, its help text and its options (`-h, --help` is added). */
export interface Subcommand<O extends OptionsConfig> {
  /** As messages name it: "edp-check export". */
  name: string;
  usage: string;
  options: O;
  /** What follows a usage error: a pointer to --help (short usage texts scroll less) or the usage text itself. */
  afterError: 'hint' | 'usage';
}

/** A subcommand's description, its option types kept for parseSubcommand's result. */
export function subcommand<O extends OptionsConfig>(command: Subcommand<O>): Subcommand<O> {
  return command;
}

/** Prints a usage error the way `command` answers them, and gives the exit status (2). */
export function usageError(io: Pick<CliIo, 'stderr'>, command: Pick<Subcommand<OptionsConfig>, 'name' | 'usage' | 'afterError'>, message: string): number {
  io.stderr(`${command.name}: ${message}\n${command.afterError === 'hint' ? `Run "${command.name} --help" for usage.\n` : `\n${command.usage}`}`);
  return 2;
}

/**
 * A subcommand's options and positionals, with `fail(message)` for the usage errors it finds
 * itself; or the exit status when the command line is done with: --help printed (0) or a usage
 * error printed (2).
 */
export function parseSubcommand<O extends OptionsConfig>(argv: readonly string[], command: Subcommand<O>, io: Pick<CliIo, 'stdout' | 'stderr'>) {
  const parsed = parseOptions(argv, { ...command.options, help: { type: 'boolean', short: 'h' } });
  if ('error' in parsed) return usageError(io, command, parsed.error);
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(command.usage);
    return 0;
  }
  return { ...parsed, fail: (message: string) => usageError(io, command, message) };
}

export type OutputFormat = 'text' | 'json' | 'sarif';

interface CliOptions {
  format: OutputFormat;
  failOn: Severity;
  maxProblems: number;
  /** --report FILE: where to write the datapath report (HTML, or Markdown for *.md) of the one topology file. */
  report?: string;
  /** --catalog FILE (repeatable): NIC catalogs merged over the bundled one, like edpDesigner.catalogs. */
  catalogs: string[];
  /** --force: --report may replace an existing file (never an input). */
  force: boolean;
  /** --quiet: text output is the finding lines only. */
  quiet: boolean;
  /** --jobs N: files checked at once (this thread and N-1 workers); default: by the files' size (jobs.ts). */
  jobs?: number;
  help: boolean;
  version: boolean;
  inputs: string[];
}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const USAGE = `Usage: edp-check [options] FILE|DIR|GLOB...
       edp-check import [--out FILE] [--into TOPOLOGY] [--force] INPUT...
       edp-check import-hwloc [options] ...   (hwloc XML only; same as import)
       edp-check export --format nsx-policy|terraform [--out FILE] [--force] TOPOLOGY

Checks EDP Designer topology files (*.edp.json): structure, references, readiness
rules and the datapath model (flow cache, mbuf, thread load balancer, NUMA, capacity).

Options:
  -f, --format text|json|sarif     output format (default: text)
      --fail-on error|warning|info exit 1 when a finding is at least this severe
                                   (default: error)
      --max-problems N             report at most N findings per file (default: ${DEFAULT_MAX_PROBLEMS})
      --catalog FILE               a NIC catalog (schemas/nic-catalog.schema.json) that extends
                                   or replaces entries of the bundled one; repeatable
  -j, --jobs N                     check N files at once (this thread and N-1 worker
                                   threads; default: one, plus one per 32 MB of files,
                                   at most one per CPU)
      --report OUT                 also write the datapath report of the (one) topology
                                   file to OUT: a standalone HTML page with the panel's
                                   charts, or a Markdown summary when OUT ends in .md;
                                   an existing OUT is kept unless --force is given
      --force                      let --report replace an existing file (never an input)
  -q, --quiet                      text output: the finding lines only, no model table,
                                   no summary line and no "report written" note
  -h, --help                       show this help
  -v, --version                    print the version

A directory is searched for *.edp.json files (node_modules and dot-folders skipped).
Quote a glob ("racks/**/*.edp.json") to let edp-check expand it.
Text output is file:line:column severity rule message, 1-based, then each file's
switch table and a summary line counting the findings shown. Control characters in
names are escaped (\\n, \\u001b), so every finding is one line.

Exit status: 0 no finding at or above --fail-on, 1 some, 2 usage error, a file
that cannot be read, or a file over the 50 MB cap (analysis/file-too-large).
`;

/** The options, or the usage error to print (exit 2). */
export function parseCliArgs(argv: readonly string[]): CliOptions | { error: string } {
  const parsed = parseOptions(argv, {
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    'max-problems': { type: 'string' },
    report: { type: 'string' },
    catalog: { type: 'string', multiple: true },
    force: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    jobs: { type: 'string', short: 'j' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  if ('error' in parsed) return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as OutputFormat)) {
    return { error: `--format must be one of ${FORMATS.join(', ')}, not "${format}"` };
  }
  const failOn = values['fail-on'] ?? 'error';
  if (!SEVERITIES.includes(failOn as Severity)) {
    return { error: `--fail-on must be one of ${SEVERITIES.join(', ')}, not "${failOn}"` };
  }
  const maxText = values['max-problems'];
  const maxProblems = maxText === undefined ? DEFAULT_MAX_PROBLEMS : Number(maxText);
  if (!Number.isInteger(maxProblems) || maxProblems < 1 || (maxText !== undefined && !/^\d+$/.test(maxText.trim()))) {
    return { error: `--max-problems must be a whole number of at least 1, not "${maxText}"` };
  }
  const jobsText = values.jobs;
  const jobs = jobsText === undefined ? undefined : Number(jobsText);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || !/^\d+$/.test(jobsText!.trim()))) {
    return { error: `--jobs must be a whole number of at least 1, not "${jobsText}"` };
  }
  const options: CliOptions = {
    format: format as OutputFormat,
    failOn: failOn as Severity,
    maxProblems,
    ...(values.report !== undefined ? { report: values.report } : {}),
    catalogs: values.catalog ?? [],
    force: values.force ?? false,
    quiet: values.quiet ?? false,
    ...(jobs !== undefined ? { jobs } : {}),
    help: values.help ?? false,
    version: values.version ?? false,
    inputs: positionals,
  };
  if (!options.help && !options.version && positionals.length === 0) {
    return { error: 'no files given: name topology files, directories or quoted globs to check' };
  }
  if (options.report !== undefined && options.report.trim() === '') {
    return { error: '--report needs a file name, e.g. --report report.html' };
  }
  return options;
}
