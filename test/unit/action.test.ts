/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml), run the way GitHub and
 * pre-commit run them, on small git repositories made from test/fixtures/action, against the package that
 * `npm pack` makes of this checkout (installed by npx from the tarball: the package has no dependencies, so
 * that needs no registry).
 *
 * The Action's `run:` scripts are executed with bash as a runner does (`bash --noprofile --norc -eo pipefail`),
 * with each step's `env:` evaluated here: `${{ inputs.* }}` and `${{ github.action_path }}` are substituted in
 * the env values only, never in the scripts, which is why the scripts must read their inputs from the
 * environment. The `uses:` steps (setup-node, upload-sarif) are not run; their `if:` conditions are evaluated.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'action');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  pass_filenames?: boolean;
  require_serial?: boolean;
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const [SETUP_NODE, UPLOAD_SARIF] = action.runs.steps.filter((s) => s.uses).map((s) => s.uses!);
const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

let tmp: string;
let tarball: string;
let npmCache: string;

before(() => {
  tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'okr-action-')));
  npmCache = path.join(tmp, 'npm-cache');
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
  // --ignore-scripts: prepack would rebuild dist/ in place while other test files may be running it (the
  // package's build is checked below). The tarball is otherwise what npm publish uploads.
  const packDir = path.join(tmp, 'pack');
  mkdirSync(packDir);
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(packDir), [`okr-lens-${pkg.version}.tgz`]);
  tarball = path.join(packDir, `okr-lens-${pkg.version}.tgz`);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

/** A git repository (as actions/checkout leaves one) holding these fixtures, at the given paths. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmp, 'repo-'));
  assert.equal(spawnSync('git', ['init', '-q', dir]).status, 0);
  for (const [to, fixture] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    copyFileSync(path.join(FIXTURES, fixture), path.join(dir, to));
  }
  assert.equal(spawnSync('git', ['add', '-A'], { cwd: dir }).status, 0);
  return dir;
}

// ---------------------------------------------------------------------------------------------------------
// The Action

interface Run {
  code: number | null;
  out: string;
  err: string;
  outputs: Record<string, string>;
  /** Per `uses:` step, whether its `if:` lets it run after the scripts. */
  uses: Record<string, boolean>;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

/** The value of one `${{ }}` operand: the few contexts the action uses. */
function operand(expr: string, ctx: Context): string {
  const m = /^(inputs|github|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))?$/.exec(expr);
  if (m?.[1] === 'inputs' && m[3] === undefined) {
    assert.ok(m[2] in ctx.inputs, `no input ${m[2]}`);
    return ctx.inputs[m[2]];
  }
  if (m?.[1] === 'github' && m[2] === 'action_path' && m[3] === undefined) return ROOT;
  if (m?.[1] === 'steps' && m[3] !== undefined) return ctx.outputs[m[2]]?.[m[3]] ?? '';
  const literal = /^'([^']*)'$/.exec(expr);
  if (literal) return literal[1];
  throw new Error(`the test does not know the expression ${expr}`);
}

/**
 * An `if:` of this action: `&&` of `!cancelled()` and `==`/`!=` comparisons. A condition without a status
 * function only runs while every step before it succeeded, as GitHub adds `success() &&` to it.
 */
function condition(expr: string | undefined, ctx: Context, failed: boolean): boolean {
  if (expr === undefined) return !failed;
  const body = /^\$\{\{(.*)\}\}$/s.exec(expr.trim())?.[1] ?? expr;
  let statusFunction = false;
  const result = body.split('&&').every((raw) => {
    const term = raw.trim();
    if (term === '!cancelled()') return (statusFunction = true);
    const m = /^(\S+)\s*(==|!=)\s*(\S+)$/.exec(term);
    if (!m) throw new Error(`the test does not know the condition ${term}`);
    const [a, b] = [operand(m[1], ctx), operand(m[3], ctx)];
    return m[2] === '==' ? a === b : a !== b;
  });
  return result && (statusFunction || !failed);
}

interface Context {
  inputs: Record<string, string>;
  outputs: Record<string, Record<string, string>>;
}

/** Runs the action's steps in `workspace` with these inputs (the others at their defaults). */
function runAction(workspace: string, inputs: Record<string, string>, opts: { path?: string } = {}): Run {
  for (const name of Object.keys(inputs)) assert.ok(name in action.inputs, `action.yml has no input ${name}`);
  const ctx: Context = {
    inputs: Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default ?? '']),
    ),
    outputs: {},
  };
  const run: Run = { code: null, out: '', err: '', outputs: {}, uses: {} };
  let failed = false;
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses) {
      run.uses[step.uses] = condition(step.if, ctx, failed);
      continue;
    }
    if (!condition(step.if, ctx, failed)) continue;
    assert.equal(step.shell, 'bash');
    const script = path.join(tmp, `step-${i}-${Math.random().toString(36).slice(2)}.sh`);
    const outputFile = `${script}.output`;
    writeFileSync(script, step.run!);
    writeFileSync(outputFile, '');
    const env: Record<string, string> = {
      PATH: [opts.path, process.env.PATH].filter(Boolean).join(path.delimiter),
      HOME: process.env.HOME ?? tmp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: tmp,
      npm_config_cache: npmCache,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) {
      env[name] = String(value).replace(EXPRESSION, (_, expr: string) => operand(expr, ctx));
    }
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      env,
      encoding: 'utf8',
    });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(outputFile, 'utf8').split('\n').filter(Boolean)) {
      const eq = line.indexOf('=');
      assert.ok(eq > 0, `an output line without =: ${line}`);
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (step.id) ctx.outputs[step.id] = outputs;
    Object.assign(run, { code: r.status, out: run.out + r.stdout, err: run.err + r.stderr });
    Object.assign(run.outputs, outputs);
    if (r.status !== 0) failed = true;
  }
  return run;
}

/** The `::error file=…,line=…::` annotations, as [kind, file, rule] triples. */
function annotations(out: string): string[][] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^::(error|warning|notice) file=([^,]+),line=\d+,.*title=okr\(([\w-]+)\)::./.exec(line);
      assert.ok(m, `not an annotation: ${line}`);
      return [m[1], m[2], m[3]];
    });
}

describe('action.yml', () => {
  test('is a composite action whose scripts read their inputs from the environment only', () => {
    assert.equal(action.runs.using, 'composite');
    const scripts = action.runs.steps.filter((s) => s.run !== undefined);
    assert.equal(scripts.length, 1);
    for (const step of scripts) {
      assert.doesNotMatch(step.run!, /\$\{\{/, `${step.name}: an expression in a script is script injection`);
      assert.equal(step.shell, 'bash');
    }
    // Every input is used somewhere (an env value, a `with:` or an `if:`), and no step names an unknown one.
    const used = JSON.stringify(action.runs.steps);
    for (const name of Object.keys(action.inputs)) assert.ok(used.includes(`inputs.${name} `), name);
    for (const m of used.matchAll(/inputs\.([\w-]+)/g)) assert.ok(m[1] in action.inputs, m[1]);
    assert.equal(action.inputs.format.default, 'github');
    assert.equal(action.inputs['max-warnings'].default, '-1');
    assert.equal(action.inputs.paths.default, '');
  });

  test('sets up Node.js unless node-version is empty, and uploads SARIF only when it was written', () => {
    const [setup, lint, upload] = action.runs.steps;
    assert.match(setup.uses!, /^actions\/setup-node@v\d+$/);
    assert.equal(setup.with!['node-version'], '${{ inputs.node-version }}');
    assert.equal(lint.id, 'lint');
    assert.match(upload.uses!, /^github\/codeql-action\/upload-sarif@v\d+$/);
    assert.equal(upload.with!.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
    assert.equal(upload.with!.checkout_path, '${{ steps.lint.outputs.checkout-path }}');
    assert.equal(upload.with!.category, '${{ inputs.category }}');
    assert.equal(action.outputs['sarif-file'].value, '${{ steps.lint.outputs.sarif-file }}');

    const ctx = (inputs: Record<string, string>, sarifFile = ''): Context => ({
      inputs: { 'node-version': '24', sarif: 'false', 'upload-sarif': 'true', ...inputs },
      outputs: { lint: sarifFile ? { 'sarif-file': sarifFile } : {} },
    });
    assert.equal(condition(setup.if, ctx({}), false), true);
    assert.equal(condition(setup.if, ctx({ 'node-version': '' }), false), false);
    // After a failed lint too: the alerts are what it failed on.
    assert.equal(condition(upload.if, ctx({ sarif: 'true' }, '/w/okr.sarif'), true), true);
    assert.equal(condition(upload.if, ctx({ sarif: 'true' }, '/w/okr.sarif'), false), true);
    assert.equal(condition(upload.if, ctx({ sarif: 'true', 'upload-sarif': 'false' }, '/w/okr.sarif'), true), false);
    assert.equal(condition(upload.if, ctx({ sarif: 'false' }, '/w/okr.sarif'), false), false);
    assert.equal(condition(upload.if, ctx({ sarif: 'true' }), true), false); // nothing written
  });

  describe('builds the npx command line', () => {
    // A stand-in npx that logs its arguments, one JSON array a call: no package is installed.
    let fakeBin: string;
    let log: string;
    before(() => {
      fakeBin = path.join(tmp, 'fake-bin');
      log = path.join(tmp, 'npx.log');
      mkdirSync(fakeBin);
      writeFileSync(
        path.join(fakeBin, 'npx'),
        `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
        { mode: 0o755 },
      );
    });
    const calls = (workspace: string, inputs: Record<string, string>) => {
      writeFileSync(log, '');
      const r = runAction(workspace, inputs, { path: fakeBin });
      assert.equal(r.code, 0, r.err);
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string[]);
    };

    test("by default: this action's version from its package.json, format github, no limit, no paths", () => {
      assert.deepEqual(calls(repo({}), {}), [
        [
          '--yes',
          `--package=okr-lens@${pkg.version}`,
          '--',
          'okr',
          'lint',
          '--format=github',
          '--max-warnings=-1',
          '--',
        ],
      ]);
    });

    test('with every input: one argument a line of paths, unexpanded, after --', () => {
      const workspace = repo({ 'teams/a/a.okr.yaml': 'company.okr.yaml' }); // what the glob would match
      const options = ['--max-warnings=0', '--config=conf/okr config.yaml', '--quiet', '--'];
      const paths = ['a b.okr.yaml', '-weird.okr.yaml', 'teams/**/*.okr.yaml', '$HOME', '*'];
      assert.deepEqual(
        calls(workspace, {
          paths: ' a b.okr.yaml \n\n-weird.okr.yaml\r\n\tteams/**/*.okr.yaml\n$HOME\n*\n',
          version: '9.9.9',
          'max-warnings': '0',
          config: 'conf/okr config.yaml',
          quiet: 'true',
          sarif: 'true',
          'sarif-file': 'out/okr lint.sarif',
        }),
        [
          ['--yes', '--package=okr-lens@9.9.9', '--', 'okr', 'lint', '--format=sarif'],
          ['--yes', '--package=okr-lens@9.9.9', '--', 'okr', 'lint', '--format=github'],
        ].map((call, i) => [...call, ...(i === 0 ? ['--output=out/okr lint.sarif'] : []), ...options, ...paths]),
      );
    });

    test('the package input wins over version', () => {
      const [call] = calls(repo({}), { package: 'https://example.com/okr-lens-9.9.9.tgz', version: '9.9.9' });
      assert.equal(call[1], '--package=https://example.com/okr-lens-9.9.9.tgz');
    });
  });

  describe('runs okr-lens from the packed tarball', () => {
    const lint = (workspace: string, inputs: Record<string, string> = {}) =>
      runAction(workspace, { package: tarball, ...inputs });

    test('a clean repository: exit 0, nothing printed, no SARIF', () => {
      const r = lint(repo({ 'company.okr.yaml': 'company.okr.yaml', 'teams/web.okr.yaml': 'web.okr.yaml' }));
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out.trim(), ''); // okr prints one empty line for no problem
      assert.deepEqual(r.outputs, {});
      assert.deepEqual(r.uses, { [SETUP_NODE]: true, [UPLOAD_SARIF]: false });
    });

    test('an error: exit 1 and an ::error annotation on its file and line', () => {
      const r = lint(repo({ 'company.okr.yaml': 'company.okr.yaml', 'data/broken.okr.yaml': 'broken.okr.yaml' }));
      assert.equal(r.code, 1, r.err);
      assert.deepEqual(annotations(r.out), [
        ['error', 'data/broken.okr.yaml', 'schema'],
        ['error', 'data/broken.okr.yaml', 'schema'],
      ]);
      assert.match(
        r.out,
        /^::error file=data\/broken\.okr\.yaml,line=12,col=9,endLine=12,endColumn=14,title=okr\(schema\)::Unknown field `titel`/m,
      );
    });

    test('warnings only: exit 0, but 1 with max-warnings 0', () => {
      const workspace = repo({ 'company.okr.yaml': 'company.okr.yaml', 'warnings.okr.yaml': 'warnings.okr.yaml' });
      const r = lint(workspace);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(annotations(r.out), [
        ['warning', 'warnings.okr.yaml', 'key-result-count'],
        ['warning', 'warnings.okr.yaml', 'missing-baseline'],
      ]);
      const strict = lint(workspace, { 'max-warnings': '0' });
      assert.equal(strict.code, 1);
      assert.match(strict.err, /okr: too many warnings: 2 \(maximum: 0\)/);
      assert.equal(strict.out, r.out);
      const text = lint(workspace, { 'max-warnings': '2', format: 'text' });
      assert.equal(text.code, 0);
      assert.match(text.out, /^warnings\.okr\.yaml:7:12 +warning +Only 1 key result/m);
    });

    test('sarif: writes SARIF as well as the annotations, in working-directory, and outputs its path', () => {
      // As after actions/checkout with `path: checkout dir`.
      const workspace = repo({
        'checkout dir/company.okr.yaml': 'company.okr.yaml',
        'checkout dir/broken.okr.yaml': 'broken.okr.yaml',
      });
      const root = path.join(workspace, 'checkout dir');
      const r = lint(workspace, { sarif: 'true', 'working-directory': 'checkout dir' });
      assert.equal(r.code, 1, r.err);
      assert.equal(annotations(r.out).length, 2);
      assert.deepEqual(r.outputs, { 'sarif-file': path.join(root, 'okr.sarif'), 'checkout-path': root });
      const log = JSON.parse(readFileSync(path.join(root, 'okr.sarif'), 'utf8'));
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0].tool.driver.name, 'okr-lens');
      assert.deepEqual(
        log.runs[0].results.map(
          (res: { ruleId: string; locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }) => [
            res.ruleId,
            res.locations[0].physicalLocation.artifactLocation.uri,
          ],
        ),
        [
          ['schema', 'broken.okr.yaml'],
          ['schema', 'broken.okr.yaml'],
        ],
      );
      assert.equal(r.uses[UPLOAD_SARIF], true);
      // A stale SARIF is not left for the upload when the SARIF run fails (here: a path that does not exist).
      const again = lint(workspace, { sarif: 'true', 'working-directory': 'checkout dir', paths: 'missing.okr.yaml' });
      assert.equal(again.code, 2);
      assert.equal(existsSync(path.join(root, 'okr.sarif')), false);
      assert.deepEqual(again.outputs, {});
      assert.equal(again.uses[UPLOAD_SARIF], false);
    });

    test('paths: a line is one path, spaces and all; the cross-file rules see only the files given', () => {
      const workspace = repo({
        'company.okr.yaml': 'company.okr.yaml',
        'teams/web team/web.okr.yaml': 'web.okr.yaml',
        'broken.okr.yaml': 'broken.okr.yaml',
      });
      const both = lint(workspace, { paths: 'company.okr.yaml\n  teams/web team/web.okr.yaml  \n' });
      assert.equal(both.code, 0, both.err); // broken.okr.yaml is not linted, and CO-1 is found
      assert.equal(both.out.trim(), '');
      const alone = lint(workspace, { paths: 'teams/web team' });
      assert.equal(alone.code, 1);
      assert.deepEqual(annotations(alone.out), [['error', 'teams/web team/web.okr.yaml', 'unknown-parent']]);
    });

    test('inputs are data: shell code in them is not run', () => {
      const workspace = repo({ 'company.okr.yaml': 'company.okr.yaml' });
      const pwned = (n: number) =>
        existsSync(path.join(workspace, `pwned${n}`)) || existsSync(path.join(ROOT, `pwned${n}`));
      const r = lint(workspace, { paths: '$(touch pwned1)\n`touch pwned2`\n"; touch pwned3; echo "' });
      assert.equal(r.code, 2);
      assert.match(r.err, /^okr: (No such file or folder|No files match) \$\(touch pwned1\)$/m);
      const others = lint(workspace, {
        format: 'github$(touch pwned4)',
        config: '$(touch pwned5)',
        'max-warnings': '0; touch pwned6',
        quiet: '$(touch pwned7)',
        sarif: 'true',
        'sarif-file': '$(touch pwned8).sarif',
      });
      assert.equal(others.code, 2);
      assert.match(
        others.err,
        /unknown format "github\$\(touch pwned4\)"|whole number of warnings, not "0; touch pwned6"/,
      );
      const dir = lint(workspace, { 'working-directory': '$(touch pwned9)' });
      assert.equal(dir.code, 2);
      for (let n = 1; n <= 9; n++) assert.equal(pwned(n), false, `pwned${n}`);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// The pre-commit hook

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks[0];
  const spec = `--package=okr-lens@${pkg.version}`;

  /** The entry as pre-commit runs it (split on spaces: the entry has no quotes), okr-lens from the tarball. */
  function entry(files: string[]): string[] {
    assert.doesNotMatch(hook.entry, /["'\\]/);
    const argv = hook.entry.split(/\s+/).map((arg) => (arg === spec ? `--package=${tarball}` : arg));
    return hook.pass_filenames === false ? argv : [...argv, ...files];
  }

  /** What pre-commit does on a commit that stages these files: undefined when the hook does not run. */
  function commit(workspace: string, staged: string[]) {
    const files = staged.filter((f) => new RegExp(hook.files!).test(f));
    if (files.length === 0) return undefined;
    const [command, ...args] = entry(files);
    const r = spawnSync(command, args, {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: npmCache, NO_COLOR: '1' },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  test('has the fields pre-commit requires, and runs this release of okr-lens', () => {
    assert.equal(hooks.length, 1);
    assert.equal(hook.id, 'okr-lint');
    assert.equal(typeof hook.name, 'string');
    assert.ok(hook.name.length > 0);
    assert.ok(['system', 'node', 'unsupported'].includes(hook.language), hook.language);
    // The version that `rev: v<version>` gets must be the one npx runs: bump it with package.json.
    assert.ok(hook.entry.split(/\s+/).includes(spec), `${hook.entry} does not run okr-lens@${pkg.version}`);
    assert.match(hook.entry, /okr lint$/);
    assert.equal(hook.pass_filenames, false);
    const files = new RegExp(hook.files!);
    for (const f of ['a.okr.yaml', 'teams/b.okr.yml', 'okr.config.yaml', 'teams/okr.config.yaml']) {
      assert.match(f, files);
    }
    for (const f of ['README.md', 'a.yaml', 'myokr.config.yaml', 'a.okr.yaml.bak']) assert.doesNotMatch(f, files);
  });

  test('the package builds dist/ when it is packed, and needs nothing installed beside it', () => {
    assert.match(pkg.scripts.prepack ?? pkg.scripts.prepare ?? '', /npm run build|node esbuild\.mjs/);
    const out = path.join(tmp, 'unpacked');
    mkdirSync(out);
    assert.equal(spawnSync('tar', ['-xzf', tarball, '-C', out]).status, 0);
    const packed = JSON.parse(readFileSync(path.join(out, 'package', 'package.json'), 'utf8'));
    assert.deepEqual(packed.dependencies ?? {}, {});
    assert.equal(path.normalize(packed.bin.okr), path.normalize('dist/cli.js'));
    assert.ok(existsSync(path.join(out, 'package', 'dist', 'cli.js')));
  });

  test('a staged OKR file lints every OKR file together; other files do not run it', () => {
    const workspace = repo({
      'company.okr.yaml': 'company.okr.yaml',
      'teams/web.okr.yaml': 'web.okr.yaml',
      'broken.okr.yaml': 'broken.okr.yaml',
    });
    assert.equal(commit(workspace, ['README.md']), undefined);
    const r = commit(workspace, ['teams/web.okr.yaml'])!;
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^broken\.okr\.yaml:12:9 +error +Unknown field `titel`/m);
    assert.doesNotMatch(r.out, /unknown-parent/); // CO-1 is in a file that was not staged
    // What passing the staged file alone would do: its parent, in another file, is unknown.
    const [command, ...args] = [...entry([]), 'teams/web.okr.yaml'];
    const alone = spawnSync(command, args, {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: npmCache },
    });
    assert.equal(alone.status, 1);
    assert.match(alone.stdout, /unknown-parent/);

    const clean = repo({ 'company.okr.yaml': 'company.okr.yaml', 'teams/web.okr.yaml': 'web.okr.yaml' });
    const ok = commit(clean, ['okr.config.yaml'])!;
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /No problems in 2 files/);
  });

  // pre-commit itself (`npm run test:unit` installs Debian's when missing: scripts/ensure-pre-commit.sh).
  test('pre-commit try-repo runs it', () => {
    const preCommit = spawnSync('sh', ['-c', 'command -v pre-commit'], { encoding: 'utf8' }).stdout.trim();
    assert.ok(preCommit, 'pre-commit is not installed: bash scripts/ensure-pre-commit.sh');
    // A hook repository with this manifest, okr-lens from the tarball instead of the registry.
    const hookRepo = mkdtempSync(path.join(tmp, 'hooks-'));
    const manifest = readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    assert.ok(manifest.includes(spec));
    writeFileSync(path.join(hookRepo, '.pre-commit-hooks.yaml'), manifest.replace(spec, `--package=${tarball}`));
    const git = (...args: string[]) =>
      assert.equal(
        spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: hookRepo }).status,
        0,
      );
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'hooks');

    const workspace = repo({
      'company.okr.yaml': 'company.okr.yaml',
      'teams/web.okr.yaml': 'web.okr.yaml',
      'broken.okr.yaml': 'broken.okr.yaml',
    });
    writeFileSync(path.join(workspace, 'README.md'), '# not OKRs\n');
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(tmp, 'pre-commit'), npm_config_cache: npmCache };
    const tryRepo = (...args: string[]) => {
      const r = spawnSync(preCommit, ['try-repo', hookRepo, 'okr-lint', ...args], {
        cwd: workspace,
        env,
        encoding: 'utf8',
      });
      return { code: r.status, out: r.stdout + r.stderr };
    };
    const failing = tryRepo('--files', 'teams/web.okr.yaml');
    assert.equal(failing.code, 1, failing.out);
    assert.match(failing.out, /okr lint\.+Failed/);
    assert.match(failing.out, /broken\.okr\.yaml:12:9 +error +Unknown field `titel`/);
    const skipped = tryRepo('--files', 'README.md');
    assert.equal(skipped.code, 0, skipped.out);
    assert.match(skipped.out, /okr lint\.+\(no files to check\)Skipped/);

    // docs/ci.md's local hook (language: node, okr-lens as an additional dependency), from the tarball.
    const doc = readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
    const local = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('repo: local'));
    assert.ok(local && local.includes(`additional_dependencies: [okr-lens@${pkg.version}]`), local);
    writeFileSync(
      path.join(workspace, '.pre-commit-config.yaml'),
      local.replace(`okr-lens@${pkg.version}`, JSON.stringify(tarball)),
    );
    assert.equal(spawnSync('git', ['add', '-A'], { cwd: workspace }).status, 0);
    const run = spawnSync(preCommit, ['run', '--files', 'teams/web.okr.yaml'], {
      cwd: workspace,
      env,
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /broken\.okr\.yaml:12:9 +error +Unknown field `titel`/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// docs/ci.md, which shows both

describe('docs/ci.md', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
  const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

  test('names this release everywhere it pins okr-lens', () => {
    const pins = [...doc.matchAll(/okr-lens(?:\/okr-lens)?@v?(\d+\.\d+\.\d+)|rev: v(\d+\.\d+\.\d+)/g)];
    assert.ok(pins.length >= 6, `${pins.length} pins`);
    for (const m of pins) assert.equal(m[1] ?? m[2], pkg.version, m[0]);
  });

  test('its workflows use inputs that action.yml has, and its pre-commit config a hook that exists', () => {
    const steps = yamlBlocks
      .map((block) => parse(block) as { jobs?: Record<string, { steps: Step[] }> })
      .flatMap((w) => Object.values(w.jobs ?? {}).flatMap((job) => job.steps))
      .filter((step) => step.uses?.startsWith('okr-lens/okr-lens@'));
    assert.equal(steps.length, 2);
    for (const step of steps) {
      for (const name of Object.keys(step.with ?? {})) assert.ok(name in action.inputs, name);
    }
    const remote = yamlBlocks
      .map((block) => parse(block) as { repos?: { repo: string; rev?: string; hooks: { id: string }[] }[] })
      .flatMap((c) => c.repos ?? [])
      .filter((r) => r.repo === 'https://github.com/okr-lens/okr-lens');
    assert.equal(remote.length, 1);
    assert.deepEqual(
      remote[0].hooks.map((h) => h.id),
      hooks.map((h) => h.id),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// The README's first section: its commands and its workflow step, run on a copy of the examples.

describe("README's Get started", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Get started'), readme.indexOf('## Quick start'));
  const commands = /```sh\n([\s\S]*?)```/
    .exec(section)![1]
    .split('\n')
    .filter((l) => l.startsWith('npx okr-lens '))
    .map((l) =>
      l
        .replace(/\s+#.*$/, '')
        .split(/\s+/)
        .slice(2),
    );

  test('its npx commands work on the examples as shown, with okr-lens from the tarball', () => {
    assert.deepEqual(
      commands.map((c) => c.slice(0, 2).join(' ')),
      ['lint examples', 'lint --fix-dry-run', 'lint --fix', 'import examples/import/platform-okrs.csv', 'report --at'],
    );
    const work = mkdtempSync(path.join(tmp, 'readme-'));
    cpSync(path.join(ROOT, 'examples'), path.join(work, 'examples'), { recursive: true });
    const npx = (args: string[]) => {
      const r = spawnSync('npx', ['--yes', '--package', tarball, 'okr-lens', ...args], {
        cwd: work,
        env: { ...process.env, npm_config_cache: npmCache, npm_config_update_notifier: 'false' },
        encoding: 'utf8',
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const mistakes = () => readFileSync(path.join(work, 'examples', 'mistakes.okr.yaml'), 'utf8');
    const original = mistakes();
    const [lint, dryRun, fix, imported, report] = commands.map(npx);
    // examples/mistakes.okr.yaml has errors on purpose: lint exits 1, and so do the fixes (errors remain).
    assert.equal(lint.code, 1, lint.err);
    assert.match(lint.out, /examples\/mistakes\.okr\.yaml:\d+:\d+ +error +.*duplicate-id/);
    assert.equal(dryRun.code, 1);
    assert.equal(fix.code, 1);
    assert.notEqual(mistakes(), original, '--fix fixed something in mistakes.okr.yaml');
    assert.ok(fix.out.split('\n').length < lint.out.split('\n').length, 'fewer problems remain after --fix');
    assert.equal(dryRun.out, fix.out, '--fix-dry-run shows what --fix leaves');
    assert.equal(imported.code, 0, imported.err);
    assert.match(readFileSync(path.join(work, 'platform.okr.yaml'), 'utf8'), /^ {6}- id: PLATFORM-1\.1$/m);
    assert.equal(report.code, 0);
    assert.match(report.out, /^\| SEC-1\.1 .* \| 38% \| 57% \| behind \| 0\.5 \|$/m);
  });

  test('its workflow step is this action at this release, and its inputs run', () => {
    const block = /```yaml\n([\s\S]*?)```/.exec(section)![1];
    const [step] = parse(block) as { uses: string; with: Record<string, string | number> }[];
    assert.equal(step.uses, `okr-lens/okr-lens@v${pkg.version}`);
    const workspace = repo({});
    cpSync(path.join(ROOT, 'examples'), path.join(workspace, 'examples'), { recursive: true });
    const inputs = Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, String(v)]));
    const run = runAction(workspace, { ...inputs, package: tarball });
    assert.equal(run.code, 1, run.err);
    assert.ok(annotations(run.out).some(([kind, file]) => kind === 'error' && file === 'examples/mistakes.okr.yaml'));
  });
});
