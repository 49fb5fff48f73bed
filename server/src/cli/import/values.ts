/**
 * Reading the values people type into spreadsheets and pages: numbers (with a unit or a percent sign, in
 * either decimal convention), confidences, dates and periods. Each reader returns undefined for what it
 * cannot read for certain; the caller reports it.
 */
import { isDate } from '../../service/period';

export interface Quantity {
  readonly value: number;
  readonly unit?: string;
}

/** Rounds away binary noise (0.7 × 100 / 100 and the like) without changing any typed digit. */
export const tidy = (x: number): number => Number(x.toPrecision(12));

/**
 * "1,200", "12.5", "40%", "30 days", "-3"; with `decimalComma` (a `;`-separated file) "0,7" and "1.200,5".
 * In a comma-separated file a comma before exactly three digits groups thousands ("1,200" is 1200) and any
 * other comma is a decimal comma ("0,7": Google Sheets in a European locale quotes such cells).
 */
export function readQuantity(cell: string, decimalComma: boolean): Quantity | undefined {
  const m = /^([+-]?)(\d[\d.,\u00a0\u202f ]*?)\s*(%|[\p{L}][\p{L} ]*)?$/u.exec(cell.trim());
  if (!m) return undefined;
  const digits = m[2].replace(/[\u00a0\u202f ]/g, '');
  let plain: string | undefined;
  if (/^\d+$/.test(digits)) plain = digits;
  else if (decimalComma) {
    if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(digits)) plain = digits.replace(/\./g, '').replace(',', '.');
    else if (/^\d+,\d+$/.test(digits)) plain = digits.replace(',', '.');
    else if (/^\d+\.\d+$/.test(digits)) plain = digits;
  } else {
    if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(digits)) plain = digits.replace(/,/g, '');
    else if (/^\d+\.\d+$/.test(digits)) plain = digits;
    else if (/^\d+,\d+$/.test(digits)) plain = digits.replace(',', '.');
  }
  if (plain === undefined) return undefined;
  const value = Number(`${m[1]}${plain}`);
  const unit = m[3]?.trim();
  return unit ? { value, unit } : { value };
}

/** 0..1 as it is, "70%" or 70 (up to 100) as a share: 0.7. */
export function readConfidence(cell: string, decimalComma: boolean): number | undefined {
  const q = readQuantity(cell, decimalComma);
  if (!q || (q.unit !== undefined && q.unit !== '%') || q.value < 0) return undefined;
  if (q.unit === '%' || q.value > 1) return q.value <= 100 ? tidy(q.value / 100) : undefined;
  return q.value;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "March", "Mar", "Sept" → 3, 3, 9 (English names, at least three letters). */
function monthOf(name: string): number | undefined {
  const n = name.toLowerCase();
  const i = n.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(n)) : -1;
  return i >= 0 ? i + 1 : undefined;
}

function iso(year: string, month: number, day: number): string | undefined {
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isDate(date) ? date : undefined;
}

/**
 * A date as YYYY-MM-DD when only one reading is possible: year first (2026-03-31, 2026/3/31), a month
 * name (31 March 2026, Mar 31, 2026), dots (31.03.2026: only day-first locales write them), or slashes
 * when one of the first two numbers is over 12 (31/03/2026, 03/31/2026) or both are equal. 04/03/2026
 * (3 April or 4 March) is `ambiguous`; anything else is `unreadable`.
 */
export function readDate(cell: string): { date: string } | { error: 'ambiguous' | 'unreadable' } {
  const t = cell.trim().replace(/[T ]00:00(?::00(?:\.0+)?)?Z?$/, '');
  const found = (date: string | undefined) => (date ? { date } : { error: 'unreadable' as const });
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return found(iso(m[1], Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return found(iso(m[3], Number(m[2]), Number(m[1])));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) return found(iso(m[3], b, a));
    if (b > 12 && a <= 12) return found(iso(m[3], a, b));
    if (a === b) return found(iso(m[3], a, a));
    return a > 12 && b > 12 ? { error: 'unreadable' } : { error: 'ambiguous' };
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$/.exec(t);
  const dayFirst = m && monthOf(m[2]);
  if (m && dayFirst) return found(iso(m[3], dayFirst, Number(m[1])));
  m = /^([A-Za-z]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})$/.exec(t);
  const monthFirst = m && monthOf(m[1]);
  if (m && monthFirst) return found(iso(m[3], monthFirst, Number(m[2])));
  return { error: 'unreadable' };
}

/**
 * A period as the format writes it (2026-Q1, 2026-H2, 2026, FY27-Q1, FY27), also from "Q1 2026",
 * "2026 Q1", "Q1/2026", "FY27 Q1" and "Q1 FY27"; undefined for anything else.
 */
export function readPeriod(text: string): string | undefined {
  const t = text.trim().toUpperCase();
  const year = String.raw`(\d{4}|FY\d{2}|FY\d{4})`;
  const part = String.raw`([QH]\d)`;
  const valid = (y: string, p?: string) => (!p || /^(?:Q[1-4]|H[12])$/.test(p) ? (p ? `${y}-${p}` : y) : undefined);
  let m = new RegExp(`^${year}(?:[-\\s/]?${part})?$`).exec(t);
  if (m) return valid(m[1], m[2]);
  m = new RegExp(`^${part}[-\\s/]?${year}$`).exec(t);
  return m ? valid(m[2], m[1]) : undefined;
}

/** Runs of whitespace, line breaks included, as one space: a title is one line. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
