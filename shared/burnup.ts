/**
 * A key result's burn-up chart as inline SVG markup: its check-ins' progress over the span against the
 * expected line (0 at the start, 1 at the end), with today marked. One function for the preview (the
 * webview parses the markup) and `okr report --format html`, so both draw the same chart. Colours come
 * from classes (`burnup-*`) that each page themes; every text is escaped.
 */
import type { TreeKeyResult } from './protocol';
import { percent as pct } from './format';

export interface BurnUpOptions {
  readonly width?: number;
  readonly height?: number;
  /** The date to mark ("today"). */
  readonly asOf?: string;
}

const DAY = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The chart's one-line description (its accessible name): "Burn-up of SEC-1.1: 3 check-ins, the latest 50% on 2026-02-09; 55% expected". */
export function burnUpLabel(kr: TreeKeyResult): string {
  const points = (kr.checkins ?? []).filter((c) => c.progress !== undefined);
  const last = points[points.length - 1];
  const seen = last
    ? `${points.length} check-in${points.length === 1 ? '' : 's'}, the latest ${pct(last.progress!)} on ${last.date}`
    : 'no check-ins';
  const expected = kr.expected !== undefined && !kr.ended ? `; ${pct(kr.expected)} expected` : '';
  return `Burn-up of ${kr.id ?? kr.title}: ${seen}${expected}`;
}

/**
 * The chart, or undefined when there is nothing to draw it against (no span: the file has no period).
 * The x axis is the span in days; the y axis progress from 0 to 1.
 */
export function burnUpSvg(kr: TreeKeyResult, options: BurnUpOptions = {}): string | undefined {
  const span = kr.span;
  if (!span) return undefined;
  const width = options.width ?? 160;
  const height = options.height ?? 48;
  const pad = 4;
  const start = dayOf(span.start);
  const end = dayOf(span.end) + 1;
  if (!(end > start)) return undefined;
  const x = (date: string, endOfDay = true) =>
    pad +
    ((Math.min(end, Math.max(start, dayOf(date) + (endOfDay ? 1 : 0))) - start) / (end - start)) * (width - 2 * pad);
  const y = (p: number) => height - pad - Math.min(1, Math.max(0, p)) * (height - 2 * pad);
  const f = (n: number) => n.toFixed(1);
  const label = burnUpLabel(kr);
  const parts = [
    `<svg class="burnup" role="img" aria-label="${escapeXml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeXml(label)}</title>`,
    `<rect class="burnup-frame" x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="2"/>`,
    `<line class="burnup-expected" x1="${f(x(span.start, false))}" y1="${f(y(0))}" x2="${f(x(span.end))}" y2="${f(y(1))}"/>`,
  ];
  if (options.asOf && options.asOf >= span.start && options.asOf <= span.end) {
    const t = f(x(options.asOf));
    parts.push(`<line class="burnup-today" x1="${t}" y1="${pad}" x2="${t}" y2="${height - pad}"/>`);
  }
  const points = (kr.checkins ?? []).filter((c) => c.progress !== undefined);
  if (points.length) {
    // From the span's start at 0 (nothing done yet), then each check-in.
    const path = [
      `M${f(x(span.start, false))} ${f(y(0))}`,
      ...points.map((c) => `L${f(x(c.date))} ${f(y(c.progress!))}`),
    ];
    parts.push(`<path class="burnup-actual" d="${path.join(' ')}"/>`);
    for (const c of points) {
      const tip = `${c.date}: ${pct(c.progress!)}${c.value !== undefined ? ` (${c.value})` : ''}${c.confidence !== undefined ? `, confidence ${c.confidence}` : ''}${c.note ? `, ${c.note}` : ''}`;
      parts.push(
        `<circle class="burnup-point" cx="${f(x(c.date))}" cy="${f(y(c.progress!))}" r="2"><title>${escapeXml(tip)}</title></circle>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
