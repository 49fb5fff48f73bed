// `okr report` in every format on the examples at a fixed date, --since a date and a git revision, and
// the errors it gives for bad dates and revisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../server/src/cli/report';
import { mfaFile, runOkr } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');

const run = (args: string[], cwd = ROOT) => runOkr(args, cwd);

async function jsonReport(args: string[], cwd = ROOT): Promise<Report> {
  const r = await run(['report', '--format', 'json', ...args], cwd);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Report;
}

const krOf = (report: Report, id: string) => report.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id)!;

test('json: the documented shape, with progress and expected as 0..1 numbers', async () => {
  const report = await jsonReport(['--at', '2026-02-20', 'examples']);
  assert.equal(report.asOf, '2026-02-20');
  assert.equal(report.since, undefined);
  const sec1 = report.objectives.find((o) => o.id === 'SEC-1')!;
  assert.deepEqual(Object.keys(sec1).sort(), [
    'expected',
    'file',
    'id',
    'keyResults',
    'progress',
    'status',
    'team',
    'title',
  ]);
  // SEC-1.1: (42 - 31) / (60 - 31) = 0.379 against 51/90 = 0.567, four check-ins, the latest confidence 0.5.
  const kr = krOf(report, 'SEC-1.1');
  assert.deepEqual(Object.keys(kr).sort(), ['checkins', 'confidence', 'expected', 'id', 'progress', 'status', 'title']);
  assert.ok(Math.abs(kr.progress! - 11 / 29) < 1e-9);
  assert.ok(Math.abs(kr.expected! - 51 / 90) < 1e-9);
  assert.equal(kr.status, 'behind');
  assert.equal(kr.confidence, 0.5);
  assert.equal(kr.checkins, 4);
  assert.equal(krOf(report, 'SEC-2.2').status, 'at-risk');
  assert.equal(krOf(report, 'SEC-1.3').status, 'done');
  assert.equal(sec1.file, path.join('examples', 'security.okr.yaml'));
  for (const o of report.objectives)
    for (const p of [o, ...o.keyResults]) {
      for (const x of [p.progress, p.expected]) assert.ok(x === null || (x >= 0 && x <= 1));
    }
});

test('md: a table per objective with progress, expected, status and confidence; the change since a date', async () => {
  const { code, out } = await run(['report', '--at', '2026-02-20', '--since', '2026-02-06', 'examples']);
  assert.equal(code, 0);
  assert.match(out, /^# OKR status on 2026-02-20\n/);
  assert.match(out, /change since 2026-02-06/);
  assert.match(out, /^## SEC-1 Make account takeover a non-event for our customers$/m);
  assert.match(out, /^\| Key result \| Progress \| Expected \| Status \| Confidence \| Since 2026-02-06 \|$/m);
  // SEC-1.1 moved from 39 (2026-02-06) to 42: 3/29 = 10 points. SEC-1.2 from 150 (its check-in of 2026-01-26) to 85: 65/200 = 33 points.
  assert.match(out, /^\| SEC-1\.1 Raise active customer accounts .* \| 38% \| 57% \| behind \| 0\.5 \| \+10 pts \|$/m);
  assert.match(out, /^\| SEC-1\.2 Cut successful logins .* \| 68% \| 57% \| on track \| 0\.6 \| \+33 pts \|$/m);
  // A key result with no check-ins has no history to compare with.
  assert.match(out, /^\| APPSEC-1\.1 .* \| – \|$/m);
  // After the period: scores.
  const after = await run(['report', '--at', '2026-04-02', 'examples']);
  assert.match(after.out, /^\| SEC-1\.1 .* \| 38% \| 100% \| score 0\.38 \| 0\.5 \|$/m);
});

test('html: one offline page with the tables, status classes and a burn-up chart per key result', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-report-'));
  try {
    const file = path.join(dir, 'status.html');
    const { code } = await run(['report', '--format', 'html', '--at', '2026-02-20', '-o', file, 'examples']);
    assert.equal(code, 0);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /<h2 id="o-SEC-1">SEC-1 Make account takeover a non-event for our customers<\/h2>/);
    assert.match(html, /<span class="status status-behind">behind<\/span>/);
    const chart =
      /<svg class="burnup" role="img" aria-label="Burn-up of SEC-1\.1: 4 check-ins, the latest 38% on 2026-02-19; 57% expected"[^]*?<\/svg>/.exec(
        html,
      );
    assert.ok(chart, 'SEC-1.1 has its chart');
    // The start and four check-ins.
    assert.equal(
      (/d="([^"]+)"/.exec(chart[0].slice(chart[0].indexOf('burnup-actual')))![1].match(/[ML]/g) ?? []).length,
      5,
    );
    assert.match(chart[0], /class="burnup-today"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--since a git revision: the files as they were there', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-report-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  try {
    const v1 = mfaFile('2026-Q1', ['current: 36']);
    writeFileSync(path.join(dir, 'team.okr.yaml'), v1);
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'last week');
    writeFileSync(path.join(dir, 'team.okr.yaml'), v1.replace('current: 36', 'current: 45'));
    const report = await jsonReport(['--at', '2026-02-14', '--since', 'HEAD', '.'], dir);
    assert.equal(report.since, 'HEAD');
    // (45 - 36) / 30 = 30 points.
    assert.ok(Math.abs(krOf(report, 'A.1').change! - 0.3) < 1e-9);
    const bad = await run(['report', '--since', 'no-such-branch', '.'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--since no-such-branch: not a date \(YYYY-MM-DD\) or a git revision this repository knows/);
    const option = await run(['report', '--since=--output=x', '.'], dir);
    assert.equal(option.code, 2);
    assert.match(option.err, /is not a git revision/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad dates and misplaced options exit 2 with a reason', async () => {
  const at = await run(['report', '--at', '2026-02-30', 'examples']);
  assert.equal(at.code, 2);
  assert.match(at.err, /--at takes a date written YYYY-MM-DD, not "2026-02-30"/);
  const since = await run(['report', '--since', '2026-13-01', 'examples']);
  assert.equal(since.code, 2);
  assert.match(since.err, /--since 2026-13-01 is not a date/);
  const lint = await run(['lint', '--since', '2026-01-01', 'examples']);
  assert.equal(lint.code, 2);
  assert.match(lint.err, /--since is an option of okr report/);
  const format = await run(['report', '--format', 'sarif', 'examples']);
  assert.equal(format.code, 2);
  assert.match(format.err, /unknown format "sarif" \(use md, html or json\)/);
});

test('lint --at: pace and staleness at that date', async () => {
  const { out } = await run(['lint', '--format', 'json', '--at', '2026-02-20', 'examples/security.okr.yaml']);
  const codes = (
    JSON.parse(out) as { files: { diagnostics: { code: string; message: string }[] }[] }
  ).files[0].diagnostics
    .filter((d) => d.code === 'behind-pace' || d.code === 'stale-checkin')
    .map((d) => d.message);
  assert.deepEqual(codes, [
    '`SEC-1.1` is behind: 38% done, 57% expected by 2026-02-20 (2026-Q1).',
    "`SEC-2.1` has had no check-in for 15 days (the last was on 2026-02-05): add this week's.",
    '`SEC-5.2` is behind: 73% done, 86% expected by 2026-02-20 (due 2026-02-28).',
  ]);
});
