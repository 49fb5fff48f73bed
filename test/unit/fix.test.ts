// okr lint --fix and --fix-dry-run, as ESLint's: the safe fixes of source.fixAll.okr until nothing
// changes, only changed files written (every other byte kept: BOM, CRLF, comments), what remains printed
// and deciding the exit code, and a second run changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runOkr } from '../helpers';

const BOM = '\uFEFF';
const BROKEN = [
  '# Security OKRs',
  'period: 2026-Q1',
  'objectives:',
  '  - id: SEC-1   # flagship',
  '    title: Make account takeover a non-event for our customers',
  '    owner: alice',
  '    tenet: secure-the-product',
  '    type: comitted',
  '    key_results:',
  '      - id: SEC-1.1',
  '        titel: Cut successful credential-stuffing logins from 220 to 20 a week',
  '        confidence: 70 # percent',
  '      - id: SEC-1.2',
  '        title: Cut the median days to patch critical CVEs from 30 to 7 days',
  '        owner: alice',
  '      - title: Implement SSO',
  '        done: false',
  '',
].join('\r\n');
// Renamed key and enum, percentage to share, baseline and target out of the titles (a second pass:
// the first renames `titel`, which only then is a title to read). The task stays: no safe fix for it.
const FIXED = BROKEN.replace('comitted', 'committed')
  .replace('titel:', 'title:')
  .replace(
    '20 a week\r\n        confidence: 70 # percent',
    '20 a week\r\n        baseline: 220\r\n        target: 20\r\n        confidence: 0.7 # percent',
  )
  .replace('7 days\r\n', '7 days\r\n        baseline: 30\r\n        target: 7\r\n        unit: days\r\n');
const CLEAN =
  'objectives:\n  - id: OK-1\n    title: Customers trust us with their source code\n    owner: alice\n    tenet: secure-the-product\n    key_results:\n      - title: SOC 2 Type II report issued with zero exceptions\n        done: false\n';

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-fix-'));
  writeFileSync(path.join(dir, 'sec.okr.yaml'), BOM + BROKEN);
  writeFileSync(path.join(dir, 'clean.okr.yaml'), CLEAN);
  // An old mtime: a file that is written again shows it.
  for (const f of ['sec.okr.yaml', 'clean.okr.yaml']) utimesSync(path.join(dir, f), 1_000_000, 1_000_000);
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  const mtime = (f: string) => statSync(path.join(dir, f)).mtimeMs;
  return { dir, read, mtime, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('--fix-dry-run writes nothing and gives each fixed text as "output" (json)', async () => {
  const t = setup();
  try {
    const { code, out } = await runOkr(['lint', '--fix-dry-run', '--format', 'json', '.'], t.dir);
    const json = JSON.parse(out) as { files: { path: string; output?: string; diagnostics: { code: string }[] }[] };
    const sec = json.files.find((f) => f.path === 'sec.okr.yaml')!;
    assert.equal(sec.output, FIXED);
    assert.equal(json.files.find((f) => f.path === 'clean.okr.yaml')!.output, undefined);
    // What remains after the fixes: the task, a warning (the schema errors are fixed).
    assert.deepEqual(
      sec.diagnostics.map((d) => d.code),
      ['task-key-result'],
    );
    assert.equal(code, 0);
    assert.equal(t.read('sec.okr.yaml'), BOM + BROKEN);
    assert.equal(t.mtime('sec.okr.yaml'), 1_000_000_000);
  } finally {
    t.done();
  }
});

test('--fix writes only the files that change, keeps every other byte, and a second run changes nothing', async () => {
  const t = setup();
  try {
    const before = await runOkr(['lint', '.'], t.dir);
    assert.equal(before.code, 1); // schema errors
    const first = await runOkr(['lint', '--fix', '.'], t.dir);
    assert.equal(first.code, 0, first.out);
    assert.equal(t.read('sec.okr.yaml'), BOM + FIXED);
    assert.equal(t.mtime('clean.okr.yaml'), 1_000_000_000, 'an unchanged file is not written');
    assert.match(first.out, /^sec\.okr\.yaml:21:16 +warning +A task, not an outcome/m);
    assert.match(first.out, /4 problems \(0 errors, 3 warnings/);
    utimesSync(path.join(t.dir, 'sec.okr.yaml'), 1_000_000, 1_000_000);
    const second = await runOkr(['lint', '--fix', '.'], t.dir);
    assert.equal(second.out, first.out);
    assert.equal(t.read('sec.okr.yaml'), BOM + FIXED);
    assert.equal(t.mtime('sec.okr.yaml'), 1_000_000_000, 'nothing to fix: not written');
  } finally {
    t.done();
  }
});

test('--fix leaves a file that is not valid UTF-8 untouched; the options belong to lint', async () => {
  const t = setup();
  try {
    const latin1 = Buffer.from(BROKEN.replace('# Security OKRs', '# S\u00e9curit\u00e9'), 'latin1');
    writeFileSync(path.join(t.dir, 'sec.okr.yaml'), latin1);
    const r = await runOkr(['lint', '--fix', '.'], t.dir);
    assert.equal(r.code, 1);
    assert.deepEqual(readFileSync(path.join(t.dir, 'sec.okr.yaml')), latin1);
    const tree = await runOkr(['tree', '--fix', '.'], t.dir);
    assert.equal(tree.code, 2);
    assert.match(tree.err, /--fix and --fix-dry-run are options of okr lint/);
    const both = await runOkr(['lint', '--fix', '--fix-dry-run', '.'], t.dir);
    assert.equal(both.code, 2);
  } finally {
    t.done();
  }
});
