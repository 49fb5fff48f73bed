/** Progress and scores, as docs/format.md defines them. */
import type { Checkin, KeyResult, Objective } from './model';

export { percent } from '../../../shared/format';

export type Band = 'red' | 'yellow' | 'green';

/** The check-in with the latest date (the last written among equal dates), optionally on or before `date`. */
export function latestCheckin(kr: KeyResult, date?: string): Checkin | undefined {
  let best: Checkin | undefined;
  for (const c of kr.checkins) {
    const d = c.date?.value;
    if (d === undefined || (date !== undefined && d > date)) continue;
    if (!best || d >= best.date!.value) best = c;
  }
  return best;
}

/** A milestone: `done:` on the key result, or check-ins that record `done` and no `value`. */
export function isMilestone(kr: KeyResult): boolean {
  if (kr.done) return true;
  if (kr.baseline || kr.target || kr.current) return false;
  return kr.checkins.some((c) => c.done) && !kr.checkins.some((c) => c.value);
}

/** The latest value: `current`, else the latest check-in's. */
export function currentValue(kr: KeyResult): number | undefined {
  return kr.current?.value ?? latestCheckin(kr)?.value?.value;
}

/** Whether a milestone is done: `done`, else the latest check-in's. */
export function isDone(kr: KeyResult): boolean {
  return kr.done?.value ?? latestCheckin(kr)?.done?.value ?? false;
}

/** Progress from 0 to 1 of a value between baseline and target; undefined without both, or when they are equal. */
export function progressOf(kr: KeyResult, value: number | undefined): number | undefined {
  if (!kr.baseline || !kr.target) return undefined;
  const span = kr.target.value - kr.baseline.value;
  if (span === 0) return undefined;
  if (value === undefined) return 0;
  return clamp((value - kr.baseline.value) / span);
}

/** A key result's progress from 0 to 1, or undefined when it cannot be scored. */
export function keyResultProgress(kr: KeyResult): number | undefined {
  if (isMilestone(kr)) return isDone(kr) ? 1 : 0;
  return progressOf(kr, currentValue(kr));
}

/** The weighted mean of the key results that can be scored (weight defaults to 1). */
export function objectiveProgress(o: Objective): number | undefined {
  let sum = 0;
  let weights = 0;
  for (const kr of o.keyResults) {
    const p = keyResultProgress(kr);
    if (p === undefined) continue;
    const w = kr.weight && kr.weight.value >= 0 ? kr.weight.value : 1;
    sum += w * p;
    weights += w;
  }
  return weights > 0 ? sum / weights : undefined;
}

export function band(progress: number | undefined): Band | undefined {
  if (progress === undefined) return undefined;
  return progress < 0.4 ? 'red' : progress < 0.7 ? 'yellow' : 'green';
}

export function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}

export { periodRange, within, type DateRange } from './period';
