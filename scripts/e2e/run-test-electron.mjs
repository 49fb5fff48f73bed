// Runs the in-editor suite (out/e2e/suite/index.js) in desktop VS Code with @vscode/test-electron, for
// machines that can download VS Code (developers' laptops, public CI). Where VS Code cannot be
// downloaded, it fails fast with a one-line reason; scripts/e2e/run-code-server.mjs runs the same suite.
//
//   node scripts/e2e/run-test-electron.mjs [--version stable|insiders|1.100.3]
//   On Linux without a display: xvfb-run -a node scripts/e2e/run-test-electron.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { join } from 'node:path';
import { ROOT, parseArgs } from './code-server.mjs';

const fail = (line, code = 1) => {
  console.log(`run-test-electron: ${line}`);
  console.log('0 passed, 1 failed');
  process.exit(code);
};

let options;
try {
  options = parseArgs(process.argv.slice(2), { version: 'value' });
} catch (e) {
  fail(e.message, 2);
}

let runTests;
try {
  // Resolved like a CommonJS require from the repository (NODE_PATH applies).
  ({ runTests } = createRequire(join(ROOT, 'package.json'))('@vscode/test-electron'));
} catch {
  fail('@vscode/test-electron is not installed: npm install --save-dev @vscode/test-electron');
}

const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'e2e', 'build-suite.mjs')], { stdio: 'inherit' });
if (build.status !== 0) fail('building the suite failed (node scripts/e2e/build-suite.mjs)');
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
  console.log('run-test-electron: no DISPLAY; if VS Code cannot start, run it under xvfb-run -a');

// A fresh copy of examples/ as the workspace folder, and a fresh profile that opens no Welcome page.
const dir = mkdtempSync(join(os.tmpdir(), 'okr-e2e-electron-'));
const workspace = join(dir, 'workspace');
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
// Opened as a one-folder multi-root workspace, as in code-server: a test adds a folder of another scheme,
// which would turn a single-folder window into a new workspace and restart the extension host.
const workspaceFile = join(dir, 'okr.code-workspace');
writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: workspace }] }, null, 2));
mkdirSync(join(dir, 'user-data', 'User'), { recursive: true });
writeFileSync(
  join(dir, 'user-data', 'User', 'settings.json'),
  JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }),
);

const NETWORK = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|CERT_|self.signed)/;
let exitCode = 1;
try {
  exitCode = await runTests({
    version: options.version ?? process.env.OKR_E2E_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'e2e', 'suite', 'index.js'),
    extensionTestsEnv: { OKR_E2E_EXTENSION_PATH: ROOT },
    launchArgs: [
      workspaceFile,
      '--user-data-dir',
      join(dir, 'user-data'),
      '--disable-extensions', // every other extension; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (e) {
  const message = String(e?.message ?? e).split('\n')[0];
  const code = e?.code ?? NETWORK.exec(message)?.[1];
  if (code && NETWORK.test(code)) {
    rmSync(dir, { recursive: true, force: true });
    fail(
      `cannot download VS Code (${code}: ${message}); this machine has no route to update.code.visualstudio.com, ` +
        'so run the same suite in code-server: node scripts/e2e/run-code-server.mjs',
    );
  }
  // A failing suite: runTests rejects after VS Code printed the suite's output and totals.
  console.log(`run-test-electron: ${message}`);
}
rmSync(dir, { recursive: true, force: true });
process.exitCode = exitCode === 0 ? 0 : 1;
