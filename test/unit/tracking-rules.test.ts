// behind-pace, stale-checkin, checkin-date and checkin-mismatch at fixed dates, and the config keys
// (fiscal_year, tracking) that move periods and thresholds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseSettings, parseConfig, resolveSettings, validateText } from '../../server/src/service';
import { brief, mfaFile, yaml } from '../helpers';

const TRACKING_CODES = new Set(['behind-pace', 'stale-checkin', 'checkin-date', 'checkin-mismatch']);

/** The tracking rules' diagnostics at `asOf`, with okr.config.yaml text when given. */
function tracked(text: string, asOf: string, config?: string): string[] {
  const parsed = config ? parseConfig(config) : undefined;
  if (parsed) assert.deepEqual(parsed.findings, []);
  const settings = resolveSettings(parsed?.config, { asOf });
  return validateText(text, { settings })
    .filter((d) => TRACKING_CODES.has(String(d.code)))
    .map(brief);
}

const FILE = yaml`
  period: 2026-Q1
  objectives:
    - id: SEC-1
      title: Make account takeover a non-event for our customers
      key_results:
        - id: SEC-1.1
          title: Raise active accounts protected by MFA or SSO from 30% to 60%
          baseline: 30
          target: 60
          checkins:
            - {date: 2026-01-12, value: 33}
            - {date: 2026-01-24, value: 36}
        - id: SEC-1.2
          title: Cut logins from credential-stuffing sources from 220 to 20 a week
          baseline: 220
          target: 20
          checkins:
            - {date: 2026-02-10, value: 120, confidence: 0.7}
`;

test('behind-pace and stale-checkin at a date inside the period; nothing after it or before it', () => {
  // 2026-02-14: expected 45/90 = 50%. SEC-1.1 at (36-30)/30 = 20%: behind; SEC-1.2 at 100/200 = 50%.
  // SEC-1.1's last check-in was 21 days before.
  assert.deepEqual(tracked(FILE, '2026-02-14'), [
    'behind-pace 6:15-6:76 `SEC-1.1` is behind: 20% done, 50% expected by 2026-02-14 (2026-Q1).',
    "stale-checkin 9:8-9:16 `SEC-1.1` has had no check-in for 21 days (the last was on 2026-01-24): add this week's.",
  ]);
  // 2026-02-07: 14 days since 2026-01-24 is not more than 14; SEC-1.2 has none, 37 days into the period.
  // SEC-1.1: 20% against 38/90 = 42%: behind.
  assert.deepEqual(tracked(FILE, '2026-02-07'), [
    'behind-pace 6:15-6:76 `SEC-1.1` is behind: 20% done, 42% expected by 2026-02-07 (2026-Q1).',
    "stale-checkin 16:8-16:16 `SEC-1.2` has had no check-in since the period started 37 days ago: add this week's.",
    'checkin-date 17:19-17:29 This check-in is dated 2026-02-10, after today (2026-02-07).',
  ]);
  assert.deepEqual(tracked(FILE, '2026-04-02'), []);
  // Before the period starts: no pace and no staleness (the check-ins are in its future).
  assert.deepEqual(
    tracked(FILE, '2025-12-20').map((d) => d.split(' ')[0]),
    ['checkin-date', 'checkin-date', 'checkin-date'],
  );
});

test("behind-pace: a due date inside the period, and the team's tolerance", () => {
  const text = FILE.replace(/( +)target: 60\n/, '$1target: 60\n$1due: 2026-02-28\n');
  // Expected 45/59 = 76% by a due of 2026-02-28.
  assert.deepEqual(
    tracked(text, '2026-02-14').filter((d) => d.startsWith('behind-pace')),
    ['behind-pace 6:15-6:76 `SEC-1.1` is behind: 20% done, 76% expected by 2026-02-14 (due 2026-02-28).'],
  );
  assert.deepEqual(
    tracked(FILE, '2026-02-14', 'tracking: {behind_by: 0.35}\n').filter((d) => d.startsWith('behind-pace')),
    [],
  );
  // at_risk_below: SEC-1.2's 0.7 is now at risk, which is not behind.
  assert.deepEqual(
    tracked(FILE.replace('value: 120', 'value: 200'), '2026-02-14', 'tracking: {at_risk_below: 0.8}\n').filter((d) =>
      d.startsWith('behind-pace'),
    ).length,
    1,
  );
});

test('stale-checkin: options, done key results, and files without check-ins', () => {
  assert.deepEqual(
    tracked(FILE, '2026-02-14', 'rules:\n  stale-checkin: {days: 30}\n').filter((d) => d.startsWith('stale')),
    [],
  );
  const noCheckins = yaml`
    period: 2026-Q1
    objectives:
      - id: A
        title: Make account takeover a non-event for our customers
        key_results:
          - title: Raise active accounts protected by MFA from 30% to 60%
            baseline: 30
            target: 60
            current: 50
  `;
  assert.deepEqual(tracked(noCheckins, '2026-02-14'), []);
  const done = FILE.replace('value: 36}', 'value: 60}');
  assert.deepEqual(tracked(done, '2026-02-14'), []);
});

test('checkin-date: order, future and period, one finding per check-in', () => {
  const text = mfaFile('2026-Q1', [
    'checkins:',
    '  - {date: 2025-12-20, value: 30}',
    '  - {date: 2026-01-24, value: 36}',
    '  - {date: 2026-01-10, value: 33}',
    '  - {date: 2026-01-24, value: 37}',
    '  - {date: 2026-03-01, value: 40}',
  ]);
  assert.deepEqual(
    tracked(text, '2026-02-14').filter((d) => d.startsWith('checkin-date')),
    [
      'checkin-date 10:19-10:29 This check-in (2025-12-20) lies outside the period 2026-Q1 (2026-01-01 to 2026-03-31).',
      'checkin-date 12:19-12:29 This check-in (2026-01-10) comes after one dated 2026-01-24: keep check-ins oldest first.',
      'checkin-date 13:19-13:29 `A.1` has two check-ins on 2026-01-24: keep one per day, the latest value.',
      'checkin-date 14:19-14:29 This check-in is dated 2026-03-01, after today (2026-02-14).',
    ],
  );
});

test('checkin-mismatch: current and confidence against the latest check-in, in one finding; the kind of value', () => {
  const text = yaml`
    objectives:
      - id: A
        title: Make account takeover a non-event for our customers
        key_results:
          - id: A.1
            title: Raise active accounts protected by MFA from 30% to 60%
            baseline: 30
            target: 60
            current: 42
            confidence: 0.9
            checkins:
              - {date: 2026-01-24, value: 36, confidence: 0.7}
              - {date: 2026-01-10, value: 33, done: true}
          - id: A.2
            title: SOC 2 Type II report issued with zero exceptions
            done: false
            checkins:
              - {date: 2026-01-24, value: 1}
  `;
  assert.deepEqual(
    tracked(text, '2026-02-14').filter((d) => d.startsWith('checkin-mismatch')),
    [
      "checkin-mismatch 8:17-8:19 `A.1`'s latest check-in (2026-01-24) disagrees with `current: 42` (check-in: 36), `confidence: 0.9` (check-in: 0.7): update one, or drop `current`/`confidence` and let the check-ins say it.",
      'checkin-mismatch 12:42-12:46 `A.1` is a metric: record `value` in its check-ins, not `done`.',
      'checkin-mismatch 17:31-17:36 `A.2` is a milestone: record `done: true|false` in its check-ins, not `value`.',
    ],
  );
  const agree = text.replace('current: 42', 'current: 36').replace('confidence: 0.9', 'confidence: 0.7');
  assert.equal(tracked(agree, '2026-02-14').filter((d) => d.includes('disagrees')).length, 0);
});

test('okr.config.yaml fiscal_year moves the period: FY27-Q1 from February', () => {
  const text = mfaFile('FY27-Q1', ['checkins:', '  - {date: 2026-02-02, value: 31}']);
  // With the fiscal year from February, FY27-Q1 is 2026-02-01..2026-04-30 and 2026-02-02 lies inside.
  assert.deepEqual(tracked(text, '2026-02-05', 'fiscal_year: {start_month: 2}\n'), []);
  // Without it, FY27-Q1 is 2027-01-01..2027-03-31: the check-in is outside.
  assert.deepEqual(tracked(text, '2026-02-05').length, 1);
  assert.deepEqual(
    resolveSettings(parseConfig('fiscal_year: {start_month: 4, named_by: start}\n').config, {}).tracking,
    {
      atRiskBelow: 0.5,
      behindBy: 0.1,
      calendar: { startMonth: 4, namedBy: 'start' },
    },
  );
  assert.deepEqual(
    parseConfig('fiscal_year: {start_month: 13}\ntracking: {behind_by: 2}\n').findings.map((f) => f.message),
    ['`start_month` must be at most 12.', '`behind_by` must be at most 1.'],
  );
  // okr.asOf that is not a date is ignored (the clock's date is used).
  assert.equal(normaliseSettings({ asOf: '2026-02-30' }).tracking.asOf, undefined);
});
