/**
 * Dates and periods: `2026-Q1`, `2026-H2`, `2026`, `FY27-Q1`, `FY2027-H1`, `FY27` and `{start, end}`,
 * read against the company's fiscal year (okr.config.yaml `fiscal_year`). Dates are ISO `YYYY-MM-DD`
 * strings and compare as strings; arithmetic goes through day numbers (days since 1970-01-01, UTC).
 */

/** A period as a date range (inclusive ISO dates). */
export interface DateRange {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

/** When the fiscal year starts, and which calendar year names it. */
export interface Calendar {
  /** 1 (January, the calendar year) to 12. */
  readonly startMonth: number;
  /**
   * `end`: FY27 is the fiscal year that ends in 2027 (GitLab, Microsoft, Salesforce); `start`: the one
   * that starts in 2027. Irrelevant when the year starts in January.
   */
  readonly namedBy: 'end' | 'start';
}

export const CALENDAR_YEAR: Calendar = { startMonth: 1, namedBy: 'end' };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid `YYYY-MM-DD` date, else undefined (2026-02-30 is not a date). */
export function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / DAY_MS;
}

export function isDate(date: string): boolean {
  return dayNumber(date) !== undefined;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date where the process runs (the user's calendar day, not UTC's). */
export function today(now = new Date()): string {
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `a` to `b` (negative when `b` is earlier); undefined for a malformed date. */
export function daysBetween(a: string, b: string): number | undefined {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x === undefined || y === undefined ? undefined : y - x;
}

const pad = (x: number) => String(x).padStart(2, '0');

/** The first day of month `month` (1-based, may run past 12 or below 1) of `year`. */
function firstOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

/** `months` months starting with the first day of `month` of `year`. */
function monthsFrom(year: number, month: number, months: number, label: string): DateRange {
  const start = firstOfMonth(year, month);
  const end = dateOf(dayNumber(firstOfMonth(year, month + months))! - 1);
  return { start, end, label };
}

const PERIOD = /^(?:(\d{4})|[Ff][Yy](\d{2}|\d{4}))(?:-([QqHh])([1-4]))?$/;

/**
 * The range a period names. A plain year (`2026-Q1`) and a fiscal one (`FY26-Q1`) both follow the
 * calendar: with the fiscal year starting in February and named by its end, both are 2025-02-01 to
 * 2025-04-30. Undefined for anything else (the schema reports it).
 */
export function periodRange(value: unknown, calendar: Calendar = CALENDAR_YEAR): DateRange | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return periodRange(String(value), calendar);
  if (typeof value === 'string') {
    const m = PERIOD.exec(value.trim());
    if (!m) return undefined;
    const year = m[1] ? Number(m[1]) : m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    const n = Number(m[4]);
    const part = m[3]?.toUpperCase();
    if (part === 'H' && n > 2) return undefined;
    const startMonth = calendar.startMonth >= 1 && calendar.startMonth <= 12 ? Math.floor(calendar.startMonth) : 1;
    // The calendar year in which fiscal year `year` starts.
    const startYear = startMonth === 1 || calendar.namedBy === 'start' ? year : year - 1;
    if (!part) return monthsFrom(startYear, startMonth, 12, value);
    const size = part === 'Q' ? 3 : 6;
    return monthsFrom(startYear, startMonth + (n - 1) * size, size, value);
  }
  if (value && typeof value === 'object') {
    const { start, end } = value as { start?: unknown; end?: unknown };
    if (typeof start === 'string' && typeof end === 'string' && isDate(start) && isDate(end))
      return { start, end, label: `${start}..${end}` };
  }
  return undefined;
}

/** Whether `inner` lies within `outer`. */
export function within(inner: DateRange, outer: DateRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
