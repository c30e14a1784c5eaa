// Starts code-server (a real VS Code: web workbench + Node extension host) on a free loopback
// port with a throw-away profile, and stops its whole process group. Used by `npm start` and
// the e2e runner. Needs scripts/vscode/setup.mjs to have run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry } from './setup.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Quiet defaults: nothing pops up over the editor, nothing reaches for the internet. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'workbench.editor.enablePreview': false,
  'problems.defaultViewMode': 'tree',
  // The extension host otherwise scans /proc every few seconds for ports to forward (reading every
  // process's cmdline, spawning ls and ps): 0.1–0.25 s blocks of its thread on a busy machine.
  // code-server has a tunnel provider, so autoForwardPorts alone does not stop the scan.
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// ---- cleanup: every started server dies with us, however we end -------------------------------
const running = new Set();
const cleanups = new Set();

/** Registers fn to run (awaited) before the servers are stopped on SIGINT/SIGTERM. */
export function onInterrupt(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

process.on('exit', () => {
  for (const server of running) server.killNow();
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    process.stderr.write(`\n[vscode] ${sig}: stopping\n`);
    for (const fn of cleanups) await Promise.resolve().then(fn).catch(() => {});
    await Promise.all([...running].map((s) => s.stop()));
    process.exit(128 + (os.constants.signals[sig] ?? 1));
  });
}

/** A vscode-remote URI for a path on the server, as the workbench URL payload wants it. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/**
 * Starts code-server with `workspace` as its folder. Returns `url`: the workbench URL that opens
 * `workspace` with `extensionPath` loaded as a development extension (code-server refuses
 * --extensionDevelopmentPath; the URL payload works), `urlWith(payload)` for more payload
 * entries (extensionTestsPath, openFile), and `stop()`.
 */
export async function startCodeServer({ workspace, extensionPath, settings = {}, port, env = {}, log = () => {} }) {
  const entry = codeServerEntry();
  if (!fs.existsSync(entry)) throw new Error(`code-server is not installed (${entry}); run: node scripts/vscode/setup.mjs`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-code-server-'));
  const dirs = { userData: path.join(tmp, 'user-data'), extensions: path.join(tmp, 'extensions'), xdg: path.join(tmp, 'xdg') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));

  // VS Code mistreats built-in extensions that live inside the development extension's folder
  // (here .cache/code-server in the checkout): the built-in themes, for one, do not apply. A
  // link from the temp profile gives the extension a path outside the installation.
  let extensionRoot = extensionPath;
  if (extensionPath && path.resolve(entry).startsWith(path.resolve(extensionPath) + path.sep)) {
    extensionRoot = path.join(tmp, path.basename(extensionPath));
    fs.symlinkSync(path.resolve(extensionPath), extensionRoot, 'dir');
  }

  port ??= await freePort();
  const logFile = path.join(tmp, 'code-server.log');
  const fd = fs.openSync(logFile, 'w');
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--extensions-dir', dirs.extensions,
    '--user-data-dir', dirs.userData,
    workspace,
  ];
  // detached: Node calls setsid(), so code-server leads its own process group and stop() can
  // kill the group (file watcher, extension host, pty host) rather than leave them behind.
  // (The setsid(1) binary would fork when already a group leader and hide the real pid.)
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env, XDG_CONFIG_HOME: dirs.xdg, EXTENSIONS_GALLERY: '{}' },
  });
  fs.closeSync(fd);
  const pid = child.pid;
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  let stopping = null;
  const server = {
    port,
    pid,
    base: `http://127.0.0.1:${port}`,
    logFile,
    settingsFile,
    userDataDir: dirs.userData,
    /** Where code-server sees the extension: files under it are the checkout's (see above). */
    extensionRoot,
    /** Payload entries: [name, value] pairs; the development extension is always first. */
    urlWith(payload = []) {
      const all = [...(extensionRoot ? [['extensionDevelopmentPath', remoteUri(port, extensionRoot)]] : []), ...payload];
      return `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(all))}`;
    },
    killNow() {
      running.delete(server);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
      fs.rmSync(tmp, { recursive: true, force: true });
    },
    stop() {
      stopping ??= (async () => {
        running.delete(server);
        if (groupAlive(pid)) {
          try {
            process.kill(-pid, 'SIGTERM');
          } catch {}
          for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
          if (groupAlive(pid)) {
            try {
              process.kill(-pid, 'SIGKILL');
            } catch {}
            for (let i = 0; i < 20 && groupAlive(pid); i++) await sleep(100);
          }
        }
        // a dying process may still write into its profile for a moment
        for (let i = 0; i < 5; i++) {
          try {
            fs.rmSync(tmp, { recursive: true, force: true });
            break;
          } catch {
            await sleep(200);
          }
        }
      })();
      return stopping;
    },
  };
  server.url = server.urlWith();
  running.add(server);

  log(`code-server on 127.0.0.1:${port} (pid ${pid}, profile ${tmp})`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      await server.stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail}`);
    }
    try {
      const r = await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer ${server.base}/healthz within 60 s`);
    }
    await sleep(200);
  }
  return server;
}

/** Collects the extension host log (activation errors show up there). */
export function extensionHostLog(server) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'remoteexthost.log') out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  try {
    walk(path.join(server.userDataDir, 'logs'));
  } catch {}
  return out.join('\n');
}
