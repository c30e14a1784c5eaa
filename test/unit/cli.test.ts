// edp-check (DESIGN §5): exit codes, text/json/sarif output, file arguments, robustness.
// Runs the CLI in-process (test/support/cli.ts); one test spawns the bundled dist/edp-check.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as sarif from 'sarif';
import { analyze } from '../../src/core/analyze';
import { RULES } from '../../src/core/rules/registry';
import { stripBom } from '../../src/core/text';
import { runCli } from '../support/cli';

const ROOT = path.resolve(__dirname, '../../..');

const tempDirs: string[] = [];
after(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-check-test-'));
  tempDirs.push(dir);
  return dir;
}

function writeFile(dir: string, rel: string, text: string | Buffer): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A healthy single-host design (DESIGN §2): local NIC, lcores and VM on NUMA node 0, light load. */
function validTopology(): Record<string, unknown> {
  return {
    version: 1,
    name: 'cli-test',
    target: { release: 'vcf-9.0', mode: 'edp-standard' },
    hosts: [{
      name: 'esx-01',
      cpu: { model: 'Intel Xeon Gold 6430', sockets: 2, coresPerSocket: 32, threadsPerCore: 2, ghz: 2.1, llcMiB: 60 },
      numaNodes: [{ id: 0, socket: 0, cores: 32, memoryGiB: 512 }, { id: 1, socket: 1, cores: 32, memoryGiB: 512 }],
      nics: [{ name: 'vmnic4', model: 'Intel E810-CQDA2', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: 0, queues: 16 }],
      switches: [{
        name: 'vds-edp', mode: 'edp-standard', uplinks: ['vmnic4'], mtu: 9000,
        lcores: [{ numaNode: 0, count: 4 }], lcoreAssignment: 'cpu-usage', flowCache: { entries: 65536 }, rxRingSize: 1024,
      }],
      vms: [{
        name: 'fw-1', numaNode: 0, vcpus: 8, latencySensitivity: 'high',
        vnics: [{ name: 'eth0', switch: 'vds-edp', adapter: 'vmxnet3', queues: 4,
          traffic: { pps: 400000, packetBytes: 512, flows: 2000, zipf: 0, newFlowsPerSec: 100 } }],
      }],
    }],
  };
}

function validJson(): string {
  return JSON.stringify(validTopology(), null, 2) + '\n';
}

/**
 * The valid topology with its uplinks renamed to NICs the host lacks (one ref/unknown-nic error
 * each), as JSONC with comments and CRLF line endings, the way a Windows editor saves it.
 */
function unknownNicJsonc(uplinks = ['vmnic9'], rules?: Record<string, string>): string {
  const topo = validTopology();
  (topo.hosts as { switches: { uplinks: string[] }[] }[])[0].switches[0].uplinks = uplinks;
  if (rules) topo.rules = rules;
  const body = JSON.stringify(topo, null, 2).replace(/\n/g, '\r\n');
  return `// rack under test\r\n/* the uplink below is misspelled on purpose */\r\n${body}\r\n`;
}

/** Every rule off except ref/unknown-nic at `grade`: findings independent of the model's progress. */
function onlyUnknownNicAs(grade: string): Record<string, string> {
  return Object.fromEntries(RULES.map((r) => [r.id, r.id === 'ref/unknown-nic' ? grade : 'off']));
}

/** 1-based line and column of the first `needle`, counted here rather than by the core. */
function lineColOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Lines of text output that report findings (file:line:col severity rule message). */
function findingLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^\S.*:\d+:\d+ (error|warning|info) \S+ /.test(l));
}

interface JsonReport {
  version: number;
  files: { file: string; findings: { rule: string; kind: string; severity: string; message: string; path: string; about: Record<string, number>; range: unknown; related?: unknown[] }[]; model: unknown; truncated: number }[];
  summary: { error: number; warning: number; info: number };
}

describe('edp-check exit codes', () => {
  it('a healthy file exits 0 with no error findings', async () => {
    const dir = tempDir();
    writeFile(dir, 'ok.edp.json', validJson());
    const r = await runCli(['ok.edp.json'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Findings: 0 errors, \d+ warnings?, \d+ info in 1 checked file$/m);
  });

  it('an error finding exits 1; a file-level grade of warning exits 0 unless --fail-on warning', async () => {
    const dir = tempDir();
    writeFile(dir, 'err.edp.json', unknownNicJsonc());
    writeFile(dir, 'warn.edp.json', unknownNicJsonc(['vmnic9'], onlyUnknownNicAs('warning')));
    writeFile(dir, 'info.edp.json', unknownNicJsonc(['vmnic9'], onlyUnknownNicAs('info')));
    assert.equal((await runCli(['err.edp.json'], dir)).code, 1);
    assert.equal((await runCli(['warn.edp.json'], dir)).code, 0);
    assert.equal((await runCli(['--fail-on', 'warning', 'warn.edp.json'], dir)).code, 1);
    assert.equal((await runCli(['--fail-on=warning', 'info.edp.json'], dir)).code, 0);
    assert.equal((await runCli(['--fail-on', 'info', 'info.edp.json'], dir)).code, 1);
    assert.equal((await runCli(['--fail-on', 'error', 'warn.edp.json'], dir)).code, 0);
  });

  it('usage errors exit 2 and say what is wrong on stderr', async () => {
    const dir = tempDir();
    writeFile(dir, 'ok.edp.json', validJson());
    const cases: [string[], RegExp][] = [
      [['--bogus', 'ok.edp.json'], /unknown option '--bogus'/i],
      [['--format', 'xml', 'ok.edp.json'], /--format must be one of text, json, sarif, not "xml"/],
      [['--fail-on', 'fatal', 'ok.edp.json'], /--fail-on must be one of error, warning, info/],
      [['--max-problems', '0', 'ok.edp.json'], /--max-problems must be a whole number/],
      [['--max-problems', '2.5', 'ok.edp.json'], /--max-problems must be a whole number/],
      [['--max-problems', 'ten', 'ok.edp.json'], /--max-problems must be a whole number/],
      [['--format'], /argument missing/i],
      [[], /no files given/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, dir);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message, argv.join(' '));
      assert.match(r.stderr, /edp-check --help/);
      assert.equal(r.stdout, '', argv.join(' '));
    }
  });

  it('an unreadable file exits 2 naming the file and the OS reason; the other files are still checked', async () => {
    const dir = tempDir();
    writeFile(dir, 'err.edp.json', unknownNicJsonc());
    const r = await runCli(['missing.edp.json', 'err.edp.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read missing\.edp\.json: ENOENT: no such file or directory/);
    assert.equal(findingLines(r.stdout).length, 1);
    assert.match(r.stdout, /^err\.edp\.json:\d+:\d+ error ref\/unknown-nic /m);
  });

  it('a file over 50 MB is not read: one analysis/file-too-large finding (as the editor shows one) and exit 2; a 10 MB file is checked', async () => {
    const dir = tempDir();
    const huge = path.join(dir, 'huge.edp.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 51 * 1024 * 1024); // sparse: no 51 MB written to disk
    writeFile(dir, 'err.edp.json', unknownNicJsonc());
    const refused = await runCli(['huge.edp.json', 'err.edp.json'], dir);
    assert.equal(refused.code, 2, 'not checked: CI must not pass it');
    assert.deepEqual(findingLines(refused.stdout).map((l) => l.split(' ').slice(0, 3).join(' ').replace(/^err\.edp\.json:\d+:\d+/, 'err.edp.json')), [
      'huge.edp.json:1:1 warning analysis/file-too-large',
      'err.edp.json error ref/unknown-nic',
    ], 'the other files are still checked');
    assert.match(refused.stdout, /^huge\.edp\.json:1:1 warning analysis\/file-too-large This file is 51 MB, over the 50 MB limit of edp-check, so it was not analyzed\. Split the design/m);
    assert.match(refused.stdout, /in 1 checked file; 1 file too large to analyze \(analysis\/file-too-large\)$/m);
    assert.equal(refused.stderr, '', 'the finding says it; no second line on stderr');
    const json = JSON.parse((await runCli(['--format', 'json', 'huge.edp.json'], dir)).stdout);
    assert.deepEqual(json.files[0].findings.map((f: { rule: string; severity: string; kind: string }) => [f.rule, f.severity, f.kind]), [['analysis/file-too-large', 'warning', 'internal']]);
    assert.equal(json.files[0].model, null);
    const sarif = JSON.parse((await runCli(['--format', 'sarif', 'huge.edp.json'], dir)).stdout);
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['analysis/file-too-large']);

    // Padded with a comment: the point is the size the CLI reads, not the model's work.
    const padding = `// ${'x'.repeat(10 * 1024 * 1024)}\n`;
    writeFile(dir, 'big.edp.json', padding + validJson());
    const started = Date.now();
    const checked = await runCli(['big.edp.json'], dir);
    assert.equal(checked.code, 0, checked.stderr);
    assert.ok(Date.now() - started < 10_000, 'a 10 MB file is checked in seconds');
  });
});

describe('edp-check text output', () => {
  it('one line per finding: file:line:col severity rule message, 1-based, through comments, CRLF and a BOM', async () => {
    const dir = tempDir();
    const text = unknownNicJsonc();
    writeFile(dir, 'crlf.edp.json', text);
    writeFile(dir, 'bom.edp.json', '\ufeff' + text);
    const where = lineColOf(text, '"vmnic9"');
    assert.ok(where.line > 3, 'the finding is below the comments');
    for (const file of ['crlf.edp.json', 'bom.edp.json']) {
      const r = await runCli([file], dir);
      assert.equal(r.code, 1);
      const lines = findingLines(r.stdout);
      assert.equal(lines.length, 1, r.stdout);
      assert.ok(
        lines[0].startsWith(`${file}:${where.line}:${where.column} error ref/unknown-nic Switch "vds-edp" uses uplink "vmnic9"`),
        lines[0],
      );
      assert.match(r.stdout, /^Findings: 1 error, 0 warnings, 0 info in 1 checked file$/m);
    }
  });

  it('a BOM moves no column on the first line: text, JSON and SARIF name the place VS Code shows (it hides the BOM)', async () => {
    const dir = tempDir();
    const text = JSON.stringify({ ...validTopology(), target: { release: 'vcf-9.0', mode: 'edp-fast' } });
    writeFile(dir, 'one-line.edp.json', text);
    writeFile(dir, 'one-line-bom.edp.json', '\ufeff' + text);
    const at = lineColOf(text, '"edp-fast"');
    assert.equal(at.line, 1);
    const outputs = async (file: string) => ({
      text: findingLines((await runCli([file], dir)).stdout).map((l) => l.slice(file.length)),
      json: JSON.parse((await runCli(['--format', 'json', file], dir)).stdout).files[0].findings.map((f: { range: unknown }) => f.range),
      sarif: (JSON.parse((await runCli(['--format', 'sarif', file], dir)).stdout) as sarif.Log).runs[0].results!.map((r) => r.locations![0].physicalLocation!.region),
    });
    const plain = await outputs('one-line.edp.json');
    assert.ok(plain.text.some((l) => l.startsWith(`:${at.line}:${at.column} error schema/invalid`)), plain.text.join('\n'));
    assert.deepEqual(await outputs('one-line-bom.edp.json'), plain);
  });

  it('structural errors are reported', async () => {
    const dir = tempDir();
    const topo = validTopology();
    delete topo.hosts;
    writeFile(dir, 'nohosts.edp.json', JSON.stringify(topo, null, 2));
    const r = await runCli(['nohosts.edp.json'], dir);
    assert.equal(r.code, 1);
    assert.ok(findingLines(r.stdout).some((l) => / error schema\/invalid /.test(l)), r.stdout);
  });

  it('related locations follow their finding on an indented line', async () => {
    const dir = tempDir();
    const topo = validTopology();
    const host = (topo.hosts as { nics: unknown[] }[])[0];
    host.nics.push({ ...(host.nics[0] as object) });
    const text = JSON.stringify(topo, null, 2);
    writeFile(dir, 'dup.edp.json', text);
    const r = await runCli(['dup.edp.json'], dir);
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => / error ref\/duplicate-name /.test(l));
    assert.ok(i >= 0, r.stdout);
    // The related location underlines the first NIC's name value.
    const first = lineColOf(text, '"name": "vmnic4"');
    const column = first.column + '"name": '.length;
    assert.equal(lines[i + 1], `  dup.edp.json:${first.line}:${column} note "vmnic4" is first defined here`);
  });

  it('paths are shown as given, including folders', async () => {
    const dir = tempDir();
    writeFile(dir, 'racks/a.edp.json', unknownNicJsonc());
    const r = await runCli([path.join('racks', 'a.edp.json')], dir);
    assert.match(r.stdout, new RegExp(`^${path.join('racks', 'a.edp.json').replace(/[.\\]/g, '\\$&')}:\\d+:\\d+ error`, 'm'));
  });

  it('colours only on a terminal without NO_COLOR', async () => {
    const dir = tempDir();
    writeFile(dir, 'err.edp.json', unknownNicJsonc());
    const hasEscape = (s: string) => s.includes('\x1b[');
    assert.ok(hasEscape((await runCli(['err.edp.json'], dir, { isTTY: true, env: {} })).stdout));
    assert.ok(!hasEscape((await runCli(['err.edp.json'], dir, { isTTY: true, env: { NO_COLOR: '1' } })).stdout));
    assert.ok(!hasEscape((await runCli(['err.edp.json'], dir, { isTTY: false, env: {} })).stdout));
    assert.ok(!hasEscape((await runCli(['--format', 'json', 'err.edp.json'], dir, { isTTY: true, env: {} })).stdout));
  });

  it('--max-problems caps findings per file and says how many were left out', async () => {
    const dir = tempDir();
    writeFile(dir, 'many.edp.json', unknownNicJsonc(['n1', 'n2', 'n3', 'n4', 'n5'], onlyUnknownNicAs('error')));
    const r = await runCli(['--max-problems', '2', 'many.edp.json'], dir);
    assert.equal(r.code, 1);
    assert.equal(findingLines(r.stdout).length, 2);
    assert.match(r.stdout, /many\.edp\.json: 3 more findings not shown/);
    const json = JSON.parse((await runCli(['--format', 'json', '--max-problems', '2', 'many.edp.json'], dir)).stdout) as JsonReport;
    assert.equal(json.files[0].findings.length, 2);
    assert.equal(json.files[0].truncated, 3);
  });
});

describe('edp-check --format json', () => {
  it('has exactly the documented keys and the same findings and 0-based ranges as analyze()', async () => {
    const dir = tempDir();
    const text = '\ufeff' + unknownNicJsonc(['vmnic9', 'vmnic4', 'vmnicX']);
    writeFile(dir, 'a.edp.json', text);
    writeFile(dir, 'b.edp.json', validJson());
    const r = await runCli(['--format', 'json', 'a.edp.json', 'b.edp.json'], dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(Object.keys(report).sort(), ['files', 'summary', 'version']);
    assert.equal(report.version, 1);
    assert.deepEqual(report.files.map((f) => f.file), ['a.edp.json', 'b.edp.json']);
    for (const f of report.files) assert.deepEqual(Object.keys(f).sort(), ['file', 'findings', 'model', 'truncated']);

    const expected = analyze(stripBom(text)).findings;
    assert.equal(expected.filter((f) => f.rule === 'ref/unknown-nic').length, 2);
    assert.deepEqual(
      report.files[0].findings,
      expected.map((f) => ({ rule: f.rule, kind: f.kind, severity: f.severity, message: f.message, path: f.path, about: f.about, range: f.range })),
    );
    const first = report.files[0].findings.find((f) => f.rule === 'ref/unknown-nic')!;
    assert.deepEqual(Object.keys(first).sort(), ['about', 'kind', 'message', 'path', 'range', 'rule', 'severity']);
    assert.equal(first.path, '/hosts/0/switches/0/uplinks/0');
    assert.equal(first.kind, 'reference');
    assert.deepEqual(first.about, { host: 0, switch: 0 });
    // 0-based, as VS Code counts, and independent of the core's own line counting.
    const where = lineColOf(stripBom(text), '"vmnic9"');
    assert.deepEqual(first.range, {
      start: { line: where.line - 1, character: where.column - 1 },
      end: { line: where.line - 1, character: where.column - 1 + '"vmnic9"'.length },
    });

    const all = report.files.flatMap((f) => f.findings);
    assert.deepEqual(report.summary, {
      error: all.filter((f) => f.severity === 'error').length,
      warning: all.filter((f) => f.severity === 'warning').length,
      info: all.filter((f) => f.severity === 'info').length,
    });
    // The model is analysis.model as plain JSON without the cache curves (the report draws
    // them; computing them would make JSON output dearer than text), null where there is none.
    const model = analyze(validJson()).model!;
    const withoutCurves = { ...model, hosts: model.hosts.map((h) => ({ ...h, switches: h.switches.map((s) => Object.fromEntries(Object.keys(s).filter((k) => k !== 'cacheCurve').map((k) => [k, s[k as keyof typeof s]]))) })) };
    assert.deepEqual(report.files[1].model, JSON.parse(JSON.stringify(withoutCurves)));
    assert.ok(report.files[1].model !== null && !JSON.stringify(report.files[1].model).includes('cacheCurve'));
  });

  it('related locations carry path, message and range only', async () => {
    const dir = tempDir();
    const topo = validTopology();
    const host = (topo.hosts as { nics: unknown[] }[])[0];
    host.nics.push({ ...(host.nics[0] as object) });
    writeFile(dir, 'dup.edp.json', JSON.stringify(topo, null, 2));
    const report = JSON.parse((await runCli(['--format', 'json', 'dup.edp.json'], dir)).stdout) as JsonReport;
    const dup = report.files[0].findings.find((f) => f.rule === 'ref/duplicate-name')!;
    assert.equal(dup.related?.length, 1);
    assert.deepEqual(Object.keys(dup.related[0] as object).sort(), ['message', 'path', 'range']);
  });

  it('model is null when the file does not parse', async () => {
    const dir = tempDir();
    writeFile(dir, 'bad.edp.json', '{ "version": 1, ');
    const report = JSON.parse((await runCli(['--format', 'json', 'bad.edp.json'], dir)).stdout) as JsonReport;
    assert.equal(report.files[0].model, null);
    assert.ok(report.files[0].findings.every((f) => f.rule === 'parse/invalid-json'));
  });
});

describe('edp-check --format sarif', () => {
  const schemaPath = path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json');

  it('is valid SARIF 2.1.0 with every rule, 1-based regions and relative URIs', async (t) => {
    const dir = tempDir();
    const text = unknownNicJsonc();
    writeFile(dir, 'racks/a b.edp.json', text);
    const topo = validTopology();
    (topo.hosts as { nics: unknown[] }[])[0].nics.push({ ...((topo.hosts as { nics: unknown[] }[])[0].nics[0] as object) });
    writeFile(dir, 'racks/dup.edp.json', JSON.stringify(topo, null, 2));
    const r = await runCli(['--format', 'sarif', 'racks'], dir);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as sarif.Log;

    if (!fs.existsSync(schemaPath)) {
      t.diagnostic(`schema validation skipped: ${schemaPath} is missing`);
    } else {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    }

    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const runLog = log.runs[0];
    const driver = runLog.tool.driver;
    assert.equal(driver.name, 'edp-check');
    assert.equal(driver.version, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    assert.deepEqual(driver.rules?.map((d) => d.id), RULES.map((d) => d.id));
    for (const d of driver.rules ?? []) {
      assert.ok(d.shortDescription?.text, d.id);
      assert.match(d.helpUri ?? '', /^https:\/\//);
    }
    const levels = { error: 'error', warning: 'warning', info: 'note' };
    assert.deepEqual(driver.rules?.map((d) => d.defaultConfiguration?.level), RULES.map((d) => levels[d.severity]));

    assert.deepEqual(runLog.artifacts?.map((a) => a.location?.uri), ['racks/a%20b.edp.json', 'racks/dup.edp.json']);
    const results = runLog.results ?? [];
    const nic = results.find((x) => x.ruleId === 'ref/unknown-nic')!;
    assert.equal(nic.level, 'error');
    assert.equal(driver.rules?.[nic.ruleIndex!].id, 'ref/unknown-nic');
    assert.match(nic.message.text ?? '', /uplink "vmnic9"/);
    assert.deepEqual(nic.properties, { kind: 'reference', path: '/hosts/0/switches/0/uplinks/0', about: { host: 0, switch: 0 } });
    const loc = nic.locations![0].physicalLocation!;
    assert.equal(loc.artifactLocation?.uri, 'racks/a%20b.edp.json');
    assert.equal(loc.artifactLocation?.index, 0);
    const where = lineColOf(text, '"vmnic9"');
    assert.deepEqual(loc.region, { startLine: where.line, startColumn: where.column, endLine: where.line, endColumn: where.column + '"vmnic9"'.length });

    const dup = results.find((x) => x.ruleId === 'ref/duplicate-name')!;
    assert.equal(dup.locations![0].physicalLocation!.artifactLocation?.uri, 'racks/dup.edp.json');
    assert.equal(dup.relatedLocations?.length, 1);
    assert.match(dup.relatedLocations[0].message?.text ?? '', /first defined here/);
    assert.equal(runLog.invocations?.[0].executionSuccessful, true);
  });

  it('a file that cannot be read becomes a tool notification and the log stays valid', async () => {
    const dir = tempDir();
    writeFile(dir, 'ok.edp.json', validJson());
    const r = await runCli(['--format', 'sarif', 'ok.edp.json', 'gone.edp.json'], dir);
    assert.equal(r.code, 2);
    const log = JSON.parse(r.stdout) as sarif.Log;
    const invocation = log.runs[0].invocations![0];
    assert.equal(invocation.executionSuccessful, false);
    assert.match(invocation.toolExecutionNotifications![0].message.text ?? '', /gone\.edp\.json: ENOENT/);
    if (fs.existsSync(schemaPath)) {
      const ajv = new Ajv({ strict: false });
      addFormats(ajv);
      assert.ok(ajv.validate(JSON.parse(fs.readFileSync(schemaPath, 'utf8')), log), JSON.stringify(ajv.errors));
    }
  });
});

describe('edp-check file arguments', () => {
  function tree(): string {
    const dir = tempDir();
    writeFile(dir, 'racks/b.edp.json', validJson());
    writeFile(dir, 'racks/a.edp.json', validJson());
    writeFile(dir, 'racks/sub/c.edp.json', validJson());
    writeFile(dir, 'racks/notes.json', '{}');
    writeFile(dir, 'racks/node_modules/x.edp.json', '{');
    writeFile(dir, 'racks/.git/y.edp.json', '{');
    writeFile(dir, 'empty/readme.txt', 'nothing here');
    return dir;
  }
  const filesOf = (stdout: string) => (JSON.parse(stdout) as JsonReport).files.map((f) => f.file);

  it('a directory checks every *.edp.json under it, sorted, skipping node_modules and dot-folders', async () => {
    const dir = tree();
    const r = await runCli(['--format', 'json', 'racks'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(filesOf(r.stdout), ['racks/a.edp.json', 'racks/b.edp.json', 'racks/sub/c.edp.json'].map((p) => path.join(...p.split('/'))));
  });

  it('a quoted glob expands with ** and *, sorted; a file named twice is checked once', async () => {
    const dir = tree();
    const deep = await runCli(['--format', 'json', 'racks/**/*.edp.json'], dir);
    assert.equal(deep.code, 0, deep.stderr);
    assert.deepEqual(filesOf(deep.stdout), ['racks/a.edp.json', 'racks/b.edp.json', 'racks/sub/c.edp.json']);
    const shallow = await runCli(['--format', 'json', 'racks/*.edp.json', 'racks/a.edp.json'], dir);
    assert.deepEqual(filesOf(shallow.stdout), ['racks/a.edp.json', 'racks/b.edp.json']);
    const oneChar = await runCli(['--format', 'json', 'racks/[ab].edp.json'], dir);
    assert.deepEqual(filesOf(oneChar.stdout), ['racks/a.edp.json', 'racks/b.edp.json']);
  });

  it('a directory without topology files or a glob matching nothing is a usage error', async () => {
    const dir = tree();
    const empty = await runCli(['empty', 'racks/a.edp.json'], dir);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no \*\.edp\.json files under directory empty/);
    assert.match(empty.stdout, /in 1 checked file/, 'the other arguments are still checked');
    const none = await runCli(['racks/*.yaml'], dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no files match racks\/\*\.yaml/);
  });

  it('absolute paths work', async () => {
    const dir = tree();
    const r = await runCli(['--format', 'json', path.join(dir, 'racks', 'a.edp.json')], os.tmpdir());
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(filesOf(r.stdout), [path.join(dir, 'racks', 'a.edp.json')]);
  });
});

describe('edp-check help, version and subcommands', () => {
  it('--help prints usage and exits 0; --version prints the package version', async () => {
    const help = await runCli(['--help'], os.tmpdir());
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: edp-check \[options\] FILE\|DIR\|GLOB\.\.\./);
    for (const flag of ['--format', '--fail-on', '--max-problems', '--version', 'Exit status']) assert.ok(help.stdout.includes(flag), flag);
    assert.equal((await runCli(['-h'], os.tmpdir())).stdout, help.stdout);

    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = await runCli(['--version'], os.tmpdir());
    assert.equal(version.code, 0);
    assert.equal(version.stdout, `${pkg.version}\n`);
  });

  it('import-hwloc is dispatched to its own command, not taken for a file name', async () => {
    const r = await runCli(['import-hwloc', '--help'], os.tmpdir());
    assert.doesNotMatch(r.stderr, /cannot read import-hwloc|no files given/);
  });
});

describe('edp-check on hostile input', () => {
  it('an empty file, binary garbage and a deeply nested array are findings, not crashes', async () => {
    const dir = tempDir();
    writeFile(dir, 'empty.edp.json', '');
    writeFile(dir, 'garbage.edp.json', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    writeFile(dir, 'deep.edp.json', '['.repeat(100_000) + ']'.repeat(100_000));
    for (const file of ['empty.edp.json', 'garbage.edp.json', 'deep.edp.json']) {
      const r = await runCli([file], dir);
      assert.equal(r.code, 1, `${file}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+ error parse/invalid-json `, 'm'));
      const json = JSON.parse((await runCli(['--format', 'json', file], dir)).stdout) as JsonReport;
      assert.ok(json.files[0].findings.length >= 1);
    }
  });
});

describe('dist/edp-check.js (the bundled executable)', () => {
  const bin = path.join(ROOT, 'dist', 'edp-check.js');
  it('runs under node with the documented exit code and output', { skip: fs.existsSync(bin) ? false : `not built: ${bin} is missing (run npm run build)` }, () => {
    const dir = tempDir();
    writeFile(dir, 'err.edp.json', unknownNicJsonc());
    assert.ok(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node'), 'the bundle starts with a shebang');
    const r = spawnSync(process.execPath, [bin, 'err.edp.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 1, r.stderr);
    const where = lineColOf(unknownNicJsonc(), '"vmnic9"');
    assert.match(r.stdout, new RegExp(`^err\\.edp\\.json:${where.line}:${where.column} error ref/unknown-nic `, 'm'));
    const usage = spawnSync(process.execPath, [bin, '--nope'], { cwd: dir, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});
