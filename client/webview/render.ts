/**
 * Renders the visible nodes into the tree and patches it on every update: one element per node, keyed
 * by its path (`data-key`), reused and updated in place, so scroll position, focus and expansion
 * survive. New subtrees are built detached and inserted in one go; nothing here reads layout.
 */
import { burnUpSvg } from '../../shared/burnup';
import { scoreText } from '../../shared/format';
import {
  TRACKING_STATUSES,
  type DiagnosticCounts,
  type ScoreBand,
  type TrackingStatus,
  type TreeKeyResult,
  type TreeObjective,
  type TreePace,
} from '../../shared/protocol';
import { el, setAttr, setText, show, toggleClass } from './dom';
import { meanProgress, percent, statusText, type VNode } from './model';

export interface RenderContext {
  readonly counts: DiagnosticCounts;
  /** The date statuses are judged at (the tree's `asOf`): the burn-up charts mark it. */
  readonly asOf?: string;
  /** A tenet's title for an id, or undefined when the id names no tenet. */
  tenetTitle(id: string): string | undefined;
  /** Whether objectives show their tenet (the alignment view) or are already grouped by it. */
  readonly showTenet: boolean;
}

/** Where each part of a row goes among its siblings (an index in PART_ORDER). */
const RANK = new WeakMap<Element, number>();

/** One rendered node: its `li[role=treeitem]`, its row, and its group of children when expanded. */
export class NodeView {
  readonly li: HTMLLIElement;
  readonly row: HTMLDivElement;
  readonly twisty: HTMLSpanElement;
  readonly title: HTMLSpanElement;
  group: HTMLUListElement | undefined;
  childKeys: readonly string[] = [];
  /** What the row shows, to skip updates where nothing changed. */
  signature = '';
  private readonly parts = new Map<string, HTMLElement>();

  constructor(public node: VNode) {
    this.li = el('li', `node ${node.kind}`);
    this.li.setAttribute('role', 'treeitem');
    this.li.tabIndex = -1;
    this.li.dataset.key = node.key;
    this.row = el('div', 'row');
    this.twisty = el('span', 'twisty');
    this.twisty.setAttribute('aria-hidden', 'true');
    this.title = el('span', 'title');
    RANK.set(this.twisty, PART_ORDER.indexOf('twisty'));
    RANK.set(this.title, PART_ORDER.indexOf('title'));
    this.row.append(this.twisty, this.title);
    this.li.append(this.row);
  }

  /** A part of the row, created on first use in its place; `parent` names the part it goes in. */
  part(name: string, className: string, parent?: string): HTMLElement {
    let p = this.parts.get(name);
    if (!p) {
      p = el('span', className);
      this.parts.set(name, p);
      const container = parent ? this.part(parent, parent) : this.row;
      // Parts keep one order (PART_ORDER) whatever order they were created in.
      const rank = PART_ORDER.indexOf(name);
      RANK.set(p, rank);
      let next = container.firstElementChild;
      while (next && (RANK.get(next) ?? -1) < rank) next = next.nextElementSibling;
      container.insertBefore(p, next);
    }
    return p;
  }

  /** A part that may not exist: set its text and show it, or hide it. */
  optional(name: string, className: string, text: string | undefined, parent?: string): HTMLElement | undefined {
    if (text === undefined || text === '') {
      const p = this.parts.get(name);
      if (p) show(p, false);
      return p;
    }
    const p = this.part(name, className, parent);
    setText(p, text);
    show(p, true);
    return p;
  }
}

/** The parts of a row, in their order. A row is a grid: these are its cells (and the badges' contents). */
const PART_ORDER = [
  'twisty',
  'code',
  'title',
  'meta',
  'badges',
  'status',
  'type',
  'errors',
  'warnings',
  'risk',
  'count',
  'chart',
  'bar',
  'percent',
  'rolled',
];

export class TreeRenderer {
  private readonly views = new Map<string, NodeView>();
  private rootKeys: readonly string[] = [];

  constructor(private readonly root: HTMLElement) {}

  /** Makes the tree show these nodes, reusing every element whose key is still there. */
  render(nodes: readonly VNode[], ctx: RenderContext): void {
    this.rootKeys = this.patchChildren(this.root, this.rootKeys, nodes, ctx);
  }

  view(key: string): NodeView | undefined {
    return this.views.get(key);
  }

  /** The node an element of the tree belongs to. */
  viewOf(target: EventTarget | null): NodeView | undefined {
    const li = target instanceof Element ? target.closest<HTMLElement>('[role="treeitem"]') : null;
    return li?.dataset.key !== undefined ? this.views.get(li.dataset.key) : undefined;
  }

  get size(): number {
    return this.views.size;
  }

  private patchChildren(
    container: HTMLElement,
    oldKeys: readonly string[],
    nodes: readonly VNode[],
    ctx: RenderContext,
  ): string[] {
    const keys = nodes.map((n) => n.key);
    const wanted = new Set(keys);
    for (const k of oldKeys) if (!wanted.has(k)) this.remove(k);
    let cursor = container.firstElementChild;
    // New elements at the end go in together, through one fragment.
    let tail: DocumentFragment | undefined;
    nodes.forEach((node, i) => {
      let view = this.views.get(node.key);
      if (!view || view.node.kind !== node.kind) {
        if (view) this.remove(node.key);
        view = new NodeView(node);
        this.views.set(node.key, view);
      }
      this.update(view, node, ctx, i, nodes.length);
      if (view.li === cursor) cursor = cursor.nextElementSibling;
      else if (cursor === null) (tail ??= document.createDocumentFragment()).append(view.li);
      else container.insertBefore(view.li, cursor);
    });
    if (tail) container.append(tail);
    return keys;
  }

  private remove(key: string): void {
    const view = this.views.get(key);
    if (!view) return;
    this.views.delete(key);
    for (const k of view.childKeys) this.forget(k);
    view.li.remove();
  }

  /** Drops a detached subtree's views (its elements go with their parent's). */
  private forget(key: string): void {
    const view = this.views.get(key);
    if (!view) return;
    this.views.delete(key);
    for (const k of view.childKeys) this.forget(k);
  }

  private update(view: NodeView, node: VNode, ctx: RenderContext, position: number, size: number): void {
    view.node = node;
    const li = view.li;
    setAttr(li, 'aria-level', String(node.level));
    setAttr(li, 'aria-posinset', String(position + 1));
    setAttr(li, 'aria-setsize', String(size));
    const signature = rowSignature(node, ctx);
    if (signature !== view.signature) {
      view.signature = signature;
      li.style.setProperty('--level', String(node.level - 1));
      if (node.kind === 'objective') objectiveRow(view, node.objective, node, ctx);
      else if (node.kind === 'kr') keyResultRow(view, node, ctx);
      else if (node.kind === 'tenet') tenetRow(view, node);
      else gapRow(view, node);
    }
    const children = 'children' in node ? node.children : [];
    const expandable = node.kind === 'objective' ? node.expandable : node.kind === 'tenet';
    setAttr(li, 'aria-expanded', expandable ? String('expanded' in node && node.expanded) : undefined);
    toggleClass(view.twisty, 'leaf', !expandable);
    if (children.length > 0) {
      if (!view.group) {
        view.group = el('ul', 'group');
        view.group.setAttribute('role', 'group');
        view.childKeys = this.patchChildren(view.group, [], children, ctx);
        li.append(view.group);
      } else view.childKeys = this.patchChildren(view.group, view.childKeys, children, ctx);
    } else if (view.group) {
      for (const k of view.childKeys) this.forget(k);
      view.childKeys = [];
      view.group.remove();
      view.group = undefined;
    }
  }
}

function rowSignature(node: VNode, ctx: RenderContext): string {
  switch (node.kind) {
    case 'objective': {
      const o = node.objective;
      const c = ctx.counts[o.id];
      return JSON.stringify([
        node.level,
        o.id,
        o.title,
        o.owner,
        o.team,
        ctx.showTenet && o.tenet !== undefined ? [o.tenet, ctx.tenetTitle(o.tenet)] : 0,
        o.type,
        o.progress,
        node.rolledUp ? o.rolledUp : null,
        o.score,
        o.status,
        o.expected,
        o.ended,
        o.missed,
        o.file,
        o.range.start.line,
        c?.errors,
        c?.warnings,
        c?.why,
        node.context,
      ]);
    }
    case 'kr':
      return JSON.stringify([
        node.level,
        node.objective.id,
        node.objective.file,
        node.index,
        node.kr,
        node.context,
        ctx.asOf,
      ]);
    case 'tenet':
      return JSON.stringify([
        node.level,
        node.tenet ?? null,
        node.objectives.length,
        meanProgress(node.objectives),
        node.children[0]?.kind === 'gap',
      ]);
    case 'gap':
      return JSON.stringify([node.level, node.tenet]);
  }
}

function band(progress: number | undefined): ScoreBand | undefined {
  if (progress === undefined) return undefined;
  return progress < 0.4 ? 'red' : progress < 0.7 ? 'yellow' : 'green';
}

const BANDS = ['score-red', 'score-yellow', 'score-green', 'score-none'];

function setBand(li: HTMLElement, score: ScoreBand | undefined): void {
  const wanted = `score-${score ?? 'none'}`;
  for (const b of BANDS) toggleClass(li, b, b === wanted);
}

const STATUS_CLASSES = TRACKING_STATUSES.map((s) => `status-${s}`);

/** The node's status as a class (`status-behind`), which sets `--status`, the colour of its pill and chart. */
function setStatus(li: HTMLElement, status: TrackingStatus | undefined): void {
  const wanted = status && `status-${status}`;
  for (const c of STATUS_CLASSES) toggleClass(li, c, c === wanted);
}

/**
 * The status pill, in words (colour is never the only signal): `behind`, `on track`; once the period is
 * over, the score and a missed commitment too (`behind · score 0.4 · missed`). Nothing without a status
 * or a score. Returns the sentence for the row's screen-reader label.
 */
function statusPill(view: NodeView, pace: TreePace, progress: number | undefined): string {
  setStatus(view.li, pace.status);
  const score = pace.ended && progress !== undefined ? scoreText(progress) : undefined;
  const missed = score !== undefined && pace.missed === true;
  const status = pace.status && statusText(pace.status);
  const text = [status, score && `score ${score}`, missed ? 'missed' : ''].filter(Boolean).join(' · ');
  const measured = status && pace.status !== 'done' && pace.status !== 'not-started' && pace.expected !== undefined;
  const detail = [
    measured ? `${status}: ${percent(progress)} of ${percent(pace.expected)} expected` : status,
    score && `the period is over: score ${score}${missed ? ', a commitment missed' : ''}`,
  ]
    .filter(Boolean)
    .join('; ');
  const pill = view.optional('status', 'badge status', text, 'badges');
  if (pill) {
    toggleClass(pill, 'ended', score !== undefined);
    toggleClass(pill, 'missed', missed);
    setAttr(pill, 'title', text ? detail : undefined);
  }
  if (!text) return '';
  return status ? `Status ${detail}.` : `${detail[0].toUpperCase()}${detail.slice(1)}.`;
}

/** What each chart part shows (its markup), to parse only what changed. */
const CHART_MARKUP = new WeakMap<Element, string>();

/**
 * The key result's burn-up chart (shared/burnup.ts), when it has a span: the markup is parsed as SVG,
 * never as HTML, and every text in it is escaped there. Out of the tab order (tabindex -1) but for the
 * active tree item's chart, which keyboard.ts puts in it: Tab goes from a key result to its chart.
 */
function burnUpChart(view: NodeView, kr: TreeKeyResult, asOf: string | undefined): boolean {
  const markup = kr.span ? burnUpSvg(kr, { asOf }) : undefined;
  if (markup === undefined) {
    view.optional('chart', 'chart', undefined);
    return false;
  }
  const part = view.part('chart', 'chart');
  if (CHART_MARKUP.get(part) !== markup) {
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
      show(part, false);
      return false;
    }
    const chart = document.importNode(svg, true);
    chart.setAttribute('tabindex', view.li.tabIndex === 0 ? '0' : '-1');
    part.replaceChildren(chart);
    CHART_MARKUP.set(part, markup);
  }
  show(part, true);
  return true;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The progress cells: a bar (one element, drawn from --p and --r, the rolled-up mark), the percent as
 * text, and the rolled-up percent when there is one.
 */
function progressCells(view: NodeView, progress: number | undefined, rolledUp: number | undefined | null): void {
  const bar = view.part('bar', 'bar');
  const fraction = (p: number | undefined) => `${Math.round(Math.min(1, Math.max(0, p ?? 0)) * 1000) / 10}%`;
  bar.style.setProperty('--p', fraction(progress));
  setAttr(bar, 'aria-hidden', 'true');
  setText(view.part('percent', 'percent'), percent(progress));
  const hasRolled = rolledUp !== null && rolledUp !== undefined;
  toggleClass(bar, 'with-rolled', hasRolled);
  if (hasRolled) bar.style.setProperty('--r', fraction(rolledUp));
  const rolled = rolledUp === null ? undefined : `rolled up ${percent(rolledUp)}`;
  view.optional('rolled', 'rolled', rolled);
  setAttr(bar, 'title', rolled ? `${percent(progress)} own progress, ${rolled}` : `${percent(progress)} progress`);
}

/** The line under the title: parts joined by a dot. */
function meta(view: NodeView, parts: readonly (string | undefined)[]): void {
  view.optional('meta', 'meta', parts.filter((p) => p !== undefined && p !== '').join('  ·  '));
}

function objectiveRow(view: NodeView, o: TreeObjective, node: VNode & { kind: 'objective' }, ctx: RenderContext): void {
  const li = view.li;
  li.dataset.id = o.id;
  li.dataset.file = o.file;
  li.dataset.line = String(o.range.start.line);
  setBand(li, o.score);
  toggleClass(li, 'context', node.context);
  setText(view.part('code', 'code'), o.id);
  setText(view.title, o.title);
  const tenetTitle = ctx.showTenet && o.tenet !== undefined ? (ctx.tenetTitle(o.tenet) ?? o.tenet) : undefined;
  meta(view, [o.owner === undefined ? undefined : `@${o.owner}`, o.team, tenetTitle && `◆ ${tenetTitle}`]);
  const type = view.part('type', `badge type ${o.type}`, 'badges');
  type.className = `badge type ${o.type}`;
  setText(type, o.type);
  const c = ctx.counts[o.id];
  view.optional('errors', 'badge errors', c?.errors ? plural(c.errors, 'error') : undefined, 'badges');
  const warnings = view.optional(
    'warnings',
    'badge warnings',
    c?.warnings ? plural(c.warnings, 'warning') : undefined,
    'badges',
  );
  // Why the language rules warned, on hover (and in the row's label, for screen readers).
  if (warnings) setAttr(warnings, 'title', c?.why?.length ? c.why.join('\n') : undefined);
  const status = statusPill(view, o, o.progress);
  const rolled = node.rolledUp ? o.rolledUp : null;
  progressCells(view, o.progress, rolled);
  const label = [
    `Objective ${o.id}: ${o.title}.`,
    `${percent(o.progress)} progress${rolled === null ? '' : `, ${percent(rolled)} rolled up`}, score ${o.score ?? 'none'}.`,
    status,
    o.owner ? `Owner ${o.owner}.` : '',
    o.team ? `Team ${o.team}.` : '',
    tenetTitle ? `Tenet ${tenetTitle}.` : '',
    `${o.type[0].toUpperCase()}${o.type.slice(1)}.`,
    c?.errors ? `${plural(c.errors, 'error')}.` : '',
    c?.warnings ? `${plural(c.warnings, 'warning')}.` : '',
    c?.why?.length ? `${c.why.join('. ')}.` : '',
    node.context ? 'Shown as context for a match below.' : '',
  ];
  setAttr(li, 'aria-label', label.filter(Boolean).join(' '));
}

/**
 * A metric's value at the date, as the engine reads it (server/src/service/pace.ts): `current` once the
 * date is past the latest check-in, else the value of the latest check-in up to the date.
 */
function valueAt(kr: TreeKeyResult, asOf: string | undefined): number | undefined {
  const checkins = kr.checkins ?? [];
  const latest = checkins[checkins.length - 1];
  const upToDate = !latest || asOf === undefined || asOf >= latest.date;
  const then = upToDate ? latest : checkins.filter((c) => c.date <= asOf).pop();
  return (upToDate ? kr.current : undefined) ?? then?.value;
}

/** A key result's measure in words: `now 5 · target 2 deals`, `now 78% · target 90%`, `done`. */
function measure(kr: TreeKeyResult, asOf: string | undefined): string | undefined {
  const unit = kr.unit ?? '';
  const current = valueAt(kr, asOf);
  const n = (v: number) => {
    const text = Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
    return unit === '%' ? `${text}%` : text;
  };
  const suffix = unit && unit !== '%' ? ` ${unit}` : '';
  if (current !== undefined && kr.target !== undefined) return `now ${n(current)} · target ${n(kr.target)}${suffix}`;
  if (kr.target !== undefined) return `target ${n(kr.target)}${suffix}`;
  if (kr.done !== undefined) return kr.done ? 'done' : 'not done';
  return undefined;
}

function keyResultRow(view: NodeView, node: VNode & { kind: 'kr' }, ctx: RenderContext): void {
  const { objective: o, kr, index } = node;
  const li = view.li;
  li.dataset.id = `${o.id}#${index}`;
  li.dataset.file = o.file;
  li.dataset.line = String(kr.range.start.line);
  setBand(li, kr.score);
  toggleClass(li, 'context', node.context);
  const status = statusPill(view, kr, kr.progress);
  toggleClass(li, 'has-chart', burnUpChart(view, kr, ctx.asOf));
  view.optional('code', 'code', kr.id);
  setText(view.title, kr.title);
  const confidence =
    kr.confidence === undefined
      ? undefined
      : `confidence ${kr.confidence >= 0 && kr.confidence <= 1 ? percent(kr.confidence) : kr.confidence}`;
  const measured = measure(kr, ctx.asOf);
  meta(view, [kr.owner === undefined ? undefined : `@${kr.owner}`, measured, confidence]);
  progressCells(view, kr.progress, null);
  const label = [
    `Key result${kr.id ? ` ${kr.id}` : ''}: ${kr.title}.`,
    `${percent(kr.progress)} progress, score ${kr.score ?? 'none'}.`,
    status,
    kr.owner ? `Owner ${kr.owner}.` : '',
    measured ? `${measured}.` : '',
    node.context ? 'Shown with its objective; it does not have the status filtered for.' : '',
  ];
  setAttr(li, 'aria-label', label.filter(Boolean).join(' '));
}

function riskText(risk: string | undefined): string | undefined {
  return risk ? `${risk} risk` : undefined;
}

function tenetRow(view: NodeView, node: VNode & { kind: 'tenet' }): void {
  const t = node.tenet;
  const li = view.li;
  const gap = node.objectives.length === 0;
  li.dataset.tenet = t?.id ?? '';
  if (t) {
    li.dataset.file = t.file;
    li.dataset.line = String(t.range.start.line);
  }
  toggleClass(li, 'unassigned', !t);
  toggleClass(li, 'has-gap', gap);
  const mean = meanProgress(node.objectives);
  setBand(li, band(mean));
  view.optional('code', 'code', t?.id);
  setText(view.title, t ? (t.title ?? t.id) : 'Unassigned');
  meta(view, [t ? t.description : 'Objectives with no tenet, or with one that names no tenet']);
  const risk = view.optional('risk', 'badge risk', riskText(t?.risk), 'badges');
  if (risk) risk.className = `badge risk risk-${t?.risk === 'actual' || t?.risk === 'perceived' ? t.risk : 'other'}`;
  const count = view.part('count', 'badge count', 'badges');
  toggleClass(count, 'gap-badge', gap);
  setText(count, gap ? 'gap' : plural(node.objectives.length, 'objective'));
  progressCells(view, mean, null);
  const label = [
    t ? `Tenet ${t.title ?? t.id}.` : 'Unassigned objectives.',
    riskText(t?.risk) ? `${riskText(t?.risk)}.` : '',
    gap
      ? 'No objective serves this tenet.'
      : `${plural(node.objectives.length, 'objective')}, mean progress ${percent(mean)}.`,
  ];
  setAttr(li, 'aria-label', label.filter(Boolean).join(' '));
}

function gapRow(view: NodeView, node: VNode & { kind: 'gap' }): void {
  const li = view.li;
  li.dataset.tenet = node.tenet.id;
  li.dataset.file = node.tenet.file;
  li.dataset.line = String(node.tenet.range.start.line);
  setText(view.title, 'No objective serves this tenet');
  setAttr(li, 'aria-label', `Gap: no objective serves the tenet ${node.tenet.title ?? node.tenet.id}.`);
}
