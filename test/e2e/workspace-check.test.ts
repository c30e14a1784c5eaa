import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixtureUri, hasRule, lacksRule, lineOf, ruleOf, waitForDiagnostics, workspaceUri } from './helpers';

/** The command's result (src/extension/commands.ts WorkspaceCheck). */
interface WorkspaceCheck {
  found: number;
  checked: number;
  cancelled: boolean;
  notRead: { file: string; reason: string }[];
}

// Runs last (files load in name order): it fills diagnostics for every file, open or not.
suite('EDP: Check All Topology Files in Workspace', () => {
  test('reports problems in files that are not open', async () => {
    const uri = fixtureUri('unopened/never-opened.edp.json');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the fixture is not open');

    // the command may end with a notification it waits on; the diagnostics are what matter
    const command = Promise.resolve(vscode.commands.executeCommand('edpDesigner.checkWorkspace'));
    command.catch(() => {});
    const ds = await waitForDiagnostics(uri, hasRule('ref/unknown-switch'), 30_000, 'the workspace check to report ref/unknown-switch');

    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const d = ds.find((x) => ruleOf(x) === 'ref/unknown-switch')!;
    assert.equal(d.range.start.line, lineOf(text, '"vds-typo"'));
  });

  test('a checked file that is not open follows its text on disk: fixed outside VS Code, its problem goes; broken again, it comes back', async function () {
    this.timeout(60_000);
    const dir = workspaceUri('changed-on-disk').fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'edited-elsewhere.edp.json');
    const uri = vscode.Uri.file(file);
    const broken = fs.readFileSync(fixtureUri('unopened/never-opened.edp.json').fsPath, 'utf8');
    try {
      fs.writeFileSync(file, broken);
      const command = Promise.resolve(vscode.commands.executeCommand('edpDesigner.checkWorkspace'));
      command.catch(() => {});
      await waitForDiagnostics(uri, hasRule('ref/unknown-switch'), 30_000, 'Check All to report the unknown switch');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file is not open');
      // A git pull or another tool fixes the file: the problems follow what is on disk now.
      fs.writeFileSync(file, broken.replace('"vds-typo"', '"vds-edp"'));
      await waitForDiagnostics(uri, lacksRule('ref/unknown-switch'), 30_000, 'the fixed file to lose ref/unknown-switch');
      fs.writeFileSync(file, broken);
      await waitForDiagnostics(uri, hasRule('ref/unknown-switch'), 30_000, 'the file broken again to report ref/unknown-switch');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Check All on more files than the worker keeps analyses of: the report of each still exports, the files are checked again from disk', async function () {
    this.timeout(120_000);
    const dir = workspaceUri('many-closed').fsPath;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-e2e-many-'));
    fs.mkdirSync(dir, { recursive: true });
    const text = fs.readFileSync(fixtureUri('unopened/never-opened.edp.json').fsPath, 'utf8');
    // The worker keeps the analyses of the last 8 files that are not open (analysisWorker.ts).
    const files = Array.from({ length: 10 }, (_, i) => path.join(dir, `closed-${i}.edp.json`));
    try {
      files.forEach((f, i) => fs.writeFileSync(f, text.replace('"never-opened"', `"closed-${i}"`)));
      const command = Promise.resolve(vscode.commands.executeCommand('edpDesigner.checkWorkspace'));
      command.catch(() => {});
      for (const f of files) await waitForDiagnostics(vscode.Uri.file(f), hasRule('ref/unknown-switch'), 60_000, `Check All to report ${path.basename(f)}`);
      await command;
      for (const [i, f] of files.entries()) {
        const target = vscode.Uri.file(path.join(out, `closed-${i}.report.html`));
        const written = await vscode.commands.executeCommand<{ html: vscode.Uri } | undefined>('edpDesigner.exportReport', vscode.Uri.file(f), target);
        assert.ok(written, `the report of ${path.basename(f)} is written`);
        const html = fs.readFileSync(written.html.fsPath, 'utf8');
        assert.match(html, new RegExp(`<title>Datapath report: closed-${i}\\.edp\\.json</title>`));
        assert.match(html, new RegExp(`"closed-${i}"`), 'the report is of that file\'s design');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('a workspace symlink to /dev/zero and a FIFO named *.edp.json: Check All ends promptly and checks the real files; Export and Import Hosts refuse them at once', async function () {
    if (process.platform === 'win32') this.skip(); // no FIFOs or /dev/zero there
    this.timeout(60_000);
    const dir = workspaceUri('special-files').fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const zero = path.join(dir, 'zero.edp.json');
    const pipe = path.join(dir, 'pipe.edp.json');
    const real = path.join(dir, 'real.edp.json');
    try {
      fs.symlinkSync('/dev/zero', zero);
      const fifo = spawnSync('mkfifo', [pipe], { encoding: 'utf8' });
      assert.equal(fifo.status, 0, `mkfifo: ${fifo.stderr}`);
      fs.copyFileSync(fixtureUri('unopened/never-opened.edp.json').fsPath, real);

      let timer: ReturnType<typeof setTimeout> | undefined;
      const started = Date.now();
      const result = await Promise.race([
        Promise.resolve(vscode.commands.executeCommand<WorkspaceCheck>('edpDesigner.checkWorkspace')),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('"Check All" did not finish within 45 s: it is reading a device or a FIFO')), 45_000); }),
      ]).finally(() => clearTimeout(timer));
      const seconds = (Date.now() - started) / 1000;
      assert.ok(result && !result.cancelled, 'the command ends on its own');

      // The real file is checked.
      await waitForDiagnostics(vscode.Uri.file(real), hasRule('ref/unknown-switch'), 15_000, 'the real file\'s finding');
      // Every file the search found is either checked or named with the reason it was not read.
      // (VS Code's search, ripgrep, lists neither special file today; a search provider that did
      // would get them refused by their type and named in the summary.)
      assert.equal(result.checked + result.notRead.length, result.found, JSON.stringify(result));
      for (const special of [zero, pipe]) {
        const uri = vscode.Uri.file(special);
        assert.deepEqual(vscode.languages.getDiagnostics(uri), [], `${path.basename(special)} has no diagnostics`);
        const said = result.notRead.find((n) => n.file.endsWith(`special-files/${path.basename(special)}`));
        if (said) assert.match(said.reason, /not a regular file \(a device, FIFO or socket\)/);
      }
      console.log(`    Check All: ${result.found} found, ${result.checked} checked, not read: ${JSON.stringify(result.notRead)} in ${seconds.toFixed(1)} s`);

      // The Explorer's menu on the link or the FIFO: Export and Import Hosts refuse them at once.
      const within = <T>(p: Thenable<T>, what: string) => Promise.race([
        Promise.resolve(p),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not end within 15 s: it is reading a device or a FIFO`)), 15_000); }),
      ]).finally(() => clearTimeout(timer));
      assert.equal(await within(vscode.commands.executeCommand('edpDesigner.exportNsx', vscode.Uri.file(zero), 'nsx-policy'), 'Export of the link to /dev/zero'), undefined, 'nothing exported');
      assert.equal(await within(vscode.commands.executeCommand('edpDesigner.importHosts', vscode.Uri.file(pipe)), 'Import Hosts of the FIFO'), undefined, 'no host imported');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
