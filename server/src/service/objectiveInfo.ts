/** What the editor shows about an objective: a code lens line and a hover card. */
import type { CodeLens } from 'vscode-languageserver-types';
import { absolute, type KeyResult, type Objective } from './model';
import { band, isMilestone, objectiveProgress, percent, progressOf } from './progress';
import { describePace, keyResultPace, objectivePace, type Pace } from './pace';
import type { Workspace } from './workspace';

/** "62% · 3 KRs · aligned: 4 children" above each objective of a file. */
export function codeLenses(workspace: Workspace, uri: string): CodeLens[] {
  const model = workspace.file(uri)?.model;
  if (!model) return [];
  const out: CodeLens[] = [];
  for (const loc of model.objectives) {
    if (loc.item.kind !== 'objective') continue;
    const o = loc.item;
    const start = absolute(loc, o.range).start;
    out.push({
      range: { start, end: start },
      command: { title: lensTitle(workspace, uri, o), command: '' },
    });
  }
  return out;
}

/** The objective's pace in the code lens and hover, when its file has a period and it can be told. */
function paceOf(workspace: Workspace, uri: string, o: Objective): Pace | undefined {
  const period = workspace.period(uri);
  if (!period) return undefined;
  const date = workspace.asOf();
  if (date < period.start) return undefined;
  const pace = objectivePace(o, period, date, workspace.tracking);
  return pace.status || pace.score !== undefined ? pace : undefined;
}

function lensTitle(workspace: Workspace, uri: string, o: Objective): string {
  const pace = paceOf(workspace, uri, o);
  const parts = [
    pace ? describePace(pace) : percent(objectiveProgress(o)),
    `${o.keyResults.length} KR${o.keyResults.length === 1 ? '' : 's'}`,
  ];
  const children = o.id ? workspace.children(o.id.value).length : 0;
  if (children) {
    parts.push(`aligned: ${children} ${children === 1 ? 'child' : 'children'}`);
    parts.push(`rolled up ${percent(workspace.rolledUp(o.id!.value))}`);
  }
  return parts.join(' · ');
}

/**
 * Text from an OKR file, made inert in markdown: titles come from any file of the workspace, and
 * `![](https://…)` would load a remote image when hovered, `[text](url)` would make a link. Escaped
 * characters show as themselves. (VS Code already drops raw HTML and untrusted command links.)
 */
export function markdownText(s: string): string {
  return s.replace(/[\\`*_[\]()!<>#|~{}]/g, '\\$&').replace(/\r?\n|\r/g, ' ');
}

/** Markdown for hovering an objective's id or title: progress, band, parent chain, children. */
export function objectiveHover(workspace: Workspace, o: Objective, uri?: string): string {
  const progress = objectiveProgress(o);
  const b = band(progress);
  const committed = o.type?.value === 'committed';
  const lines = [
    `**${markdownText(o.id?.value ?? '')}** ${markdownText(o.title?.value ?? '')}`.trim(),
    '',
    `Progress **${percent(progress)}**${b ? ` (${b})` : ''} · ${committed ? 'committed: expected to reach 100%' : 'aspirational: 70% is a good score'}`,
  ];
  const pace = uri ? paceOf(workspace, uri, o) : undefined;
  if (pace) lines.push('', `Status on ${workspace.asOf()}: **${describePace(pace)}**`);
  if (o.id) {
    const rolled = workspace.rolledUp(o.id.value);
    if (workspace.children(o.id.value).length) lines.push(`Rolled up with aligned objectives: **${percent(rolled)}**`);
    const chain: string[] = [];
    const seen = new Set([o.id.value]);
    for (
      let parent = workspace.parents(o.id.value)[0];
      parent && !seen.has(parent);
      parent = workspace.parents(parent)[0]
    ) {
      seen.add(parent);
      const d = workspace.objective(parent)!;
      chain.push(`${markdownText(parent)} ${markdownText(d.item.title?.value ?? '')}`.trim());
    }
    if (chain.length) lines.push('', `Aligns to: ${chain.join(' → ')}`);
    const children = workspace.children(o.id.value);
    if (children.length) {
      lines.push('', `Aligned objectives (${children.length}):`);
      for (const c of children)
        lines.push(
          `- ${markdownText(c.id)} ${markdownText(c.item.title?.value ?? '')} · ${percent(objectiveProgress(c.item))}`,
        );
    }
  }
  return lines.join('\n');
}

const BARS = '▁▂▃▄▅▆▇█';

/** The check-ins' progress as a sparkline, oldest first: `▁▃▄▆`. Empty without check-ins. */
export function sparkline(kr: KeyResult): string {
  const milestone = isMilestone(kr);
  const dated = kr.checkins.filter((c) => c.date).sort((a, b) => (a.date!.value < b.date!.value ? -1 : 1));
  return dated
    .map((c) => (milestone ? (c.done?.value ? 1 : 0) : progressOf(kr, c.value?.value)))
    .filter((p): p is number => p !== undefined)
    .map((p) => BARS[Math.min(BARS.length - 1, Math.floor(p * BARS.length))])
    .join('');
}

/** Markdown for hovering a key result's id or title: status, expected against actual, confidence, trend. */
export function keyResultHover(workspace: Workspace, uri: string, o: Objective, kr: KeyResult): string {
  const period = workspace.period(uri);
  const date = workspace.asOf();
  const pace = keyResultPace(kr, period, date, workspace.tracking, o.type?.value === 'committed');
  const lines = [`**${markdownText(kr.id?.value ?? '')}** ${markdownText(kr.title?.value ?? '')}`.trim(), ''];
  const status = pace.ended ? describePace(pace) : (pace.status?.replace('-', ' ') ?? 'unknown');
  lines.push(`Status on ${date}: **${status}**`);
  const facts = [`progress ${percent(pace.progress)}`];
  if (pace.expected !== undefined && !pace.ended)
    facts.push(
      `expected ${percent(pace.expected)}${pace.span ? ` (${pace.span.label === period?.label ? period.label : `due ${pace.span.end}`})` : ''}`,
    );
  const unit = kr.unit ? (kr.unit.value === '%' ? '%' : ` ${markdownText(kr.unit.value)}`) : '';
  if (pace.value !== undefined) facts.push(`value ${pace.value}${unit}`);
  if (pace.confidence !== undefined) facts.push(`confidence ${pace.confidence}`);
  lines.push('', facts.join(' · '));
  const spark = sparkline(kr);
  if (spark) {
    const n = kr.checkins.length;
    lines.push(
      '',
      `Check-ins: ${spark} (${n}, the latest on ${pace.lastCheckin ?? kr.checkins[n - 1].date?.value ?? '–'})`,
    );
  }
  return lines.join('\n');
}
