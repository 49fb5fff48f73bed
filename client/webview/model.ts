/**
 * What the tree shows, as plain data: the alignment tree turned into the visible nodes of a view
 * (alignment or tenet), with filters and collapsed nodes applied. Only expanded nodes have children,
 * so the renderer never builds what the user cannot see.
 */
import type {
  AlignmentTree,
  PreviewState,
  PreviewView,
  TrackingStatus,
  TreeKeyResult,
  TreeObjective,
  TreeTenet,
} from '../../shared/protocol';

/** The tenet filter's value for objectives with no tenet, or one that names no known tenet. */
export const UNASSIGNED = ':unassigned';

export type Filters = PreviewState['filters'];

export interface ObjectiveNode {
  readonly kind: 'objective';
  readonly key: string;
  readonly level: number;
  readonly objective: TreeObjective;
  /** Shown only because a descendant matches the filters. */
  readonly context: boolean;
  /** Whether the node has something to expand (key results, or children in the alignment view). */
  readonly expandable: boolean;
  readonly expanded: boolean;
  /** The alignment view shows rolled-up progress for objectives with children. */
  readonly rolledUp: boolean;
  readonly children: readonly VNode[];
}

export interface KeyResultNode {
  readonly kind: 'kr';
  readonly key: string;
  readonly level: number;
  readonly objective: TreeObjective;
  readonly index: number;
  readonly kr: TreeKeyResult;
  /** Shown with its objective, but without the status the filter asks for (drawn dimmed). */
  readonly context: boolean;
}

export interface TenetNode {
  readonly kind: 'tenet';
  readonly key: string;
  readonly level: number;
  /** Absent for the "Unassigned" group. */
  readonly tenet: TreeTenet | undefined;
  /** The tenet's objectives that pass the filters. */
  readonly objectives: readonly TreeObjective[];
  readonly expanded: boolean;
  readonly children: readonly VNode[];
}

export interface GapNode {
  readonly kind: 'gap';
  readonly key: string;
  readonly level: number;
  readonly tenet: TreeTenet;
}

export type VNode = ObjectiveNode | KeyResultNode | TenetNode | GapNode;

/** The tree with its lookups, built once per update. */
export class TreeIndex {
  readonly byId = new Map<string, TreeObjective>();
  readonly tenetIds: ReadonlySet<string>;
  /** Every objective once, roots first, then what only cycles reach. */
  readonly roots: readonly string[];

  constructor(readonly tree: AlignmentTree) {
    for (const o of tree.objectives) if (!this.byId.has(o.id)) this.byId.set(o.id, o);
    this.tenetIds = new Set(tree.tenets.map((t) => t.id));
    this.roots = this.allRoots();
  }

  /** The tenet an objective is grouped under, or undefined when it has none or names no known tenet. */
  tenetOf(o: TreeObjective): string | undefined {
    return o.tenet !== undefined && this.tenetIds.has(o.tenet) ? o.tenet : undefined;
  }

  /** The shallowest depth at which each objective appears in the alignment view (roots are 0). */
  depths(): Map<string, number> {
    const depth = new Map<string, number>();
    let level = this.roots.filter((r) => this.byId.has(r));
    for (const r of level) depth.set(r, 0);
    for (let d = 1; level.length > 0; d++) {
      const next: string[] = [];
      for (const id of level) {
        for (const c of this.byId.get(id)?.children ?? []) {
          if (depth.has(c) || !this.byId.has(c)) continue;
          depth.set(c, d);
          next.push(c);
        }
      }
      level = next;
    }
    return depth;
  }

  private allRoots(): string[] {
    const roots = this.tree.roots.filter((r) => this.byId.has(r));
    const reached = new Set<string>();
    const reach = (start: string) => {
      const stack = [start];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (reached.has(id)) continue;
        reached.add(id);
        for (const c of this.byId.get(id)?.children ?? []) if (this.byId.has(c)) stack.push(c);
      }
    };
    roots.forEach(reach);
    // Objectives that only a cycle reaches would otherwise never show: each becomes a root of its own.
    for (const o of this.byId.values()) {
      if (reached.has(o.id)) continue;
      roots.push(o.id);
      reach(o.id);
    }
    return roots;
  }
}

/**
 * How deep the tree starts expanded: the top-level objectives are open, so the tree shows depth 0
 * (with its key results) and depth 1; objectives at depth 1 and below start collapsed. A workspace of
 * thousands of objectives thus starts with only its top two levels in the DOM.
 */
export const DEFAULT_EXPANDED_DEPTH = 0;

/** Of these new ids, the ones that start collapsed. */
export function collapsedByDefault(index: TreeIndex, ids: Iterable<string>): string[] {
  const depths = index.depths();
  return [...ids].filter((id) => (depths.get(id) ?? 0) > DEFAULT_EXPANDED_DEPTH);
}

export function isFiltering(f: Filters): boolean {
  return Boolean(f.owner || f.tenet || f.team || f.text?.trim() || f.status);
}

/**
 * Whether an objective passes the filters (the tenet filter counts, unless `ignoreTenet`). The status
 * filter passes an objective whose own status is the one asked for, or that has a key result with it
 * ("which objectives have something behind?"): a match shows all its key results, those without the
 * status dimmed as context. Objectives above a match show as context, as for the other filters.
 */
export function matches(index: TreeIndex, o: TreeObjective, f: Filters, ignoreTenet = false): boolean {
  if (f.owner && o.owner !== f.owner) return false;
  if (f.team && o.team !== f.team) return false;
  if (f.tenet && !ignoreTenet && (index.tenetOf(o) ?? UNASSIGNED) !== f.tenet) return false;
  if (f.status && o.status !== f.status && !o.keyResults.some((kr) => kr.status === f.status)) return false;
  const text = f.text?.trim().toLowerCase();
  if (text && !o.id.toLowerCase().includes(text) && !o.title.toLowerCase().includes(text)) return false;
  return true;
}

export interface Expansion {
  /** Whether the node with this id (objective id or `tenet:` key) is expanded; `context` for filter context. */
  isExpanded(id: string, context: boolean): boolean;
}

export interface BuildOptions {
  readonly view: PreviewView;
  readonly filters: Filters;
  readonly expansion: Expansion;
}

export function buildNodes(index: TreeIndex, o: BuildOptions): VNode[] {
  return o.view === 'tenet' ? byTenet(index, o) : byAlignment(index, o);
}

function keyResults(objective: TreeObjective, key: string, level: number, filters: Filters): KeyResultNode[] {
  return objective.keyResults.map((kr, i) => ({
    kind: 'kr',
    key: `${key}#${i}`,
    level,
    objective,
    index: i,
    kr,
    context: filters.status !== undefined && kr.status !== filters.status,
  }));
}

function byAlignment(index: TreeIndex, { filters, expansion }: BuildOptions): VNode[] {
  const filtering = isFiltering(filters);
  const matched = new Map<string, boolean>();
  const subtreeMatches = new Map<string, boolean>();
  const isMatch = (o: TreeObjective) => {
    let m = matched.get(o.id);
    if (m === undefined) matched.set(o.id, (m = matches(index, o, filters)));
    return m;
  };
  // Whether the objective or anything below it passes the filters (a cycle's back edge counts as no).
  const visiting = new Set<string>();
  const anyMatch = (id: string): boolean => {
    const known = subtreeMatches.get(id);
    if (known !== undefined) return known;
    const o = index.byId.get(id);
    if (!o || visiting.has(id)) return false;
    visiting.add(id);
    const result = isMatch(o) || o.children.some(anyMatch);
    visiting.delete(id);
    subtreeMatches.set(id, result);
    return result;
  };

  const node = (id: string, parentKey: string, level: number, path: Set<string>): ObjectiveNode => {
    const o = index.byId.get(id)!;
    const key = `${parentKey}/${id}`;
    const context = filtering && !isMatch(o);
    const childIds = o.children.filter((c) => index.byId.has(c) && !path.has(c) && (!filtering || anyMatch(c)));
    const krs = context ? 0 : o.keyResults.length;
    const expandable = krs > 0 || childIds.length > 0;
    const expanded = expandable && expansion.isExpanded(id, context);
    let children: VNode[] = [];
    if (expanded) {
      path.add(id);
      children = [
        ...(context ? [] : keyResults(o, key, level + 1, filters)),
        ...childIds.map((c) => node(c, key, level + 1, path)),
      ];
      path.delete(id);
    }
    return {
      kind: 'objective',
      key,
      level,
      objective: o,
      context,
      expandable,
      expanded,
      rolledUp: o.children.length > 0,
      children,
    };
  };
  return index.roots.filter((r) => !filtering || anyMatch(r)).map((r) => node(r, 'a', 1, new Set([r])));
}

function byTenet(index: TreeIndex, { filters, expansion }: BuildOptions): VNode[] {
  const groups = new Map<string, TreeObjective[]>();
  const all = new Map<string, number>();
  for (const o of index.byId.values()) {
    const t = index.tenetOf(o) ?? UNASSIGNED;
    all.set(t, (all.get(t) ?? 0) + 1);
    if (!matches(index, o, filters, true)) continue;
    const list = groups.get(t) ?? [];
    list.push(o);
    groups.set(t, list);
  }
  const narrowing = Boolean(filters.owner || filters.team || filters.text?.trim() || filters.status);
  const objective = (o: TreeObjective, parentKey: string): ObjectiveNode => {
    const key = `${parentKey}/${o.id}`;
    const expandable = o.keyResults.length > 0;
    const expanded = expandable && expansion.isExpanded(o.id, false);
    return {
      kind: 'objective',
      key,
      level: 2,
      objective: o,
      context: false,
      expandable,
      expanded,
      rolledUp: false,
      children: expanded ? keyResults(o, key, 3, filters) : [],
    };
  };
  const group = (id: string, tenet: TreeTenet | undefined): TenetNode | undefined => {
    if (filters.tenet && filters.tenet !== id) return undefined;
    const objectives = groups.get(id) ?? [];
    const gap = tenet !== undefined && (all.get(id) ?? 0) === 0;
    // A tenet nobody serves is a gap worth seeing, unless the filters look for something else.
    if (objectives.length === 0 && !(gap && !narrowing)) return undefined;
    const key = `t:${id}`;
    const expanded = expansion.isExpanded(`tenet:${id}`, false);
    const children: VNode[] = !expanded
      ? []
      : gap
        ? [{ kind: 'gap', key: `${key}/gap`, level: 2, tenet: tenet! }]
        : objectives.map((o) => objective(o, key));
    return { kind: 'tenet', key, level: 1, tenet, objectives, expanded, children };
  };
  const nodes: VNode[] = [];
  const seen = new Set<string>();
  for (const t of index.tree.tenets) {
    // A tenet defined twice (a duplicate-id error) is grouped once, under its first definition.
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const g = group(t.id, t);
    if (g) nodes.push(g);
  }
  const unassigned = group(UNASSIGNED, undefined);
  if (unassigned) nodes.push(unassigned);
  return nodes;
}

/** Mean progress of the objectives that have one, or undefined. */
export function meanProgress(objectives: readonly TreeObjective[]): number | undefined {
  const values = objectives.map((o) => o.progress).filter((p): p is number => p !== undefined);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

/** A status in words: `not-started` → `not started`. */
export function statusText(status: TrackingStatus): string {
  return status.replace('-', ' ');
}

export { percent } from '../../shared/format';

/** Whether a range holds a 0-based line (a range ending at character 0 stops before its last line). */
export function holdsLine(
  range: { start: { line: number }; end: { line: number; character: number } },
  line: number,
): boolean {
  if (line < range.start.line) return false;
  return line < range.end.line || (line === range.end.line && range.end.character > 0);
}
