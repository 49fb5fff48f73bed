/** Workspace safety: the config file is data, the extension's trust declaration, no code from text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseConfig, resolveSettings, validateText } from '../../server/src/service';

const ROOT = path.join(__dirname, '..', '..');

test('okr.config.yaml is data only: tags are not resolved, __proto__ is a key like any other', () => {
  const text = [
    'rules:',
    '  __proto__: {polluted: yes, key-result-count: {max: banana}}',
    '  constructor: error',
    '  task-key-result: !!js/function "function () { process.exit(1) }"',
    '  vague-objective: !!python/object/apply:os.system ["touch /tmp/okr-pwned"]',
    '  missing-owner: off',
    'words:',
    '  __proto__: [polluted]',
    '  vague: [synergy]',
    '__proto__: {polluted: yes}',
    'tenets:',
    '  - id: a',
    '    __proto__: {polluted: yes}',
    '',
  ].join('\n');
  const { config, findings } = parseConfig(text);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(
    findings.filter((f) => f.code === 'yaml-syntax').map((f) => f.message),
    [
      'Unresolved tag: tag:yaml.org,2002:js/function.',
      'Unresolved tag: tag:yaml.org,2002:python/object/apply:os.system.',
    ],
  );
  // Only the well-formed rule settings apply; nothing from the __proto__ keys reaches the settings.
  assert.deepEqual({ ...config.rules }, { 'missing-owner': 'off' });
  assert.deepEqual({ ...config.words }, { vague: ['synergy'] });
  const settings = resolveSettings(config, undefined);
  assert.deepEqual({ ...settings.rules }, { 'missing-owner': 'off' });
  assert.equal(settings.ruleOptions['key-result-count'], undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // An alias bomb in the config is refused like one in an OKR file.
  const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]'];
  for (let i = 1; i < 9; i++)
    bomb.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`)}]`);
  const started = performance.now();
  assert.match(
    parseConfig(bomb.join('\n'))
      .findings.map((f) => f.message)
      .join('\n'),
    /alias/i,
  );
  assert.ok(performance.now() - started < 2000);
});

test('an OKR file is data too: a tag is a warning, never run', () => {
  const ds = validateText('objectives:\n  - id: A\n    title: !!js/eval "process.exit(1)"\n');
  assert.ok(ds.some((d) => d.code === 'yaml-syntax' && /Unresolved tag/.test(String(d.message))));
});

test('the extension declares limited Restricted Mode support: okr.maxFileSize is not taken from an untrusted workspace', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    capabilities: {
      untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] };
      virtualWorkspaces: boolean;
    };
    contributes: { configuration: { properties: Record<string, { scope: string }> } };
  };
  const { untrustedWorkspaces, virtualWorkspaces } = pkg.capabilities;
  assert.equal(untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, ['okr.maxFileSize']);
  // github.dev and vscode.dev: the server reads the workspace through the client (workspace.fs).
  assert.equal(virtualWorkspaces, true);
  // Every other setting a workspace can set is harmless data (a date, severities, owner names, strictness); the trace is per window.
  assert.deepEqual(Object.keys(pkg.contributes.configuration.properties).sort(), [
    'okr.asOf',
    'okr.maxFileSize',
    'okr.owners',
    'okr.rules',
    'okr.strictness',
    'okr.trace.server',
  ]);
  assert.equal(pkg.contributes.configuration.properties['okr.trace.server'].scope, 'window');
});

test('the server, the CLI and the engine evaluate no text: no eval, new Function or vm; one child process, git without a shell', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(path.join(ROOT, 'server', 'src'));
  walk(path.join(ROOT, 'shared'));
  const git = path.join(ROOT, 'server', 'src', 'cli', 'git.ts');
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(source, /\beval\(|new Function\(|node:vm|from 'vm'/, path.relative(ROOT, file));
    if (file !== git) assert.doesNotMatch(source, /child_process/, path.relative(ROOT, file));
  }
  // `okr report --since <ref>` runs git: with an argument list (execFile, never exec or a shell), and a
  // revision that cannot pass for an option.
  const source = readFileSync(git, 'utf8');
  assert.match(source, /import \{ execFile \} from 'node:child_process';/);
  assert.doesNotMatch(source, /\bexec\(|execSync|spawn|shell:/);
  assert.match(source, /execFile\('git', /);
  assert.match(source, /ref\.startsWith\('-'\)/);
});
