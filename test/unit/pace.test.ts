// Periods, expected progress, every status and the score, against values worked out by hand here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOkr } from '../../server/src/service';
import { dayNumber, periodRange, type Calendar } from '../../server/src/service/period';
import {
  describePace,
  expectedAt,
  keyResultPace,
  objectivePace,
  DEFAULT_TRACKING,
  type Tracking,
} from '../../server/src/service/pace';
import { keyResultProgress } from '../../server/src/service/progress';
import type { Objective } from '../../server/src/service/model';
import { yaml } from '../helpers';

/** Equal to within float error (sums of weighted shares). */
function near(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
}

const Q1 = periodRange('2026-Q1')!;
const feb: Calendar = { startMonth: 2, namedBy: 'end' };

function objective(text: string): Objective {
  const file = parseOkr(text);
  assert.deepEqual(
    file.findings.map((f) => f.message),
    [],
  );
  return file.model.objectives[0].item;
}

/** One objective whose key results are given as YAML lines under `key_results:`. */
function withKeyResults(krs: string, type = 'aspirational'): Objective {
  const indented = krs
    .split('\n')
    .map((l) => (l ? `      ${l}` : l))
    .join('\n');
  return objective(`objectives:\n  - id: O\n    title: t\n    type: ${type}\n    key_results:\n${indented}\n`);
}

test('calendar periods: quarters, halves, years and ranges, leap years included', () => {
  assert.deepEqual(periodRange('2026-Q1'), { start: '2026-01-01', end: '2026-03-31', label: '2026-Q1' });
  assert.deepEqual(periodRange('2024-Q1')?.end, '2024-03-31');
  assert.deepEqual(periodRange('2026-q4'), { start: '2026-10-01', end: '2026-12-31', label: '2026-q4' });
  assert.deepEqual(periodRange('2026-H2'), { start: '2026-07-01', end: '2026-12-31', label: '2026-H2' });
  assert.deepEqual(periodRange(2026), { start: '2026-01-01', end: '2026-12-31', label: '2026' });
  assert.deepEqual(periodRange({ start: '2026-02-01', end: '2026-04-30' }), {
    start: '2026-02-01',
    end: '2026-04-30',
    label: '2026-02-01..2026-04-30',
  });
  assert.equal(periodRange('2026-H3'), undefined);
  assert.equal(periodRange('2026-Q5'), undefined);
  assert.equal(periodRange({ start: '2026-02-30', end: '2026-04-30' }), undefined);
  // A fiscal name without a fiscal calendar is the calendar year.
  assert.deepEqual(periodRange('FY27-Q1'), { start: '2027-01-01', end: '2027-03-31', label: 'FY27-Q1' });
});

test('fiscal periods: named by the year they end (GitLab: FY27 = Feb 2026 to Jan 2027) or start', () => {
  assert.deepEqual(periodRange('FY27', feb), { start: '2026-02-01', end: '2027-01-31', label: 'FY27' });
  assert.deepEqual(periodRange('FY27-Q1', feb), { start: '2026-02-01', end: '2026-04-30', label: 'FY27-Q1' });
  assert.deepEqual(periodRange('FY2027-Q4', feb), { start: '2026-11-01', end: '2027-01-31', label: 'FY2027-Q4' });
  // 2027-Q1 means the same as FY27-Q1 once the company has a fiscal year.
  assert.deepEqual(periodRange('2027-Q1', feb)?.start, '2026-02-01');
  assert.deepEqual(periodRange('FY27-H2', feb), { start: '2026-08-01', end: '2027-01-31', label: 'FY27-H2' });
  // A fiscal year starting in December: Q1 of FY24 is Dec 2023 to Feb 2024, a leap February.
  const dec: Calendar = { startMonth: 12, namedBy: 'end' };
  assert.deepEqual(periodRange('FY24-Q1', dec), { start: '2023-12-01', end: '2024-02-29', label: 'FY24-Q1' });
  // Named by the year it starts in: FY26 = Jul 2026 to Jun 2027.
  assert.deepEqual(periodRange('FY26', { startMonth: 7, namedBy: 'start' }), {
    start: '2026-07-01',
    end: '2027-06-30',
    label: 'FY26',
  });
});

test('dates: real days only', () => {
  assert.equal(dayNumber('2024-02-29')! - dayNumber('2024-02-28')!, 1);
  assert.equal(dayNumber('2023-02-29'), undefined);
  assert.equal(dayNumber('2026-13-01'), undefined);
});

test('expected progress is the elapsed share of the period by the end of the day', () => {
  // Q1 2026 has 31 + 28 + 31 = 90 days; 2026-02-14 is day 31 + 14 = 45.
  assert.equal(expectedAt(Q1, '2026-02-14'), 45 / 90);
  assert.equal(expectedAt(Q1, '2026-01-01'), 1 / 90);
  assert.equal(expectedAt(Q1, '2026-03-31'), 1);
  assert.equal(expectedAt(Q1, '2025-12-31'), 0);
  assert.equal(expectedAt(Q1, '2026-06-01'), 1);
  // Q1 2024 has 91 days (leap year): 2024-02-29 is day 60.
  assert.equal(expectedAt(periodRange('2024-Q1')!, '2024-02-29'), 60 / 91);
});

test("a key result's own due date is the end of its span", () => {
  const o = withKeyResults(yaml`
    - title: a
      baseline: 0
      target: 100
      current: 50
      due: 2026-02-14
  `);
  // On 2026-01-22 (day 22 of the 45 days to Feb 14): expected 22 / 45.
  const p = keyResultPace(o.keyResults[0], Q1, '2026-01-22');
  assert.equal(p.expected, 22 / 45);
  assert.deepEqual(p.span, { start: '2026-01-01', end: '2026-02-14', label: '2026-01-01..2026-02-14' });
});

test('every status, in the order they apply', () => {
  const o = withKeyResults(yaml`
    - title: done metric
      baseline: 10
      target: 0
      current: 0
    - title: not started
      baseline: 0
      target: 100
    - title: at risk beats behind
      baseline: 0
      target: 100
      current: 5
      confidence: 0.4
    - title: behind
      baseline: 0
      target: 100
      current: 30
      confidence: 0.8
    - title: on track within the tolerance
      baseline: 0
      target: 100
      current: 40
    - title: done milestone
      done: true
  `);
  const at = '2026-02-14'; // expected 0.5
  const statuses = o.keyResults.map((kr) => keyResultPace(kr, Q1, at).status);
  assert.deepEqual(statuses, ['done', 'not-started', 'at-risk', 'behind', 'on-track', 'done']);
  // 0.3 against 0.5: behind by 0.2 (> 0.1). 0.4 against 0.5: by exactly the tolerance, on track.
  const behind = keyResultPace(o.keyResults[3], Q1, at);
  assert.equal(behind.progress, 0.3);
  assert.equal(describePace(behind), 'behind: 30% of 50% expected');
  // Thresholds are the team's.
  const strict: Tracking = { ...DEFAULT_TRACKING, behindBy: 0.05, atRiskBelow: 0.3 };
  assert.equal(keyResultPace(o.keyResults[4], Q1, at, strict).status, 'behind');
  assert.equal(keyResultPace(o.keyResults[2], Q1, at, strict).status, 'behind');
});

test('check-ins: the value and confidence at a date; current and confidence win from the latest check-in on', () => {
  const o = withKeyResults(yaml`
    - title: a
      baseline: 40
      target: 10
      checkins:
        - {date: 2026-01-10, value: 38, confidence: 0.8}
        - {date: 2026-01-31, value: 30, confidence: 0.6}
        - {date: 2026-02-14, value: 25, confidence: 0.4}
  `);
  const kr = o.keyResults[0];
  // (25 - 40) / (10 - 40) = 0.5 at the latest check-in; it is also the current value.
  assert.equal(keyResultProgress(kr), 0.5);
  assert.deepEqual(
    ['2026-01-05', '2026-01-20', '2026-02-01', '2026-03-01'].map((d) => {
      const p = keyResultPace(kr, Q1, d);
      return [p.value, p.confidence, p.status, p.lastCheckin];
    }),
    [
      [undefined, undefined, 'not-started', undefined],
      // 2/30 = 0.07 against 20/90 = 0.22: behind by more than 0.1.
      [38, 0.8, 'behind', '2026-01-10'],
      // 10/30 = 0.33 against 32/90 = 0.36: on track.
      [30, 0.6, 'on-track', '2026-01-31'],
      [25, 0.4, 'at-risk', '2026-02-14'],
    ],
  );
  const withCurrent = withKeyResults(yaml`
    - title: a
      baseline: 40
      target: 10
      current: 16
      confidence: 0.9
      checkins:
        - {date: 2026-01-31, value: 30, confidence: 0.6}
  `).keyResults[0];
  // (16 - 40) / (10 - 40) = 0.8 from the latest check-in on; the check-in's value before it.
  assert.equal(keyResultPace(withCurrent, Q1, '2026-02-14').progress, 0.8);
  assert.equal(keyResultPace(withCurrent, Q1, '2026-02-14').confidence, 0.9);
  assert.equal(keyResultPace(withCurrent, Q1, '2026-01-20').status, 'not-started');
});

test('milestones: behind only once due and not done', () => {
  const o = withKeyResults(yaml`
    - title: a
      done: false
      due: 2026-02-14
      checkins:
        - {date: 2026-01-15, done: false, confidence: 0.7}
  `);
  const kr = o.keyResults[0];
  assert.equal(keyResultPace(kr, Q1, '2026-01-10').status, 'not-started');
  assert.equal(keyResultPace(kr, Q1, '2026-02-14').status, 'on-track');
  assert.equal(keyResultPace(kr, Q1, '2026-02-15').status, 'behind');
  const done = withKeyResults(yaml`
    - title: b
      checkins:
        - {date: 2026-01-15, done: true}
  `).keyResults[0];
  assert.equal(keyResultProgress(done), 1);
  assert.equal(keyResultPace(done, Q1, '2026-01-20').status, 'done');
  assert.equal(keyResultPace(done, Q1, '2026-01-10').status, 'not-started');
});

test('after the period: the score, and committed key results below 1.0 missed', () => {
  const krs = yaml`
    - title: a
      baseline: 0
      target: 10
      current: 7
    - title: b
      baseline: 0
      target: 10
      current: 12
  `;
  const aspirational = objectivePace(withKeyResults(krs), Q1, '2026-04-01');
  assert.deepEqual(
    aspirational.keyResults.map((p) => [p.ended, p.score, p.missed]),
    [
      [true, 0.7, false],
      [true, 1, false],
    ],
  );
  assert.equal(aspirational.score, 0.85);
  assert.equal(aspirational.missed, false);
  const committed = objectivePace(withKeyResults(krs, 'committed'), Q1, '2026-04-01');
  assert.deepEqual(
    committed.keyResults.map((p) => p.missed),
    [true, false],
  );
  assert.equal(committed.missed, true);
  assert.equal(describePace(committed), 'score 0.85 (missed)');
  // On the last day the period is still running: no score yet.
  assert.equal(objectivePace(withKeyResults(krs), Q1, '2026-03-31').score, undefined);
});

test('objectives roll up with weights', () => {
  const o = withKeyResults(yaml`
    - title: a
      baseline: 0
      target: 100
      current: 20
      weight: 3
      confidence: 0.9
    - title: b
      baseline: 0
      target: 100
      current: 80
      confidence: 0.3
  `);
  const p = objectivePace(o, Q1, '2026-02-14');
  // progress (3 x 0.2 + 0.8) / 4 = 0.35; expected 0.5 for both; confidence (2.7 + 0.3) / 4 = 0.75.
  near(p.progress, 0.35);
  near(p.expected, 0.5);
  near(p.confidence, 0.75);
  assert.equal(p.status, 'behind');
  assert.equal(describePace(p), 'behind: 35% of 50% expected');
  const allDone = withKeyResults(yaml`
    - title: a
      done: true
    - title: b
      baseline: 1
      target: 2
      current: 2
  `);
  assert.equal(objectivePace(allDone, Q1, '2026-02-14').status, 'done');
  // Without a period nothing is expected, so behind and on track cannot be told apart.
  assert.equal(objectivePace(o, undefined, '2026-02-14').status, undefined);
});
