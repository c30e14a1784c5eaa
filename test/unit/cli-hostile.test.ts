// Issue 12 items 2, 3 and 5 and issue 13's CLI polish: special files, files nothing may
// overwrite, and output a name from the file cannot forge.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { writeOutputFile } from '../../src/cli/write';
import { runCli } from '../support/cli';

const ROOT = path.resolve(__dirname, '../../..');
const RACK = path.join(ROOT, 'examples/rack-a.edp.json');
const HWLOC = path.join(ROOT, 'test/fixtures/hwloc/24em64t-2n6c2t-pci.xml');
const posix = process.platform !== 'win32';

const cli = (argv: string[], cwd: string) => runCli(argv, cwd);

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-hostile-cli-'));
  dirs.push(dir);
  return dir;
}

function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file]);
    return true;
  } catch {
    return false;
  }
}

/** One line on stderr, no stack trace. */
function oneLine(stderr: string): void {
  assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  assert.doesNotMatch(stderr, /\n\s+at |internal error/);
}

describe('special files are refused before they are read', () => {
  it('a device as the topology file: exit 2 at once', { skip: !posix || !fs.existsSync('/dev/zero') }, async () => {
    const r = await cli(['/dev/zero'], tempDir());
    assert.equal(r.code, 2);
    oneLine(r.stderr);
    assert.match(r.stderr, /cannot read \/dev\/zero: it is not a regular file/);
  });

  it('a FIFO as input, as --catalog and as hwloc XML: exit 2, no hang', { skip: !posix }, async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe.edp.json');
    if (!mkfifo(fifo)) return;
    const input = await cli([fifo], dir);
    assert.equal(input.code, 2);
    assert.match(input.stderr, /not a regular file/);
    const catalog = await cli(['--catalog', fifo, RACK], dir);
    assert.equal(catalog.code, 2);
    oneLine(catalog.stderr);
    assert.match(catalog.stderr, /cannot read NIC catalog .*not a regular file/);
    const xml = await cli(['import-hwloc', fifo], dir);
    assert.equal(xml.code, 2);
    oneLine(xml.stderr);
    assert.match(xml.stderr, /not a regular file/);
  });

  it('a directory as --catalog: exit 2 saying so', async () => {
    const dir = tempDir();
    const r = await cli(['--catalog', dir, RACK], dir);
    assert.equal(r.code, 2);
    oneLine(r.stderr);
    assert.match(r.stderr, /is a directory|EISDIR/);
  });
});

describe('nothing is overwritten unasked', () => {
  it('--report naming the topology file itself is refused, and the file is unchanged', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'same.edp.json');
    fs.copyFileSync(RACK, file);
    const before = fs.readFileSync(file, 'utf8');
    const r = await cli(['--report', 'same.edp.json', '--force', 'same.edp.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /will not write to same\.edp\.json: it is one of the files being read/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  it('an existing --report file is kept unless --force; the CLI says where it wrote', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'out.md'), 'keep me');
    const refused = await cli(['--report', 'out.md', RACK], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /will not replace out\.md: it exists\. Add --force/);
    assert.equal(fs.readFileSync(path.join(dir, 'out.md'), 'utf8'), 'keep me');
    const forced = await cli(['--report', 'out.md', '--force', RACK], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'out.md'), 'utf8'), /^# Datapath report/);
    assert.match(forced.stderr, /^edp-check: report written to out\.md$/m);
    assert.deepEqual(fs.readdirSync(dir), ['out.md'], 'no temporary file is left behind');
  });

  it('import-hwloc --out: never the XML itself, an existing file only with --force', async () => {
    const dir = tempDir();
    fs.copyFileSync(HWLOC, path.join(dir, 'in.xml'));
    const xml = fs.readFileSync(path.join(dir, 'in.xml'), 'utf8');
    const self = await cli(['import-hwloc', 'in.xml', '--out', 'in.xml', '--force'], dir);
    assert.equal(self.code, 2);
    assert.match(self.stderr, /will not write to in\.xml: it is one of the files being read/);
    assert.equal(fs.readFileSync(path.join(dir, 'in.xml'), 'utf8'), xml);
    fs.writeFileSync(path.join(dir, 'design.edp.json'), '{ "my": "design" }');
    const existing = await cli(['import-hwloc', 'in.xml', '--out', 'design.edp.json'], dir);
    assert.equal(existing.code, 2);
    assert.match(existing.stderr, /will not replace design\.edp\.json: it exists/);
    assert.equal(fs.readFileSync(path.join(dir, 'design.edp.json'), 'utf8'), '{ "my": "design" }');
    const forced = await cli(['import-hwloc', 'in.xml', '--out', 'design.edp.json', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'design.edp.json'), 'utf8')).version, 1);
  });

  it('writeOutputFile: a hard link to an input is an input; a new file is written whole', { skip: !posix }, () => {
    const dir = tempDir();
    const input = path.join(dir, 'a.edp.json');
    fs.writeFileSync(input, 'original');
    fs.linkSync(input, path.join(dir, 'link.json'));
    assert.match(writeOutputFile(path.join(dir, 'link.json'), 'x', { force: true, inputs: [input] }) ?? '', /one of the files being read/);
    assert.equal(fs.readFileSync(input, 'utf8'), 'original');
    assert.equal(writeOutputFile(path.join(dir, 'new.txt'), 'hello', { inputs: [input] }), undefined);
    assert.equal(fs.readFileSync(path.join(dir, 'new.txt'), 'utf8'), 'hello');
    assert.match(writeOutputFile(dir, 'x', { force: true }) ?? '', /not a regular file/);
  });
});

describe('text output a name cannot forge', () => {
  const forging = () => {
    const doc = JSON.parse(fs.readFileSync(RACK, 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { hosts: { switches: { uplinks: string[] }[] }[] };
    doc.hosts[0].switches[0].uplinks = ['vmnic9\nrack.edp.json:1:1 error ref/unknown-nic forged\x1b[2J'];
    return JSON.stringify(doc, null, 2);
  };

  it('a newline or escape sequence in a name is escaped in text output and in SARIF', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'x.edp.json'), forging());
    const text = await cli(['x.edp.json'], dir);
    assert.equal(text.code, 1);
    assert.doesNotMatch(text.stdout, /\x1b/);
    const findingLines = text.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ (error|warning|info) /.test(l));
    assert.ok(findingLines.every((l) => l.startsWith('x.edp.json:')), findingLines.join('\n'));
    assert.ok(text.stdout.includes('vmnic9\\nrack.edp.json'), 'the newline is shown as \\n');
    const sarif = await cli(['--format', 'sarif', 'x.edp.json'], dir);
    const messages = (JSON.parse(sarif.stdout).runs[0].results as { message: { text: string } }[]).map((r) => r.message.text);
    assert.ok(messages.some((m) => m.includes('vmnic9\\nrack')));
    assert.ok(messages.every((m) => !/[\n\x1b]/.test(m)));
  });
});

describe('CLI polish (issue 13 item 5)', () => {
  it('--quiet prints the finding lines only', async () => {
    const dir = tempDir();
    const mistakes = path.join(ROOT, 'examples/mistakes.edp.json');
    const full = await cli([mistakes], dir);
    const quiet = await cli(['--quiet', mistakes], dir);
    assert.equal(quiet.code, full.code);
    const lines = quiet.stdout.trimEnd().split('\n');
    assert.ok(lines.length > 0);
    assert.ok(lines.every((l) => /^\S.*:\d+:\d+ (error|warning|info) \S+\/\S+ /.test(l) || /^ {2}\S+:\d+:\d+ note /.test(l)), quiet.stdout);
    assert.ok(full.stdout.startsWith(quiet.stdout), 'the same findings, without table and summary');
    assert.doesNotMatch((await cli(['-q', RACK], dir)).stdout, /^Findings:|datapath model/m, 'no summary and no table');
  });

  it('the summary line says what it counted, including unreadable files', async () => {
    const dir = tempDir();
    const r = await cli([RACK, 'missing.edp.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^Findings: \d+ errors?, \d+ warnings?, \d+ info in 1 checked file; 1 file could not be read$/m);
  });

  it('help texts use one casing', async () => {
    const dir = tempDir();
    const main = (await cli(['--help'], dir)).stdout;
    const imp = (await cli(['import-hwloc', '--help'], dir)).stdout;
    assert.ok(main.includes('escaped (\\n, \\u001b)'), 'the help shows the escapes it describes');
    for (const help of [main, imp]) {
      assert.match(help, /^Usage: edp-check/);
      const descriptions = help.split('\n').filter((l) => /^\s+-/.test(l)).map((l) => /^\s+(?:-\w, )?--[\w-]+(?: \S+)?\s{2,}(\S)/.exec(l)?.[1]).filter(Boolean);
      assert.ok(descriptions.length > 2);
      assert.ok(descriptions.every((c) => c === c!.toLowerCase()), `option descriptions start lowercase: ${descriptions.join('')}`);
    }
  });
});
