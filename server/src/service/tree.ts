/** The alignment tree: what `okr/alignmentTree` returns and `okr tree` prints. */
import type { AlignmentTree, TreeCheckin, TreeKeyResult, TreeObjective } from '../../../shared/protocol';
import { absolute, type KeyResult, type Located } from './model';
import { band, isMilestone, percent, progressOf } from './progress';
import { objectivePace, type KeyResultPace, type Pace } from './pace';
import type { Workspace } from './workspace';

/** What the tree carries of a pace: the status and expected progress, and after the period the score. */
function paceFields(p: Pace) {
  return {
    ...(p.status ? { status: p.status } : {}),
    ...(p.expected !== undefined ? { expected: p.expected } : {}),
    ...(p.ended ? { ended: true, missed: p.missed } : {}),
  };
}

export function alignmentTree(workspace: Workspace, onlyUri?: string): AlignmentTree {
  const objectives: TreeObjective[] = [];
  const edges: { child: string; parent: string }[] = [];
  const asOf = workspace.asOf();
  for (const defs of workspace.objectives.values()) {
    const d = defs[0];
    const o = d.item;
    const parents = workspace.parents(d.id);
    for (const parent of parents) edges.push({ child: d.id, parent });
    const rolledUp = workspace.rolledUp(d.id);
    const tenetName = o.tenet?.value;
    // Progress at the tree's date: the latest values, or the check-ins up to an earlier `asOf`.
    const pace = objectivePace(o, workspace.period(d.uri), asOf, workspace.tracking);
    const progress = pace.progress;
    objectives.push({
      ...paceFields(pace),
      id: d.id,
      title: o.title?.value ?? d.id,
      owner: o.owner?.value,
      tenet: tenetName === undefined ? undefined : (workspace.tenet(tenetName)?.id ?? tenetName),
      type: o.type?.value === 'committed' ? 'committed' : 'aspirational',
      team: teamOf(workspace, d.uri),
      progress,
      rolledUp,
      score: band(progress),
      file: d.uri,
      range: absolute(d.loc, o.range),
      keyResults: o.keyResults.map((kr, i) => keyResultNode(d.loc, kr, pace.keyResults[i])),
      parents,
      children: workspace.children(d.id).map((c) => c.id),
    });
  }
  const order = (a: TreeObjective, b: TreeObjective) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line;
  objectives.sort(order);
  let shown = objectives;
  if (onlyUri) {
    // This file's objectives with everything above and below them.
    const keep = new Set<string>();
    const up = (id: string) => {
      if (keep.has(id)) return;
      keep.add(id);
      workspace.parents(id).forEach(up);
    };
    const down = (id: string) => {
      for (const c of workspace.children(id)) {
        if (keep.has(c.id)) continue;
        keep.add(c.id);
        down(c.id);
      }
    };
    for (const o of objectives) {
      if (o.file !== onlyUri) continue;
      up(o.id);
      down(o.id);
    }
    shown = objectives.filter((o) => keep.has(o.id));
  }
  const ids = new Set(shown.map((o) => o.id));
  const tenets = [...workspace.tenets.values()].map(([t]) => ({
    id: t.id,
    title: t.item.title?.value,
    description: t.item.description?.value,
    risk: t.item.risk?.value,
    file: t.uri,
    range: absolute(t.loc, t.item.range),
  }));
  return {
    tenets,
    objectives: shown,
    edges: edges.filter((e) => ids.has(e.child) && ids.has(e.parent)),
    roots: shown.filter((o) => o.parents.filter((p) => ids.has(p)).length === 0).map((o) => o.id),
    asOf,
  };
}

function keyResultNode(loc: Located, kr: KeyResult, pace: KeyResultPace): TreeKeyResult {
  const progress = pace.progress;
  const milestone = isMilestone(kr);
  const checkins: TreeCheckin[] = kr.checkins
    .filter((c) => c.date)
    .map((c) => ({
      date: c.date!.value,
      ...(c.value ? { value: c.value.value } : {}),
      ...(c.done ? { done: c.done.value } : {}),
      ...(c.confidence ? { confidence: c.confidence.value } : {}),
      ...(c.note ? { note: c.note.value } : {}),
      progress: milestone ? (c.done?.value ? 1 : 0) : progressOf(kr, c.value?.value),
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    ...paceFields(pace),
    id: kr.id?.value,
    title: kr.title?.value ?? kr.id?.value ?? '(untitled key result)',
    owner: kr.owner?.value,
    progress,
    score: band(progress),
    done: kr.done?.value,
    baseline: kr.baseline?.value,
    target: kr.target?.value,
    current: kr.current?.value,
    unit: kr.unit?.value,
    confidence: pace.confidence,
    range: absolute(loc, kr.range),
    checkins,
    ...(pace.span ? { span: { start: pace.span.start, end: pace.span.end } } : {}),
  };
}

function teamOf(workspace: Workspace, uri: string): string | undefined {
  const v = workspace.file(uri)?.model.team?.item.value;
  return typeof v === 'string' ? v : undefined;
}

/** An indented text tree, roots first; an objective with several parents appears under each. */
export function textTree(tree: AlignmentTree, relativePath: (uri: string) => string = (u) => u): string {
  const byId = new Map(tree.objectives.map((o) => [o.id, o]));
  const lines: string[] = [];
  const walk = (id: string, depth: number, path: Set<string>) => {
    const o = byId.get(id);
    if (!o) return;
    const pad = '  '.repeat(depth);
    const krs = `${o.keyResults.length} KR${o.keyResults.length === 1 ? '' : 's'}`;
    const own = percent(o.progress);
    const rolled = o.children.length ? ` (rolled up ${percent(o.rolledUp)})` : '';
    lines.push(
      `${pad}${o.id}  ${o.title}  ${own}${rolled} · ${krs}${o.type === 'committed' ? ' · committed' : ''}${o.owner ? ` · @${o.owner}` : ''}`,
    );
    for (const kr of o.keyResults) {
      lines.push(`${pad}    - ${kr.id ? `${kr.id} ` : ''}${kr.title}  ${percent(kr.progress)}`);
    }
    if (path.has(id)) return;
    path.add(id);
    for (const c of o.children) if (!path.has(c)) walk(c, depth + 1, path);
    path.delete(id);
  };
  const roots = tree.roots.length ? tree.roots : tree.objectives.slice(0, 1).map((o) => o.id);
  for (const r of roots) walk(r, 0, new Set());
  const files = [...new Set(tree.objectives.map((o) => o.file))].map(relativePath);
  lines.push(
    '',
    `${tree.objectives.length} objectives in ${files.length} file${files.length === 1 ? '' : 's'}, ${tree.roots.length} at the top.`,
  );
  return lines.join('\n');
}
