/** What the editor shows about an objective: a code lens line and a hover card. */
import type { CodeLens } from 'vscode-languageserver-types';
import { absolute, type Objective } from './model';
import { band, objectiveProgress, percent } from './progress';
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
      command: { title: lensTitle(workspace, o), command: '' },
    });
  }
  return out;
}

function lensTitle(workspace: Workspace, o: Objective): string {
  const parts = [percent(objectiveProgress(o)), `${o.keyResults.length} KR${o.keyResults.length === 1 ? '' : 's'}`];
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
export function objectiveHover(workspace: Workspace, o: Objective): string {
  const progress = objectiveProgress(o);
  const b = band(progress);
  const committed = o.type?.value === 'committed';
  const lines = [
    `**${markdownText(o.id?.value ?? '')}** ${markdownText(o.title?.value ?? '')}`.trim(),
    '',
    `Progress **${percent(progress)}**${b ? ` (${b})` : ''} · ${committed ? 'committed: expected to reach 100%' : 'aspirational: 70% is a good score'}`,
  ];
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
