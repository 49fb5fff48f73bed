/**
 * The preview: holds the tree, the view, the filters and the collapsed nodes, renders on every change,
 * saves its state with the host, and answers the host's messages (update, highlight).
 */
import type {
  AlignmentTree,
  DiagnosticCounts,
  PreviewState,
  PreviewView,
  ToWebview,
  TreeObjective,
} from '../../shared/protocol';
import { el, setText, show } from './dom';
import { Toolbar } from './filters';
import type { Host } from './host';
import { Roving } from './keyboard';
import {
  buildNodes,
  collapsedByDefault,
  holdsLine,
  isFiltering,
  TreeIndex,
  UNASSIGNED,
  type Expansion,
  type Filters,
  type VNode,
} from './model';
import { TreeRenderer, type NodeView } from './render';

const SCROLL_SAVE_MS = 150;

export interface InitialData {
  readonly tree: AlignmentTree;
  readonly counts: DiagnosticCounts;
  readonly title?: string;
}

export class App implements Expansion {
  private readonly toolbar: Toolbar;
  private readonly tree: HTMLUListElement;
  private readonly message: HTMLParagraphElement;
  private readonly renderer: TreeRenderer;
  private readonly roving: Roving;

  private index: TreeIndex | undefined;
  private counts: DiagnosticCounts = {};
  /** The version shown; the initial data of an export has none, so any update replaces it. */
  private version = -Infinity;
  private activeFile: string | undefined;
  private title: string | undefined;
  private view: PreviewView = 'alignment';
  private filters: Filters = {};
  private readonly collapsed = new Set<string>();
  /** Context nodes (shown for a match below) are open while filtering, unless collapsed here. */
  private readonly contextCollapsed = new Set<string>();
  /** Objective ids seen so far; new ones get the default expansion. Undefined before the first tree. */
  private known: Set<string> | undefined;
  private restored = false;
  private pendingScroll: number | undefined;
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;
  /** The scroll position as of the last scroll event (read there: reading it after a render forces layout). */
  private scrollTop = 0;
  private highlight: { readonly file: string; readonly line: number } | undefined;
  private highlighted: Element[] = [];

  constructor(
    private readonly host: Host,
    private readonly root: HTMLElement,
  ) {
    this.toolbar = new Toolbar({
      onView: (view) => this.setView(view),
      onFilters: (filters) => this.setFilters(filters),
    });
    this.tree = el('ul', 'tree');
    this.tree.setAttribute('role', 'tree');
    this.message = el('p', 'message');
    this.message.setAttribute('role', 'status');
    this.renderer = new TreeRenderer(this.tree);
    this.roving = new Roving(this.tree, this.renderer, {
      setExpanded: (view, expanded) => this.setExpanded(view, expanded),
      reveal: (view) => this.reveal(view),
    });
    this.tree.addEventListener('click', (e) => this.onClick(e));
  }

  start(initial: InitialData | undefined): void {
    const state = this.host.getState();
    if (state) {
      this.restored = true;
      this.view = state.view;
      this.filters = state.filters;
      for (const id of state.collapsed) this.collapsed.add(id);
      this.pendingScroll = state.scrollTop;
      this.scrollTop = state.scrollTop;
      this.activeFile = state.file;
    }
    this.root.append(this.toolbar.element, this.message, this.tree);
    this.toolbar.setView(this.view);
    this.toolbar.setFilters(this.filters);
    this.title = initial?.title;
    this.trackToolbarHeight();
    window.addEventListener('scroll', () => this.onScroll(), { passive: true });
    window.addEventListener('message', (e: MessageEvent<unknown>) => {
      if (isToWebview(e.data)) this.receive(e.data);
    });
    if (initial) this.show(initial.tree, initial.counts);
    else this.render();
    this.host.post({ type: 'ready' });
  }

  receive(message: ToWebview): void {
    if (message.type === 'update') {
      if (message.version < this.version) return;
      this.version = message.version;
      this.activeFile = message.activeFile;
      this.show(message.tree, message.counts);
      this.save();
    } else {
      this.highlight = { file: message.file, line: message.line };
      this.applyHighlight(true);
    }
  }

  isExpanded(id: string, context: boolean): boolean {
    return context ? !this.contextCollapsed.has(id) : !this.collapsed.has(id);
  }

  private show(tree: AlignmentTree, counts: DiagnosticCounts): void {
    const index = new TreeIndex(tree);
    const ids = [...index.byId.keys()];
    if (!this.known) {
      this.known = new Set(ids);
      // A restored state says what is collapsed; otherwise deep objectives start collapsed.
      if (!this.restored) for (const id of collapsedByDefault(index, ids)) this.collapsed.add(id);
    } else {
      const fresh = ids.filter((id) => !this.known!.has(id));
      for (const id of fresh) this.known.add(id);
      for (const id of collapsedByDefault(index, fresh)) this.collapsed.add(id);
    }
    // Forget what no longer exists, so the saved state does not grow while ids are being typed; an
    // objective that comes back (say, the panel follows another file and returns) starts afresh.
    for (const id of this.collapsed) {
      if (id.startsWith('tenet:') ? !isTenetKey(index, id) : !index.byId.has(id)) this.collapsed.delete(id);
    }
    this.known = new Set(ids);
    this.index = index;
    this.counts = counts;
    this.toolbar.setOptions(tree);
    this.render();
    if (this.pendingScroll !== undefined && tree.objectives.length > 0) {
      restoreScroll(this.pendingScroll);
      this.pendingScroll = undefined;
    }
  }

  private render(): void {
    const index = this.index;
    this.tree.setAttribute('aria-label', this.view === 'tenet' ? 'Objectives by tenet' : 'Objectives by alignment');
    this.tree.dataset.view = this.view;
    const hadFocus = this.roving.hasFocus();
    const nodes = index ? buildNodes(index, { view: this.view, filters: this.filters, expansion: this }) : [];
    const tenetTitles = new Map<string, string>();
    for (const t of index?.tree.tenets ?? []) if (!tenetTitles.has(t.id)) tenetTitles.set(t.id, t.title ?? t.id);
    this.renderer.render(nodes, {
      counts: this.counts,
      asOf: index?.tree.asOf,
      showTenet: this.view === 'alignment',
      tenetTitle: (id) => tenetTitles.get(id),
    });
    this.roving.settle(hadFocus);
    this.updateHeader(nodes);
    this.applyHighlight(false);
  }

  private updateHeader(nodes: readonly VNode[]): void {
    const index = this.index;
    const name = this.activeFile?.slice(this.activeFile.lastIndexOf('/') + 1);
    const title = this.title ?? 'OKR alignment';
    if (!index) {
      this.toolbar.setTitle(title, '');
      this.setMessage('Waiting for the OKR language server…');
      return;
    }
    const objectives = index.byId.size;
    const krs = index.tree.objectives.reduce((n, o) => n + o.keyResults.length, 0);
    const parts = [
      name ? decodeURIComponentSafe(name) : '',
      plural(objectives, 'objective'),
      plural(krs, 'key result'),
      plural(new Set(index.tree.tenets.map((t) => t.id)).size, 'tenet'),
    ];
    this.toolbar.setTitle(title, parts.filter(Boolean).join(' · '));
    if (objectives === 0) this.setMessage('No objectives yet: add one under "objectives:" in an .okr.yaml file.');
    else if (nodes.length === 0 && isFiltering(this.filters)) this.setMessage('Nothing matches these filters.');
    else this.setMessage(undefined);
  }

  private setMessage(text: string | undefined): void {
    setText(this.message, text ?? '');
    show(this.message, text !== undefined);
  }

  private setView(view: PreviewView): void {
    if (view === this.view) return;
    this.view = view;
    this.toolbar.setView(view);
    this.render();
    this.save();
  }

  private setFilters(filters: Filters): void {
    this.filters = filters;
    this.contextCollapsed.clear();
    this.render();
    this.save();
  }

  private setExpanded(view: NodeView, expanded: boolean): void {
    const node = view.node;
    let set = this.collapsed;
    let id: string;
    if (node.kind === 'objective') {
      id = node.objective.id;
      if (node.context) set = this.contextCollapsed;
    } else if (node.kind === 'tenet') id = `tenet:${node.tenet?.id ?? UNASSIGNED}`;
    else return;
    if (expanded) set.delete(id);
    else set.add(id);
    this.render();
    this.save();
  }

  /** Reveals the node's line in the editor; the export has no editor, so there it toggles the node. */
  private reveal(view: NodeView): void {
    if (this.host.kind === 'static') {
      if (view.li.hasAttribute('aria-expanded')) this.toggle(view);
      return;
    }
    const target = revealTarget(view.node);
    if (target) this.host.post({ type: 'reveal', ...target });
  }

  private toggle(view: NodeView): void {
    this.setExpanded(view, view.li.getAttribute('aria-expanded') !== 'true');
  }

  private onClick(e: MouseEvent): void {
    const view = this.renderer.viewOf(e.target);
    if (!view) return;
    const onTwisty = e.target instanceof Element && e.target.closest('.twisty') !== null;
    this.roving.focus(view.li);
    // The twisty toggles; the rest of the row reveals the line.
    if (onTwisty && view.li.hasAttribute('aria-expanded')) this.toggle(view);
    else this.reveal(view);
  }

  private onScroll(): void {
    this.scrollTimer ??= setTimeout(() => {
      this.scrollTimer = undefined;
      this.scrollTop = Math.round(window.scrollY);
      this.save();
    }, SCROLL_SAVE_MS);
  }

  private save(): void {
    const state: PreviewState = {
      view: this.view,
      filters: this.filters,
      collapsed: [...this.collapsed],
      scrollTop: this.scrollTop,
      file: this.activeFile,
    };
    this.host.setState(state);
  }

  /** Marks the deepest rendered node whose range holds the highlighted line. */
  private applyHighlight(scroll: boolean): void {
    for (const e of this.highlighted) e.classList.remove('highlighted');
    this.highlighted = [];
    const h = this.highlight;
    const index = this.index;
    if (!h || !index) return;
    const found = this.highlightTargets(index, h.file, h.line);
    for (const e of found) e.classList.add('highlighted');
    this.highlighted = found;
    if (scroll && found.length > 0) {
      // Scroll only when the row is out of sight (or under the toolbar), and only as far as needed.
      const row = found[0].querySelector(':scope > .row') ?? found[0];
      const r = row.getBoundingClientRect();
      const top = this.toolbar.element.getBoundingClientRect().bottom;
      if (r.top < top || r.bottom > window.innerHeight) {
        row.scrollIntoView({ block: 'nearest' });
        // Scroll offsets are whole pixels and rows need not be: a row that still ends a fraction of a
        // pixel below the fold goes up by that much more (when it fits).
        const after = row.getBoundingClientRect();
        const over = Math.ceil(after.bottom - window.innerHeight);
        if (over > 0 && after.top - over >= top) window.scrollBy(0, over);
      }
    }
  }

  private highlightTargets(index: TreeIndex, file: string, line: number): Element[] {
    const all = (selector: string) => [...this.tree.querySelectorAll(selector)];
    const byId = (id: string) => all(`[data-id="${CSS.escape(id)}"]`);
    let objective: TreeObjective | undefined;
    for (const o of index.byId.values()) {
      if (o.file !== file || !holdsLine(o.range, line)) continue;
      if (!objective || o.range.start.line >= objective.range.start.line) objective = o;
    }
    if (objective) {
      let kr = -1;
      objective.keyResults.forEach((k, i) => {
        if (holdsLine(k.range, line)) kr = i;
      });
      const krs = kr >= 0 ? byId(`${objective.id}#${kr}`) : [];
      if (krs.length > 0) return krs;
      // Not rendered (collapsed): the objective, or else its nearest rendered ancestors.
      let level = [objective.id];
      const seen = new Set(level);
      while (level.length > 0) {
        const found = level.flatMap(byId);
        if (found.length > 0) return found;
        const next: string[] = [];
        for (const id of level) {
          for (const p of index.byId.get(id)?.parents ?? []) {
            if (seen.has(p)) continue;
            seen.add(p);
            next.push(p);
          }
        }
        level = next;
      }
      return [];
    }
    const tenet = index.tree.tenets.find((t) => t.file === file && holdsLine(t.range, line));
    return tenet ? all(`.tenet[data-tenet="${CSS.escape(tenet.id)}"]`) : [];
  }

  /** Keeps `--toolbar-height` current, so that scrolling to a node never hides it under the toolbar. */
  private trackToolbarHeight(): void {
    if (typeof ResizeObserver === 'undefined') return;
    new ResizeObserver((entries) => {
      const height = entries[0]?.borderBoxSize?.[0]?.blockSize ?? this.toolbar.element.offsetHeight;
      document.documentElement.style.setProperty('--toolbar-height', `${Math.ceil(height)}px`);
    }).observe(this.toolbar.element);
  }
}

/**
 * Scrolls back to a saved position. Rows out of sight have an estimated height until they are first
 * rendered (content-visibility), so the position is checked again over the next few frames.
 */
function restoreScroll(top: number, frames = 4): void {
  if (Math.abs(window.scrollY - top) >= 1) window.scrollTo(0, top);
  if (frames > 0) requestAnimationFrame(() => restoreScroll(top, frames - 1));
}

function revealTarget(node: VNode): { file: string; line: number } | undefined {
  switch (node.kind) {
    case 'objective':
      return { file: node.objective.file, line: node.objective.range.start.line };
    case 'kr':
      return { file: node.objective.file, line: node.kr.range.start.line };
    case 'tenet':
    case 'gap':
      return node.tenet ? { file: node.tenet.file, line: node.tenet.range.start.line } : undefined;
  }
}

function isTenetKey(index: TreeIndex, key: string): boolean {
  const id = key.slice('tenet:'.length);
  return id === UNASSIGNED || index.tenetIds.has(id);
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isToWebview(data: unknown): data is ToWebview {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (m.type === 'update') {
    const tree = m.tree as Record<string, unknown> | undefined;
    return (
      typeof m.version === 'number' &&
      typeof tree === 'object' &&
      tree !== null &&
      Array.isArray(tree.objectives) &&
      Array.isArray(tree.tenets) &&
      Array.isArray(tree.roots) &&
      typeof m.counts === 'object' &&
      m.counts !== null
    );
  }
  return m.type === 'highlight' && typeof m.file === 'string' && typeof m.line === 'number';
}
