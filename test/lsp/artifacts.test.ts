/**
 * What ships, as it ships: the npm package (`npm pack`) and the .vsix, unpacked into empty folders with no
 * node_modules anywhere above them, run there, and compared with the repository's build: the CLI on the
 * examples and on every corpus sentence, the server over stdio on the examples. Identical, or this fails.
 * Expects `npm run build` and `npm run package` before it (as `npm test` runs them).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { loadSet } from '../../scripts/language/corpus';
import { SERVER, startServer } from './client';

const ROOT = path.join(__dirname, '..', '..');
const REPO_CLI = path.join(ROOT, 'dist', 'cli.js');
let work: string;
let pkg: string;
let vsix: string;
let tarball: string;
let workspace: string;

/** Whether a folder or any folder above it holds node_modules (where an unbundled require would be found). */
function nodeModulesAbove(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'node_modules'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** A workspace of the examples and one file per corpus set, every sentence as an objective or key result. */
function writeWorkspace(dir: string): void {
  cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  for (const set of ['train', 'blind', 'blind2', 'blind3'] as const) {
    const items = loadSet(set);
    const objectives = items
      .filter((i) => i.kind === 'objective')
      .map((i, n) => ({ id: `${set}-O${n}`, title: i.text, owner: 'alice', tenet: 'secure-the-product' }));
    const krs = items.filter((i) => i.kind === 'key_result');
    for (let n = 0; n < krs.length; n += 3)
      objectives.push({
        id: `${set}-K${n}`,
        title: 'Make account takeover a non-event for our customers',
        owner: 'alice',
        tenet: 'secure-the-product',
        key_results: krs.slice(n, n + 3).map((k, j) => ({ id: `${set}-K${n}.${j}`, title: k.text })),
      } as never);
    writeFileSync(path.join(dir, `corpus-${set}.okr.yaml`), stringify({ period: '2026-Q1', objectives }));
  }
}

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'okr-artifacts-'));
  assert.equal(nodeModulesAbove(work), undefined, 'the temporary folder must have no node_modules above it');
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  tarball = path.join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  mkdirSync(path.join(work, 'npm'));
  execFileSync('tar', ['-xzf', tarball, '-C', path.join(work, 'npm')]);
  pkg = path.join(work, 'npm', 'package');
  mkdirSync(path.join(work, 'vsix'));
  execFileSync('unzip', ['-q', path.join(ROOT, 'dist', 'okr-lens.vsix'), '-d', path.join(work, 'vsix')]);
  vsix = path.join(work, 'vsix', 'extension');
  workspace = path.join(work, 'workspace');
  mkdirSync(workspace);
  writeWorkspace(workspace);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('the npm package: at most 1.5 MB, nothing to install, both bins with a shebang, publishable metadata', () => {
  assert.ok(statSync(tarball).size <= 1.5 * 1024 * 1024, `${statSync(tarball).size} bytes`);
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.private, undefined);
  assert.deepEqual(manifest.bin, {
    okr: './dist/cli.js',
    'okr-lens': './dist/cli.js', // `npx okr-lens lint`: npx runs the bin named as the package
    'okr-language-server': './dist/server.js',
  });
  for (const key of ['name', 'version', 'description', 'license', 'repository', 'engines', 'files', 'publisher'])
    assert.ok(manifest[key], key);
  for (const bin of ['dist/cli.js', 'dist/server.js'])
    assert.match(readFileSync(path.join(pkg, bin), 'utf8').slice(0, 30), /^#!\/usr\/bin\/env node\n/, bin);
  assert.ok(existsSync(path.join(pkg, 'LICENSE')) && existsSync(path.join(pkg, 'README.md')));
  // The web extension is the .vsix's alone: npx okr-lens needs Node only.
  assert.equal(existsSync(path.join(pkg, 'dist', 'browser')), false, 'no dist/browser in the npm package');
});

test('the .vsix holds the web extension as built: both browser bundles, byte for byte', () => {
  const manifest = JSON.parse(readFileSync(path.join(vsix, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.browser, './dist/browser/extension.js');
  for (const file of ['extension.js', 'server.js'])
    assert.ok(
      readFileSync(path.join(vsix, 'dist', 'browser', file)).equals(
        readFileSync(path.join(ROOT, 'dist', 'browser', file)),
      ),
      `dist/browser/${file}`,
    );
});

test('the packaged CLI judges the examples and every corpus sentence exactly as the repository build', () => {
  for (const args of [
    ['lint', '--format', 'json', '--at', '2026-02-20', '.'],
    ['tree', '--format', 'json', '.'],
  ]) {
    const run = (cli: string) =>
      spawnSync(process.execPath, [cli, ...args], { cwd: workspace, encoding: 'utf8', maxBuffer: 256 << 20 });
    const mine = run(REPO_CLI);
    const theirs = run(path.join(pkg, 'dist', 'cli.js'));
    assert.equal(theirs.stderr, '');
    assert.equal(theirs.status, mine.status);
    assert.ok(mine.stdout.length > 100_000, 'the comparison covers the corpus');
    assert.equal(theirs.stdout, mine.stdout, args.join(' '));
  }
  // The language rules spoke on the corpus (so the comparison covers their data, which must be bundled).
  const json = JSON.parse(
    spawnSync(process.execPath, [path.join(pkg, 'dist', 'cli.js'), 'lint', '--format', 'json', '.'], {
      cwd: workspace,
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    }).stdout,
  ) as { files: { diagnostics: { code: string }[] }[] };
  const codes = new Set(json.files.flatMap((f) => f.diagnostics.map((d) => d.code)));
  for (const code of ['vague-objective', 'task-key-result', 'unmeasurable-key-result'])
    assert.ok(codes.has(code), code);
});

test('installed from the tarball (npm install -g, npx): `okr` and `okr-language-server` run', () => {
  const prefix = path.join(work, 'global');
  const env = { ...process.env, npm_config_cache: path.join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
  execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--ignore-scripts', tarball], {
    env,
    stdio: 'pipe',
  });
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  assert.equal(execFileSync(path.join(prefix, 'bin', 'okr'), ['--version'], { encoding: 'utf8' }).trim(), version);
  const lint = spawnSync(path.join(prefix, 'bin', 'okr'), ['lint', 'examples/security.okr.yaml'], {
    cwd: workspace,
    encoding: 'utf8',
  });
  assert.equal(lint.status, 1, lint.stderr); // unknown-parent: CO-2 lives in company.okr.yaml, not given
  assert.match(lint.stdout, /unknown-parent/);
  const help = spawnSync(path.join(prefix, 'bin', 'okr-language-server'), ['--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: okr-language-server --stdio/);
  const bare = spawnSync(path.join(prefix, 'bin', 'okr-language-server'), [], { encoding: 'utf8' });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /no transport given/);
  const npx = spawnSync('npx', ['--yes', '--package', tarball, 'okr', 'lint', '--format', 'json', 'examples'], {
    cwd: workspace,
    env,
    encoding: 'utf8',
  });
  assert.equal(npx.status, 1, npx.stderr);
  assert.equal(JSON.parse(npx.stdout).files.length, 4);
});

/**
 * What the server publishes for every file of the examples (none opened: the scan checks them all), as
 * it stands when the indexing progress ends, by file name.
 */
async function serverDiagnostics(serverPath: string): Promise<Record<string, PublishDiagnosticsParams['diagnostics']>> {
  const dir = path.join(workspace, 'examples');
  let indexed!: () => void;
  const done = new Promise<void>((resolve) => (indexed = resolve));
  const latest: Record<string, PublishDiagnosticsParams['diagnostics']> = {};
  const server = await startServer(
    undefined,
    { asOf: '2026-02-20' },
    pathToFileURL(dir).toString(),
    (kind) => kind === 'end' && indexed(),
    undefined,
    serverPath,
  );
  server.onDiagnostics((p) => (latest[path.basename(p.uri)] = p.diagnostics));
  try {
    await done;
    assert.equal(server.stderr(), '');
    return latest;
  } finally {
    await server.stop();
  }
}

test("the packaged server and the .vsix server publish exactly the repository build's diagnostics", async () => {
  const mine = await serverDiagnostics(SERVER);
  assert.deepEqual(Object.keys(mine).sort(), [
    'appsec.okr.yaml',
    'company.okr.yaml',
    'mistakes.okr.yaml',
    'security.okr.yaml',
  ]);
  assert.ok(Object.values(mine).flat().length > 20);
  assert.deepEqual(await serverDiagnostics(path.join(pkg, 'dist', 'server.js')), mine);
  assert.deepEqual(await serverDiagnostics(path.join(vsix, 'dist', 'server.js')), mine);
  assert.equal(nodeModulesAbove(vsix), undefined);
});
