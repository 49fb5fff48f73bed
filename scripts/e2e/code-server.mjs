// Shared by the code-server runs (run-code-server.mjs, test/e2e/ui-smoke.mjs): a fresh run folder,
// code-server started on 127.0.0.1 in its own process group and always stopped, headless Chromium.
// See shared/e2e/README.md for why each flag is here.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';
const CACHE = process.env.OKR_E2E_CACHE || join(os.homedir(), '.cache', 'okr-lens-e2e');

/** Run folders, removed when a signal stops the run (a failed run keeps its folder to look at). */
const runDirs = new Set();

/** A path for messages: relative to the repository when inside it. */
export const shown = (p) => (resolve(p).startsWith(ROOT + sep) ? relative(ROOT, resolve(p)) : resolve(p));

export const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

/** Parses `--name value` and `--flag` options. */
export function parseArgs(argv, known) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in known)) throw new Error(`unknown option ${argv[i]} (known: ${Object.keys(known).join(', ')})`);
    options[name] = known[name] === 'flag' ? true : argv[++i];
    if (options[name] === undefined) throw new Error(`${argv[i - 1]} needs a value`);
  }
  return options;
}

/** The code-server binary: $OKR_E2E_CODE_SERVER, or the cached install (installed now when missing). */
export function codeServerBin() {
  if (process.env.OKR_E2E_CODE_SERVER) return process.env.OKR_E2E_CODE_SERVER;
  const dir = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(dir, 'node_modules', '.bin', 'code-server');
  if (existsSync(join(dir, '.okr-lens-install-complete')) && existsSync(bin)) return bin;
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'e2e', 'install-code-server.sh'), dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('installing code-server failed (scripts/e2e/install-code-server.sh)');
  return bin;
}

/**
 * A fresh run folder: user data (with settings that keep the Welcome page from stealing focus),
 * extensions, XDG folders, a Chromium profile, and a copy of examples/ as the workspace folder.
 */
export function prepareRun(prefix = 'okr-e2e-') {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  runDirs.add(dir);
  const run = {
    dir,
    data: join(dir, 'data'),
    exts: join(dir, 'exts'),
    ws: join(dir, 'workspace'),
    chromium: join(dir, 'chromium'),
    log: join(dir, 'code-server.log'),
  };
  mkdirSync(join(run.data, 'User'), { recursive: true });
  mkdirSync(run.exts, { recursive: true });
  writeFileSync(
    join(run.data, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }, null, 2),
  );
  cpSync(join(ROOT, 'examples'), run.ws, { recursive: true });
  const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'xdg'), XDG_DATA_HOME: join(dir, 'xdg-data') };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k]; // not when run from a VS Code terminal
  run.env = env;
  return run;
}

/** Installs a .vsix into the run's extensions folder (what ships is what is tested). */
export function installVsix(run, vsix) {
  const file = resolve(vsix);
  if (!existsSync(file)) throw new Error(`no ${file}: run \`npm run package\` first`);
  const r = spawnSync(
    codeServerBin(),
    ['--user-data-dir', run.data, '--extensions-dir', run.exts, '--install-extension', file],
    { env: run.env, encoding: 'utf8' },
  );
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/.test(out)) throw new Error(`installing ${file} failed:\n${out}`);
  return out.trim().split('\n').pop();
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function healthy(base) {
  return new Promise((res) => {
    const req = http.get(`${base}/healthz`, { timeout: 2000 }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('error', () => res(false));
    req.on('timeout', () => req.destroy());
  });
}

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every process group started here, killed on any way out (even process.exit or a signal). */
const groups = new Set();
function killAllNow() {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`okr-lens e2e: ${signal}, stopping code-server`);
    killAllNow();
    for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group (a detached spawn is setsid)
 * and waits for /healthz. `stop()` kills the whole group: extension host, watcher and all.
 */
export async function startCodeServer(run, { timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFd = openSync(run.log, 'a');
  const child = spawn(
    codeServerBin(),
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      run.data,
      '--extensions-dir',
      run.exts,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], env: run.env },
  );
  const pgid = child.pid;
  groups.add(pgid);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const stop = async () => {
    if (!groups.has(pgid)) return;
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await delay(100);
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    for (let i = 0; i < 20 && groupAlive(pgid); i++) await delay(100);
    groups.delete(pgid);
  };
  const logTail = (n = 30) => readFileSync(run.log, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  const t0 = Date.now();
  while (!(await healthy(base))) {
    if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}) before it answered:\n${logTail()}`);
    if (Date.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`code-server did not answer ${base}/healthz within ${timeoutMs / 1000}s:\n${logTail()}`);
    }
    await delay(200);
  }
  return { base, port, pgid, stop, logTail };
}

/** Headless Chromium with a fresh profile (Debian's chromium; playwright-core never downloads one). */
export async function launchChromium(run, viewport = { width: 1400, height: 900 }) {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launchPersistentContext(run.chromium, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: CHROMIUM_ARGS,
  });
}

/**
 * The workbench URL for a folder (or a `.code-workspace` file), with an optional `payload` (extension
 * development and tests).
 */
export function workbenchUrl(base, folder, payload) {
  const host = new globalThis.URL(base).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const kind = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  let url = `${base}/?${kind}=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload.map(([k, p]) => [k, remote(p)])))}`;
  return url;
}

export function removeRun(run) {
  rmSync(run.dir, { recursive: true, force: true });
}
