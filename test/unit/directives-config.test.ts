import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseConfig, resolveSettings, validateText } from '../../server/src/service';
import { main } from '../../server/src/cli/main';
import { brief, OBJECTIVE_HEAD } from '../helpers';

const TWO_TASKS = [
  ...OBJECTIVE_HEAD,
  '      - id: SEC-1.1',
  '        title: Implement SSO',
  '        done: false',
  '      - id: SEC-1.2',
  '        title: Hire two security engineers',
  '        done: false',
  '',
].join('\n');

const codesOf = (text: string) => validateText(text).map((d) => `${String(d.code)}@${d.range.start.line}`);

test('okr-disable-next-line silences the named rule on the next line only', () => {
  assert.deepEqual(codesOf(TWO_TASKS), ['task-key-result@7', 'task-key-result@10']);
  const text = TWO_TASKS.replace(
    '        title: Implement SSO',
    '        # okr-disable-next-line task-key-result -- the milestone is the honest result\n        title: Implement SSO',
  );
  assert.deepEqual(codesOf(text), ['task-key-result@11']);
});

test('okr-disable … okr-enable silences a region; without ids, every rule', () => {
  const region = TWO_TASKS.replace('    key_results:', '    # okr-disable task-key-result\n    key_results:').replace(
    '      - id: SEC-1.2',
    '      # okr-enable task-key-result\n      - id: SEC-1.2',
  );
  assert.deepEqual(codesOf(region), ['task-key-result@12']);
  const all = `# okr-disable\n${TWO_TASKS}`;
  assert.deepEqual(codesOf(all), []);
});

test('a directive that silences nothing is reported as unused-disable', () => {
  const text = TWO_TASKS.replace('    owner: alice', '    # okr-disable-next-line missing-owner\n    owner: alice');
  const unused = validateText(text).filter((d) => d.code === 'unused-disable');
  assert.deepEqual(unused.map(brief), [
    'unused-disable 3:4-3:41 This okr-disable-next-line comment silences nothing: no `missing-owner` problem on the next line.',
  ]);
  // A `#` inside a value is not a comment.
  assert.deepEqual(
    validateText(TWO_TASKS.replace('Make account', 'Make "# okr-disable" account')).filter(
      (d) => d.code === 'unused-disable',
    ),
    [],
  );
});

test('okr.config.yaml: severities, options and words, validated by its own schema', () => {
  const { config, findings } = parseConfig(
    [
      'rules:',
      '  task-key-result: off',
      '  key-result-count: {severity: error, min: 1, max: 3}',
      '  vague-objectiv: warning',
      'words:',
      '  taskVerbs: [sunset]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(findings.map(brief), [
    'schema 3:2-3:16 Unknown field `vague-objectiv` in rules; did you mean `vague-objective`?',
  ]);
  const settings = resolveSettings(config, undefined);
  assert.deepEqual(codesOf(TWO_TASKS), ['task-key-result@7', 'task-key-result@10']);
  assert.deepEqual(
    validateText(TWO_TASKS, { settings }).map((d) => d.code),
    [],
  );
  const sunset = TWO_TASKS.replace('Implement SSO', 'Sunset the legacy VPN');
  const withWords = resolveSettings({ words: { taskVerbs: ['sunset'] } }, undefined);
  assert.deepEqual(
    validateText(sunset, { settings: withWords }).map((d) => `${String(d.code)}@${d.range.start.line}`),
    ['task-key-result@7', 'task-key-result@10'],
  );
  // key-result-count options: 2 key results is above max 1.
  const strict = resolveSettings({ rules: { 'key-result-count': { severity: 'error', max: 1 } } }, undefined);
  const [d] = validateText(TWO_TASKS, { settings: strict }).filter((x) => x.code === 'key-result-count');
  assert.equal(d.severity, 1);
  assert.deepEqual(d.data, { count: 2, min: 2, max: 1 });
});

test('a rule setting that fails its schema is dropped whole, never half-applied', () => {
  const { config, findings } = parseConfig('rules:\n  key-result-count: {severity: error, max: four}\n');
  assert.equal(findings.length, 1);
  assert.deepEqual(config.rules, {});
  const settings = resolveSettings(config, undefined);
  assert.deepEqual(
    validateText(TWO_TASKS, { settings }).filter((d) => d.code === 'key-result-count'),
    [],
  );
});

test('client settings override the config file for severities', () => {
  const settings = resolveSettings({ rules: { 'task-key-result': 'off' } }, { rules: { 'task-key-result': 'error' } });
  assert.deepEqual(
    validateText(TWO_TASKS, { settings }).map((d) => [d.code, d.severity]),
    [
      ['task-key-result', 1],
      ['task-key-result', 1],
    ],
  );
});

test('the CLI finds the nearest okr.config.yaml and reports its problems', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-config-'));
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'teams', 'sec'), { recursive: true });
  writeFileSync(path.join(dir, 'okr.config.yaml'), 'rules:\n  task-key-result: off\n  bogus-rule: error\n');
  writeFileSync(path.join(dir, 'teams', 'sec', 'a.okr.yaml'), TWO_TASKS);
  let out = '';
  const io = { cwd: dir, out: (s: string) => (out += s), err: () => undefined, colour: false };
  const code = await main(['lint', '--format', 'json'], io);
  const files = JSON.parse(out).files as { path: string; diagnostics: { code: string; message: string }[] }[];
  assert.deepEqual(
    files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]),
    [
      [path.join('teams', 'sec', 'a.okr.yaml'), []],
      ['okr.config.yaml', ['schema']],
    ],
  );
  assert.match(files[1].diagnostics[0].message, /Unknown field `bogus-rule` in rules/);
  assert.equal(code, 1);
  // --config points elsewhere: here, at no rules at all.
  writeFileSync(path.join(dir, 'empty.yaml'), '');
  out = '';
  await main(['lint', '--format', 'json', '--config', 'empty.yaml'], io);
  assert.deepEqual(
    (JSON.parse(out).files as { diagnostics: { code: string }[] }[])[0].diagnostics.map((d) => d.code),
    ['task-key-result', 'task-key-result'],
  );
});

test('a `#` at the end of one line and `okr-disable` at the start of the next are not a directive (found by the fuzz test)', async () => {
  const { parseDirectives } = await import('../../server/src/service/directives');
  assert.deepEqual(parseDirectives('title: a #\nokr-disable-next-line task-key-result\n'), []);
  const [d] = parseDirectives('  #  okr-disable vague-objective -- why\n');
  assert.deepEqual(d.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 39 } });
});
