/**
 * Pace and status at a date: one engine for the rules, hovers, code lenses, the preview and `okr report`
 * (docs/format.md, "Tracking"). Pure functions of a key result or objective, its file's period, the
 * date and the team's thresholds.
 */
import type { KeyResult, Objective } from './model';
import { clamp, isMilestone, latestCheckin, progressOf } from './progress';
import { CALENDAR_YEAR, dayNumber, type Calendar, type DateRange } from './period';

import type { TrackingStatus } from '../../../shared/protocol';
import { percent as pct, scoreText } from '../../../shared/format';

export type Status = TrackingStatus;

/** The team's thresholds and calendar (okr.config.yaml `tracking` and `fiscal_year`) and the date. */
export interface Tracking {
  /** A latest confidence below this is `at-risk`. */
  readonly atRiskBelow: number;
  /** Progress more than this below the expected is `behind`. */
  readonly behindBy: number;
  readonly calendar: Calendar;
  /** The date to judge at (`okr.asOf`, `--at`); the clock's date when absent. */
  readonly asOf?: string;
}

export const DEFAULT_TRACKING: Tracking = { atRiskBelow: 0.5, behindBy: 0.1, calendar: CALENDAR_YEAR };

export interface Pace {
  /** 0..1 at the date; undefined when it cannot be computed (no baseline or target). */
  readonly progress?: number;
  /** 0..1: the elapsed share of the span; undefined without a period. */
  readonly expected?: number;
  readonly confidence?: number;
  /** Undefined when neither the earlier statuses apply nor progress and expected are known. */
  readonly status?: Status;
  /** The period is over at the date. */
  readonly ended: boolean;
  /** After the period: progress, clamped to 0..1. */
  readonly score?: number;
  /** After the period: a committed key result (or objective) below 1.0. */
  readonly missed: boolean;
}

export interface KeyResultPace extends Pace {
  /** The value at the date (metrics). */
  readonly value?: number;
  /** The date of the latest check-in on or before the date. */
  readonly lastCheckin?: string;
  /** The span pace is measured over: the period, or the period's start to the key result's `due`. */
  readonly span?: DateRange;
}

export interface ObjectivePace extends Pace {
  readonly keyResults: readonly KeyResultPace[];
}

/** The span a key result is paced over: from the period's start to its `due` (when inside), else the period. */
export function spanOf(kr: KeyResult, period: DateRange | undefined): DateRange | undefined {
  if (!period) return undefined;
  const due = kr.due?.value;
  if (due && dayNumber(due) !== undefined && due >= period.start && due < period.end)
    return { start: period.start, end: due, label: `${period.start}..${due}` };
  return period;
}

/**
 * The elapsed share of a span by the end of `date`: 0 before it starts, 1 from its last day on.
 * Q1 2026 has 90 days, so on 2026-02-14 (day 45) it is 0.5.
 */
export function expectedAt(span: DateRange, date: string): number {
  const d = dayNumber(date)!;
  const start = dayNumber(span.start)!;
  const end = dayNumber(span.end)!;
  return clamp((d - start + 1) / (end - start + 1));
}

/**
 * What a key result says at `date`: its check-ins on or before the date, and `current`, `confidence`
 * and `done` when the date is on or after its latest check-in (they are the latest values).
 */
function readingsAt(kr: KeyResult, date: string) {
  const latest = latestCheckin(kr);
  const upToDate = !latest || date >= latest.date!.value;
  const then = upToDate ? latest : latestCheckin(kr, date);
  const value = (upToDate ? kr.current?.value : undefined) ?? then?.value?.value;
  const done = (upToDate ? kr.done?.value : undefined) ?? then?.done?.value;
  const confidence = (upToDate ? kr.confidence?.value : undefined) ?? then?.confidence?.value;
  return { value, done, confidence, lastCheckin: then?.date?.value };
}

export function keyResultPace(
  kr: KeyResult,
  period: DateRange | undefined,
  date: string,
  tracking: Tracking = DEFAULT_TRACKING,
  committed = false,
): KeyResultPace {
  const span = spanOf(kr, period);
  const r = readingsAt(kr, date);
  const milestone = isMilestone(kr);
  const ended = period ? date > period.end : false;
  let progress: number | undefined;
  let expected: number | undefined;
  let started: boolean;
  if (milestone) {
    progress = r.done ? 1 : 0;
    // A milestone is due on its last day: expected 0 until then, 1 after.
    expected = span ? (date > span.end ? 1 : 0) : undefined;
    started = r.done === true || r.lastCheckin !== undefined;
  } else {
    progress = progressOf(kr, r.value);
    expected = span ? expectedAt(span, date) : undefined;
    started = r.value !== undefined;
  }
  const status = statusOf(progress, expected, r.confidence, started, tracking);
  return {
    progress,
    expected,
    confidence: r.confidence,
    status,
    ended,
    score: ended ? progress : undefined,
    missed: ended && committed && (progress ?? 0) < 1,
    value: milestone ? undefined : r.value,
    lastCheckin: r.lastCheckin,
    span,
  };
}

function statusOf(
  progress: number | undefined,
  expected: number | undefined,
  confidence: number | undefined,
  started: boolean,
  tracking: Tracking,
): Status | undefined {
  if (progress !== undefined && progress >= 1) return 'done';
  if (!started) return 'not-started';
  if (confidence !== undefined && confidence < tracking.atRiskBelow) return 'at-risk';
  if (progress === undefined || expected === undefined) return undefined;
  // Rounded so that 0.45 against 0.55 with a tolerance of 0.1 is not behind by a float's error.
  if (Math.round((expected - progress) * 1e9) > Math.round(tracking.behindBy * 1e9)) return 'behind';
  return 'on-track';
}

const weightOf = (kr: KeyResult) => (kr.weight && kr.weight.value >= 0 ? kr.weight.value : 1);

/**
 * An objective's pace: the weighted means (weight defaults to 1) of its key results' progress, expected
 * progress and confidence. Done when every key result is; not started when none is.
 */
export function objectivePace(
  o: Objective,
  period: DateRange | undefined,
  date: string,
  tracking: Tracking = DEFAULT_TRACKING,
): ObjectivePace {
  const committed = o.type?.value === 'committed';
  const keyResults = o.keyResults.map((kr) => keyResultPace(kr, period, date, tracking, committed));
  const mean = (pick: (p: KeyResultPace) => number | undefined, also?: (p: KeyResultPace) => boolean) => {
    let sum = 0;
    let weights = 0;
    keyResults.forEach((p, i) => {
      const v = pick(p);
      if (v === undefined || (also && !also(p))) return;
      const w = weightOf(o.keyResults[i]);
      sum += w * v;
      weights += w;
    });
    return weights > 0 ? sum / weights : undefined;
  };
  const progress = mean((p) => p.progress);
  const expected = mean(
    (p) => p.expected,
    (p) => p.progress !== undefined,
  );
  const confidence = mean((p) => p.confidence);
  const ended = period ? date > period.end : false;
  let status: Status | undefined;
  if (keyResults.length && keyResults.every((p) => p.status === 'done')) status = 'done';
  else if (keyResults.length && keyResults.every((p) => p.status === 'not-started')) status = 'not-started';
  else if (keyResults.length) status = statusOf(progress, expected, confidence, true, tracking);
  return {
    progress,
    expected,
    confidence,
    status,
    ended,
    score: ended ? progress : undefined,
    missed: ended && committed && (progress ?? 0) < 1,
    keyResults,
  };
}

/** "behind: 41% of 55% expected", "on track: 62% of 55% expected", "done", "not started". */
export function describePace(p: Pace): string {
  if (p.ended && p.score !== undefined) return `score ${scoreText(p.score)}${p.missed ? ' (missed)' : ''}`;
  if (!p.status) return p.progress === undefined ? 'no progress yet' : `${pct(p.progress)}`;
  const label = p.status.replace('-', ' ');
  if (p.status === 'done' || p.status === 'not-started') return label;
  const parts = [label + ':'];
  if (p.progress !== undefined) parts.push(pct(p.progress));
  if (p.expected !== undefined) parts.push(`of ${pct(p.expected)} expected`);
  if (p.status === 'at-risk' && p.confidence !== undefined) parts.push(`(confidence ${p.confidence})`);
  return parts.join(' ');
}
