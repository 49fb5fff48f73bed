import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { importCommand, importCsv, importMarkdown } from '../../server/src/cli/import';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = 'test/fixtures/import';

async function run(args: { file: string; output?: string; period?: string; team?: string }, cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importCommand({ ...args, cwd }, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'okr-import-'));
}

test('without -o: the YAML on stdout (one write, no final newline), the summary on stderr, exit 0', async () => {
  const { code, out, err } = await run({ file: `${FIXTURES}/google-sheets.csv` });
  assert.equal(code, 0);
  const expected = importCsv(readFileSync(path.join(ROOT, FIXTURES, 'google-sheets.csv'), 'utf8'), 'google-sheets.csv');
  assert.deepEqual(out, [expected.yaml.replace(/\n$/, '')]);
  assert.deepEqual(err, [
    'okr: imported 2 objectives and 5 key results\nokr lint, this file alone: 0 errors, 4 warnings',
  ]);
});

test('-o writes the file and refuses to overwrite it (exit 2, the file untouched)', async () => {
  const dir = tempDir();
  try {
    const first = await run({ file: path.join(ROOT, FIXTURES, 'posthog.md'), output: 'teams/analytics.okr.yaml' }, dir);
    assert.equal(first.code, 1, 'the page has two bullets outside any objective');
    assert.deepEqual(first.out, []);
    const written = readFileSync(path.join(dir, 'teams', 'analytics.okr.yaml'), 'utf8');
    const page = readFileSync(path.join(ROOT, FIXTURES, 'posthog.md'), 'utf8');
    assert.equal(written, importMarkdown(page, 'posthog.md').yaml);
    assert.ok(written.endsWith('\n'));
    const shown = path.relative(dir, path.join(ROOT, FIXTURES, 'posthog.md'));
    assert.deepEqual(first.err, [
      `${shown}:20: the bullet "Alice (lead)" is not under an objective (the heading above it, "Team" at line 18, is not one): not imported`,
      `${shown}:21: the bullet "Bob" is not under an objective (the heading above it, "Team" at line 18, is not one): not imported`,
      'okr: imported 2 objectives and 5 key results into teams/analytics.okr.yaml; 2 problems (above)\n' +
        'okr lint, this file alone: 0 errors, 2 warnings (okr lint teams/analytics.okr.yaml shows them)',
    ]);

    writeFileSync(path.join(dir, 'teams', 'analytics.okr.yaml'), 'mine\n');
    const again = await run({ file: path.join(ROOT, FIXTURES, 'posthog.md'), output: 'teams/analytics.okr.yaml' }, dir);
    assert.equal(again.code, 2);
    assert.deepEqual(again.out, []);
    assert.deepEqual(again.err, [
      'okr: teams/analytics.okr.yaml already exists: not overwritten (choose another name, or remove it first)',
    ]);
    assert.equal(readFileSync(path.join(dir, 'teams', 'analytics.okr.yaml'), 'utf8'), 'mine\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what could not be read: exit 1, each problem with its file and row, the rest still written', async () => {
  const dir = tempDir();
  try {
    const { code, err } = await run({ file: path.join(ROOT, FIXTURES, 'problems.csv'), output: 'out.yaml' }, dir);
    assert.equal(code, 1);
    const shown = path.relative(dir, path.join(ROOT, FIXTURES, 'problems.csv'));
    assert.deepEqual(err.slice(0, 3), [
      `${shown}: row 2: the key result "Orphan key result with no objective above" has no objective (its Objective cell is blank and no row above names one): not imported`,
      `${shown}: row 3: Target "TBD" is not a number: left out (kept in notes)`,
      `${shown}: row 3: Due "04/03/2026" could be day/month or month/day (write YYYY-MM-DD): left out (kept in notes)`,
    ]);
    assert.equal(err.length, 8);
    assert.equal(
      err[7],
      'okr: imported 1 objective and 2 key results into out.yaml; 7 problems (above)\n' +
        'okr lint, this file alone: 0 errors, 2 warnings (okr lint out.yaml shows them)\n' +
        'okr: okr lint and the editor read only *.okr.yaml files',
    );
    assert.match(readFileSync(path.join(dir, 'out.yaml'), 'utf8'), /title: Critical CVEs patched within 7 days\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--team and --period name the file and its ids; a period it cannot read is a usage error', async () => {
  const { code, out } = await run({ file: `${FIXTURES}/google-sheets.csv`, team: 'security', period: 'Q1 2026' });
  assert.equal(code, 0);
  assert.match(
    out[0],
    /^# Imported from google-sheets\.csv by okr import\.\nperiod: 2026-Q1\nteam: security\nobjectives:\n {2}- id: SECURITY-1\n/,
  );
  const bad = await run({ file: `${FIXTURES}/google-sheets.csv`, period: 'spring' });
  assert.deepEqual(bad, {
    code: 2,
    out: [],
    err: ['okr: --period takes a period such as 2026-Q1, 2026-H1, 2026 or FY27-Q1, not "spring"'],
  });
});

test('usage and I/O failures exit 2 with one line: unknown extension, missing file, a folder, not UTF-8', async () => {
  const dir = tempDir();
  try {
    mkdirSync(path.join(dir, 'sheet.csv'));
    writeFileSync(path.join(dir, 'latin1.csv'), Buffer.from('Objective,Key result\nR\xe9duire,x\n', 'latin1'));
    for (const [file, message] of [
      ['okrs.xlsx', 'okr: import reads .csv (or .tsv) and .md files, not okrs.xlsx'],
      ['nope.csv', 'okr: no such file: nope.csv'],
      ['sheet.csv', 'okr: sheet.csv is not a regular file'],
      ['latin1.csv', 'okr: latin1.csv is not UTF-8 text (in Excel, save it as "CSV UTF-8")'],
    ]) {
      const result = await run({ file, output: 'never.okr.yaml' }, dir);
      assert.deepEqual(result, { code: 2, out: [], err: [message] }, file);
    }
    assert.throws(() => readFileSync(path.join(dir, 'never.okr.yaml')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Excel's UTF-16 text (with its BOM) is read, tab-separated", async () => {
  const dir = tempDir();
  try {
    const text = '\uFEFFObjective\tKey result\tTarget\r\nShip safer code\tCritical findings from 12 to 0\t0\r\n';
    writeFileSync(path.join(dir, 'okrs.tsv'), Buffer.from(text, 'utf16le'));
    const { code, out } = await run({ file: 'okrs.tsv' }, dir);
    assert.equal(code, 0);
    assert.equal(
      out[0],
      [
        '# Imported from okrs.tsv by okr import.',
        'objectives:',
        '  - id: OKR-1',
        '    title: Ship safer code',
        '    key_results:',
        '      - id: OKR-1.1',
        '        title: Critical findings from 12 to 0',
        '        baseline: 12',
        '        target: 0',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
