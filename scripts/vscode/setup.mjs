#!/usr/bin/env node
// Installs what the real-VS-Code tests need, idempotently (DESIGN §6):
//  - Debian packages: chromium (headless browser), ripgrep (VS Code's search), and
//    build-essential/python3/libkrb5-dev (native modules code-server builds at install time);
//  - code-server 4.100.3 (= VS Code 1.100.3, the last line that runs on Node 20) into
//    .cache/code-server, kept out of the project's dependencies (~300 MB, ~70 s).
// Run directly (`node scripts/vscode/setup.mjs`) or import ensureVsCode().
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE_DIR = path.join(ROOT, '.cache', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';
const DEBIAN_PACKAGES = ['chromium', 'build-essential', 'python3', 'libkrb5-dev', 'ripgrep'];
// @vscode/ripgrep (pulled by code-server) downloads rg from GitHub unless this cache has it
const RIPGREP_CACHE = path.join(process.env.TMPDIR || os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const log = (msg) => process.stderr.write(`[setup] ${msg}\n`);

export class SetupError extends Error {}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.error) throw new SetupError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new SetupError(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new SetupError(`missing Debian packages: ${missing.join(' ')}\n  install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
  const still = missingDebianPackages();
  if (still.length) throw new SetupError(`apt-get did not install: ${still.join(' ')}`);
}

function seedRipgrepCache() {
  const tarball = path.join(RIPGREP_CACHE, RIPGREP_TARBALL);
  if (fs.existsSync(tarball) && fs.statSync(tarball).size > 0) return;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new SetupError('no rg binary (Debian package ripgrep) to seed the ripgrep cache with');
  log(`seeding ripgrep cache ${tarball}`);
  fs.mkdirSync(RIPGREP_CACHE, { recursive: true });
  run('tar', ['czf', tarball, '-C', path.dirname(rg), 'rg']);
}

export function codeServerEntry() {
  return path.join(CACHE_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function installedVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(CACHE_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Files code-server's postinstall leaves; a skipped or failed postinstall leaves a server that cannot start. */
function postinstallOutputs() {
  const vs = path.join(CACHE_DIR, 'node_modules', 'code-server', 'lib', 'vscode');
  return [
    codeServerEntry(),
    path.join(CACHE_DIR, 'node_modules', '.bin', 'code-server'),
    path.join(vs, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
    path.join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
  ];
}

function codeServerReady() {
  return installedVersion() === CODE_SERVER_VERSION && postinstallOutputs().every((f) => fs.existsSync(f));
}

function installCodeServer() {
  log(`npm install code-server@${CODE_SERVER_VERSION} into ${path.relative(ROOT, CACHE_DIR)} (about 70 s)`);
  fs.rmSync(path.join(CACHE_DIR, 'node_modules'), { recursive: true, force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // its own package.json, so the project's lockfile and node_modules are never touched
  fs.writeFileSync(
    path.join(CACHE_DIR, 'package.json'),
    JSON.stringify({ name: 'edp-designer-code-server', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2) + '\n',
  );
  run('npm', ['install', '--prefix', CACHE_DIR, '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CACHE_DIR,
    // unsafe_perm: as root, npm would otherwise run code-server's postinstall (which builds
    // lib/vscode's native modules) as nobody, and it fails
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  const missing = postinstallOutputs().filter((f) => !fs.existsSync(f));
  if (installedVersion() !== CODE_SERVER_VERSION || missing.length) {
    throw new SetupError(`code-server's install is incomplete (missing: ${missing.map((f) => path.relative(ROOT, f)).join(', ') || 'package.json'}); its postinstall did not run or failed`);
  }
}

/** Makes sure code-server and Chromium are there; returns where they are. Throws SetupError. */
export function ensureVsCode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new SetupError(`code-server ${CODE_SERVER_VERSION} needs Node 20; this is Node ${process.versions.node}`);
  ensureDebianPackages();
  if (!fs.existsSync(CHROMIUM)) throw new SetupError(`${CHROMIUM} is missing although the chromium package is installed`);
  if (codeServerReady()) {
    log(`code-server ${CODE_SERVER_VERSION} present in ${path.relative(ROOT, CACHE_DIR)}`);
  } else {
    seedRipgrepCache();
    installCodeServer();
    log(`code-server ${CODE_SERVER_VERSION} installed`);
  }
  return { entry: codeServerEntry(), chromium: CHROMIUM };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureVsCode();
  } catch (e) {
    log(`FAILED: ${e.message}`);
    process.exit(1);
  }
}
