// What each edp-check command answers to a command line it cannot use: exit 2, nothing on
// stdout, one message naming the command and what is wrong, then how to get help (check and
// export: a pointer to --help; import and import-hwloc: their usage text). --help prints the
// usage on stdout and exits 0.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';

const cli = (argv: string[]) => runCli(argv, os.tmpdir());

describe('edp-check usage errors', () => {
  const hint = (command: string) => new RegExp(`\\nRun "${command} --help" for usage\\.\\n$`);
  const usage = (command: string) => new RegExp(`\\n\\nUsage: ${command} `);
  const cases: [string[], string, RegExp, RegExp][] = [
    [['--jobs', '0', 'a.edp.json'], 'edp-check', /^edp-check: --jobs must be a whole number of at least 1, not "0"\n/, hint('edp-check')],
    [['--report', ' ', 'a.edp.json'], 'edp-check', /^edp-check: --report needs a file name, e\.g\. --report report\.html\n/, hint('edp-check')],
    [['--bogus', 'a.edp.json'], 'edp-check', /^edp-check: Unknown option '--bogus'\n/, hint('edp-check')],
    [['export', 'a.edp.json'], 'export', /^edp-check export: --format is required: nsx-policy or terraform\n/, hint('edp-check export')],
    [['export', '-f', 'yaml', 'a.edp.json'], 'export', /^edp-check export: --format must be one of nsx-policy, terraform, not "yaml"\n/, hint('edp-check export')],
    [['export', '-f', 'terraform', 'a.edp.json', 'b.edp.json'], 'export', /^edp-check export: expected one topology file, got 2\n/, hint('edp-check export')],
    [['export', '-f', 'terraform', '--out', '', 'a.edp.json'], 'export', /^edp-check export: --out needs a file name\n/, hint('edp-check export')],
    [['export', '--bogus', 'a.edp.json'], 'export', /^edp-check export: Unknown option '--bogus'\n/, hint('edp-check export')],
    [['export', '-f'], 'export', /^edp-check export: Option '-f, --format <value>' argument missing\n/, hint('edp-check export')],
    [['import'], 'import', /^edp-check import: no inputs given\n/, usage('edp-check import')],
    [['import', '--bogus', 'x'], 'import', /^edp-check import: Unknown option '--bogus'\n/, usage('edp-check import')],
    [['import', 'x', '--into'], 'import', /^edp-check import: Option '--into <value>' argument missing\n/, usage('edp-check import')],
    [['import-hwloc'], 'import-hwloc', /^edp-check import-hwloc: expected one hwloc XML file, got 0\n/, usage('edp-check import-hwloc')],
    [['import-hwloc', 'a.xml', 'b.xml'], 'import-hwloc', /^edp-check import-hwloc: expected one hwloc XML file, got 2\n/, usage('edp-check import-hwloc')],
    [['import-hwloc', 'a.xml', '--bogus'], 'import-hwloc', /^edp-check import-hwloc: Unknown option '--bogus'\n/, usage('edp-check import-hwloc')],
  ];
  for (const [argv, command, message, ending] of cases) {
    it(`${command}: ${argv.join(' ') || '(nothing)'}`, async () => {
      const r = await cli(argv);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, ending);
    });
  }

  for (const argv of [['--help'], ['export', '--help'], ['import', '--help'], ['import-hwloc', '-h']]) {
    it(`${argv.join(' ')} prints the usage on stdout and exits 0`, async () => {
      const r = await cli(argv);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, new RegExp(`^Usage: edp-check ${argv.length > 1 ? argv[0] : '\\['}`));
    });
  }
});
