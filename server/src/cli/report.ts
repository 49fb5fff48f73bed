/**
 * `okr report`: the status meeting in one command. Built from the alignment tree (which carries each
 * objective's and key result's pace at the date), compared with the same tree at `--since` (a date:
 * the same files' check-ins then; a git revision: the files as they were there).
 */
import { burnUpSvg, escapeXml } from '../../../shared/burnup';
import { percent as pct, scoreText } from '../../../shared/format';
import type { AlignmentTree, TrackingStatus, TreeKeyResult, TreeObjective } from '../../../shared/protocol';

export interface ReportKeyResult {
  readonly id: string | null;
  readonly title: string;
  readonly progress: number | null;
  readonly expected: number | null;
  readonly status: TrackingStatus | null;
  readonly confidence: number | null;
  /** How many check-ins it has. */
  readonly checkins: number;
  /** Progress now minus progress at `since` (null: unknown: new since then, or no check-ins to tell). */
  readonly change?: number | null;
  readonly score?: number | null;
  readonly missed?: boolean;
}

export interface ReportObjective {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly team: string | null;
  readonly progress: number | null;
  readonly expected: number | null;
  readonly status: TrackingStatus | null;
  readonly change?: number | null;
  readonly score?: number | null;
  readonly missed?: boolean;
  readonly keyResults: readonly ReportKeyResult[];
}

export interface Report {
  readonly asOf: string;
  /** What `change` compares with: a date, or a git revision (as given). */
  readonly since?: string;
  readonly objectives: readonly ReportObjective[];
}

const num = (x: number | undefined): number | null => (x === undefined ? null : x);

/** A key result's key for matching across versions: its id, else its objective's id and position. */
const krKey = (o: TreeObjective, kr: TreeKeyResult, i: number) => kr.id ?? `${o.id}#${i}`;

/**
 * `then`: the tree to compare with. `fromCheckins`: it is the same files at an earlier date, so only key
 * results with check-ins have a history (the others' `current` says nothing about then).
 */
export function buildReport(
  tree: AlignmentTree,
  then?: { tree: AlignmentTree; label: string; fromCheckins?: boolean },
): Report {
  const before = new Map<string, number | undefined>();
  if (then)
    for (const o of then.tree.objectives) {
      before.set(`objective:${o.id}`, o.progress);
      o.keyResults.forEach((kr, i) => before.set(`kr:${krKey(o, kr, i)}`, kr.progress));
    }
  const change = (key: string, now: number | undefined, known = true) => {
    if (!then) return {};
    const was = before.get(key);
    return { change: !known || now === undefined || was === undefined ? null : now - was };
  };
  const hasHistory = (kr: TreeKeyResult) => !then?.fromCheckins || (kr.checkins?.length ?? 0) > 0;
  const ended = (p: { ended?: boolean; progress?: number; missed?: boolean }) =>
    p.ended ? { score: num(p.progress), missed: !!p.missed } : {};
  return {
    asOf: tree.asOf ?? '',
    ...(then ? { since: then.label } : {}),
    objectives: tree.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      file: o.file,
      team: o.team ?? null,
      progress: num(o.progress),
      expected: num(o.expected),
      status: o.status ?? null,
      ...change(`objective:${o.id}`, o.progress, o.keyResults.every(hasHistory)),
      ...ended(o),
      keyResults: o.keyResults.map((kr, i) => ({
        id: kr.id ?? null,
        title: kr.title,
        progress: num(kr.progress),
        expected: num(kr.expected),
        status: kr.status ?? null,
        confidence: num(kr.confidence),
        checkins: kr.checkins?.length ?? 0,
        ...change(`kr:${krKey(o, kr, i)}`, kr.progress, hasHistory(kr)),
        ...ended(kr),
      })),
    })),
  };
}

function changeText(x: number | null | undefined): string {
  if (x === undefined) return '';
  if (x === null) return '–';
  const points = Math.round(x * 100);
  return points === 0 ? '±0' : `${points > 0 ? '+' : '−'}${Math.abs(points)} pts`;
}

function statusText(p: { status: TrackingStatus | null; score?: number | null; missed?: boolean }): string {
  if (p.score !== undefined)
    return `score ${p.score === null ? '–' : scoreText(p.score)}${p.missed ? ' (missed)' : ''}`;
  return p.status ? p.status.replace('-', ' ') : '–';
}

function summary(report: Report): string {
  const counts = new Map<string, number>();
  for (const o of report.objectives)
    for (const kr of o.keyResults) counts.set(kr.status ?? 'unknown', (counts.get(kr.status ?? 'unknown') ?? 0) + 1);
  const order = ['on-track', 'behind', 'at-risk', 'not-started', 'done', 'unknown'];
  return order
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s.replace('-', ' ')}`)
    .join(' · ');
}

/** Text that cannot break a Markdown table or start a link, image or HTML. */
function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\r?\n|\r/g, ' ');
}

export function reportMarkdown(report: Report): string {
  const lines = [`# OKR status on ${report.asOf}`, ''];
  const since = report.since !== undefined;
  lines.push(
    `${report.objectives.length} objectives · key results: ${summary(report) || 'none'}${since ? ` · change since ${md(report.since!)}` : ''}`,
    '',
  );
  for (const o of report.objectives) {
    const head = [`${pct(o.progress)}`, o.expected !== null ? `${pct(o.expected)} expected` : '', statusText(o)]
      .filter(Boolean)
      .join(' · ');
    lines.push(
      `## ${md(o.id)} ${md(o.title)}`,
      '',
      `${head}${since ? ` · ${changeText(o.change)}` : ''} · ${md(o.file)}`,
      '',
    );
    if (!o.keyResults.length) {
      lines.push('No key results.', '');
      continue;
    }
    const header = [
      'Key result',
      'Progress',
      'Expected',
      'Status',
      'Confidence',
      ...(since ? [`Since ${md(report.since!)}`] : []),
    ];
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    for (const kr of o.keyResults) {
      const cells = [
        `${kr.id ? `${md(kr.id)} ` : ''}${md(kr.title)}`,
        pct(kr.progress),
        pct(kr.expected),
        statusText(kr),
        kr.confidence === null ? '–' : String(kr.confidence),
        ...(since ? [changeText(kr.change)] : []),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff;
  --green: #1a7f37; --yellow: #9a6700; --red: #cf222e; --blue: #0969da; --grey: #6e7781; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117;
  --green: #3fb950; --yellow: #d29922; --red: #f85149; --blue: #4493f8; --grey: #9198a1; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg);
  max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .25rem; }
.meta { color: var(--muted); margin: 0 0 .75rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
th.n, td.n { text-align: right; white-space: nowrap; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 999px; border: 1px solid currentColor; font-size: .85em; white-space: nowrap; }
.status-on-track, .status-done { color: var(--green); } .status-behind { color: var(--red); }
.status-at-risk { color: var(--yellow); } .status-not-started, .status-unknown { color: var(--grey); }
.missed { color: var(--red); }
.burnup { display: block; }
.burnup-frame { fill: none; stroke: var(--line); }
.burnup-expected { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
.burnup-today { stroke: var(--blue); stroke-width: 1; opacity: .7; }
.burnup-actual { fill: none; stroke: var(--green); stroke-width: 1.5; }
.burnup-point { fill: var(--green); }
`;

export function reportHtml(report: Report, tree: AlignmentTree, nonce: string): string {
  const krs = new Map<string, TreeKeyResult>();
  for (const o of tree.objectives) o.keyResults.forEach((kr, i) => krs.set(`${o.id}#${i}`, kr));
  const h = escapeXml;
  const since = report.since !== undefined;
  const status = (p: { status: TrackingStatus | null; score?: number | null; missed?: boolean }) =>
    `<span class="status status-${p.status ?? 'unknown'}${p.missed ? ' missed' : ''}">${h(statusText(p))}</span>`;
  const body: string[] = [
    `<h1>OKR status on ${h(report.asOf)}</h1>`,
    `<p class="meta">${report.objectives.length} objectives · key results: ${h(summary(report) || 'none')}${since ? ` · change since ${h(report.since!)}` : ''}</p>`,
  ];
  for (const o of report.objectives) {
    body.push(
      `<section aria-labelledby="o-${h(o.id)}">`,
      `<h2 id="o-${h(o.id)}">${h(o.id)} ${h(o.title)}</h2>`,
      `<p class="meta">${pct(o.progress)}${o.expected !== null ? ` of ${pct(o.expected)} expected` : ''} · ${status(o)}${since ? ` · ${h(changeText(o.change))}` : ''} · ${h(o.file)}</p>`,
    );
    if (o.keyResults.length) {
      body.push(
        '<table>',
        `<thead><tr><th>Key result</th><th class="n">Progress</th><th class="n">Expected</th><th>Status</th><th class="n">Confidence</th>${since ? `<th class="n">Since ${h(report.since!)}</th>` : ''}<th>Check-ins</th></tr></thead>`,
        '<tbody>',
      );
      o.keyResults.forEach((kr, i) => {
        const chart = burnUpSvg(krs.get(`${o.id}#${i}`)!, { asOf: report.asOf, width: 180, height: 44 }) ?? '';
        body.push(
          `<tr><td>${kr.id ? `<strong>${h(kr.id)}</strong> ` : ''}${h(kr.title)}</td><td class="n">${pct(kr.progress)}</td><td class="n">${pct(kr.expected)}</td><td>${status(kr)}</td><td class="n">${kr.confidence ?? '–'}</td>${since ? `<td class="n">${h(changeText(kr.change))}</td>` : ''}<td>${chart}</td></tr>`,
        );
      });
      body.push('</tbody>', '</table>');
    }
    body.push('</section>');
  }
  const n = h(nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OKR status on ${h(report.asOf)}</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
