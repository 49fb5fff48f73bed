/** Progress and scores, as docs/format.md defines them. */
import type { KeyResult, Objective } from './model';

export type Band = 'red' | 'yellow' | 'green';

/** A key result's progress from 0 to 1, or undefined when it cannot be scored. */
export function keyResultProgress(kr: KeyResult): number | undefined {
  if (kr.done) return kr.done.value ? 1 : 0;
  if (!kr.baseline || !kr.target) return undefined;
  const span = kr.target.value - kr.baseline.value;
  if (span === 0) return undefined;
  if (!kr.current) return 0;
  return clamp((kr.current.value - kr.baseline.value) / span);
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

export function percent(progress: number | undefined): string {
  return progress === undefined ? '–' : `${Math.round(progress * 100)}%`;
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** A period as a date range (inclusive ISO dates), from `2026-Q1`, `2026-H2`, `2026` or {start, end}. */
export interface DateRange {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

export function periodRange(value: unknown): DateRange | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return periodRange(String(value));
  if (typeof value === 'string') {
    const m = /^(\d{4})(?:-([QqHh])([1-4]))?$/.exec(value.trim());
    if (!m) return undefined;
    const year = m[1];
    if (!m[2]) return { start: `${year}-01-01`, end: `${year}-12-31`, label: value };
    const n = Number(m[3]);
    const months =
      m[2].toUpperCase() === 'Q' ? (n <= 4 ? [n * 3 - 2, n * 3] : undefined) : n <= 2 ? [n * 6 - 5, n * 6] : undefined;
    if (!months) return undefined;
    const pad = (x: number) => String(x).padStart(2, '0');
    const lastDay = new Date(Date.UTC(Number(year), months[1], 0)).getUTCDate();
    return { start: `${year}-${pad(months[0])}-01`, end: `${year}-${pad(months[1])}-${pad(lastDay)}`, label: value };
  }
  if (value && typeof value === 'object') {
    const { start, end } = value as { start?: unknown; end?: unknown };
    if (typeof start === 'string' && typeof end === 'string') return { start, end, label: `${start}..${end}` };
  }
  return undefined;
}

/** Whether `inner` lies within `outer`. */
export function within(inner: DateRange, outer: DateRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
