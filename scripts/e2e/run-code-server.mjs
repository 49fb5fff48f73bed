// Runs the in-editor suite (out/e2e/suite/index.js) inside code-server 4.100.3 (VS Code 1.100.3) in
// headless Chromium, through the workbench's `payload` URL parameter, as @vscode/test-electron would in
// desktop VS Code. Prints the suite's output and a final "N passed, N failed"; exits 1 on any failure.
//
//   node scripts/e2e/run-code-server.mjs                  the extension from this folder (extensionDevelopmentPath)
//   node scripts/e2e/run-code-server.mjs --vsix dist/okr-lens.vsix   the packaged extension, installed
//   node scripts/e2e/run-code-server.mjs --web            the web extension (package.json's `browser`) in the
//                                                          workbench's web worker extension host
//   options: --extension DIR (another extension folder), --timeout SECONDS (default 240), --keep (keep the
//   run folder; a failed run always keeps it), --no-build (use out/e2e/suite/index.js as it is)
//
// code-server 4.100.3 runs an extension with a `browser` entry in its web worker extension host when the
// user setting `remote.extensionKind` says `["web"]` for it (the manifest's own `extensionKind: ["web"]` is
// not something vsce packages); the suite, inside the extension's folder, then runs in that host too.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ROOT,
  installVsix,
  launchChromium,
  parseArgs,
  prepareRun,
  removeRun,
  seconds,
  shown,
  startCodeServer,
  workbenchUrl,
} from './code-server.mjs';

const t0 = Date.now();
/** Harmless: the extension gallery (open-vsx.org) is unreachable here; the suite's own summary error. */
const NOISE = /open-vsx\.org|ENOTFOUND|end-to-end tests? failed|^\s+at /;
const SUITE_LINE = /^(ok - |not ok - | {2}# |\d+ passed, \d+ failed$)/;
const say = (m) => console.log(`[e2e ${seconds(t0)}s] ${m}`);
let options;
try {
  options = parseArgs(process.argv.slice(2), {
    vsix: 'value',
    extension: 'value',
    timeout: 'value',
    keep: 'flag',
    web: 'flag',
    'no-build': 'flag',
  });
  if (options.web && options.vsix)
    throw new Error('--web runs the extension folder (the .vsix holds the same dist/browser/)');
} catch (e) {
  console.error(`run-code-server: ${e.message}`);
  process.exit(2);
}
const timeoutMs = Number(options.timeout ?? 240) * 1000;
const label = options.vsix
  ? `installed ${shown(options.vsix)}`
  : `${options.web ? 'web extension, ' : ''}extension folder ${shown(options.extension ?? ROOT) || '.'}`;

let passed = 0;
let failed = 0;
let reason = '';
let run;
let server;
let browser;
let totalsSeen = false;
let hostLog;

try {
  if (!options['no-build']) {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'e2e', 'build-suite.mjs')], { stdio: 'ignore' });
    if (b.status !== 0) throw new Error('building the suite failed: node scripts/e2e/build-suite.mjs');
  }
  const suite = join(ROOT, 'out', 'e2e', 'suite', 'index.js');
  run = prepareRun();
  hostLog = join(run.dir, 'ext-host.log');
  let devPath = resolve(options.extension ?? ROOT);
  if (options.vsix) {
    say(installVsix(run, options.vsix));
    // VS Code runs extensionTestsPath only alongside an extensionDevelopmentPath: give it an empty
    // extension (another id), so that okr-lens itself is the installed one.
    devPath = join(run.dir, 'e2e-host');
    mkdirSync(devPath);
    writeFileSync(
      join(devPath, 'package.json'),
      JSON.stringify({ name: 'e2e-host', publisher: 'okr-lens-e2e', version: '0.0.0', engines: { vscode: '*' } }),
    );
  }
  // The suite checks that the okr-lens it talks to is loaded from here (the .vsix's install or the folder).
  run.env.OKR_E2E_EXTENSION_PATH = options.vsix ? run.exts : resolve(options.extension ?? ROOT);
  run.env.OKR_E2E_HOST = options.web ? 'browser' : 'node';
  if (options.web) {
    // The web worker host has no environment: the suite reads what it expects from user settings.
    const settings = join(run.data, 'User', 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify(
        {
          ...JSON.parse(readFileSync(settings, 'utf8')),
          'remote.extensionKind': { 'okr-lens.okr-lens': ['web'] },
          'okrE2E.host': 'browser',
          'okrE2E.extensionPath': run.env.OKR_E2E_EXTENSION_PATH,
        },
        null,
        2,
      ),
    );
  }
  server = await startCodeServer(run);
  say(`code-server ${server.base} (pgid ${server.pgid}), ${label}`);
  browser = await launchChromium(run);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const exitCode = await new Promise((resolveExit, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs / 1000}s (the suite did not finish)`)),
      timeoutMs,
    );
    const finish = (code) => {
      clearTimeout(timer);
      resolveExit(code);
    };
    (async () => {
      await page.exposeFunction('codeAutomationExit', (code) => finish(code));
      // The suite's lines (`ok - `, `not ok - `, `  # ` comments, the totals) are printed; everything else
      // the workbench forwards (its own log, e.g. the unreachable extension gallery) goes to ext-host.log,
      // and its errors are shown when the run fails.
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
        appendFileSync(hostLog, `[${type}] ${text}\n`);
        for (const line of text.split('\n')) {
          if (!SUITE_LINE.test(line)) continue;
          const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
          if (m) {
            passed = Number(m[1]);
            failed = Number(m[2]);
            totalsSeen = true;
          }
          console.log(line);
        }
      });
      const payload = [
        ['extensionDevelopmentPath', devPath],
        ['extensionTestsPath', suite],
      ];
      // A multi-root workspace of the one folder: a test adds a folder of another scheme, which turns a
      // single-folder window into a new workspace and reloads it.
      const workspaceFile = join(run.dir, 'okr.code-workspace');
      writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: run.ws }] }, null, 2));
      await page.goto(workbenchUrl(server.base, workspaceFile, payload));
      say('workbench loading');
    })().catch(reject);
  });
  say(`suite exited with ${exitCode}`);
  if (exitCode !== 0) {
    reason = `the suite exited with ${exitCode}`;
    const errors = [
      ...extensionHostErrors(run.data),
      ...readFileSync(hostLog, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('[error]') && !NOISE.test(l)),
    ].slice(0, 15);
    if (errors.length) console.log(`errors logged by the extension host and the workbench:\n  ${errors.join('\n  ')}`);
  }
} catch (e) {
  reason = e.message;
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
}

if (reason && !totalsSeen) failed = Math.max(failed, 1);
if (reason && totalsSeen && failed === 0) failed = 1; // the run failed outside the tests
if (reason) {
  console.log(`e2e (${label}) failed: ${reason}`);
  if (server && !totalsSeen) console.log(`code-server log (last lines):\n${server.logTail(15)}`);
}
if (run && (options.keep || failed > 0)) console.log(`run folder kept: ${run.dir}`);
else if (run) removeRun(run);
say(`done (${label})`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;

/** `[error]` lines of the extension host's own log: an activation that failed, and why. */
function extensionHostErrors(data) {
  const logs = join(data, 'logs');
  let files = [];
  try {
    files = readdirSync(logs, { recursive: true }).filter((f) => String(f).endsWith('remoteexthost.log'));
  } catch {
    return [];
  }
  return files
    .flatMap((f) => readFileSync(join(logs, String(f)), 'utf8').split('\n'))
    .filter((l) => l.includes('[error]') && !NOISE.test(l));
}
