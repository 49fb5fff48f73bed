/**
 * Keyboard navigation in the tree (the WAI-ARIA tree pattern) with a roving tabindex: one item is in
 * the tab order; Up/Down move between visible items, Right expands or goes to the first child, Left
 * collapses or goes to the parent, Home/End go to the ends, Enter reveals, Space toggles. A key result's
 * burn-up chart is in the tab order while its item is active: Tab goes to it, Shift+Tab back, and the
 * arrows work from the chart as from its item.
 */
import type { NodeView, TreeRenderer } from './render';

export interface TreeActions {
  setExpanded(view: NodeView, expanded: boolean): void;
  reveal(view: NodeView): void;
}

export class Roving {
  private activeKey: string | undefined;
  private activeLi: HTMLElement | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly renderer: TreeRenderer,
    private readonly actions: TreeActions,
  ) {
    root.addEventListener('keydown', (e) => this.onKey(e));
    root.addEventListener('focusin', (e) => {
      const view = this.renderer.viewOf(e.target);
      if (view) this.activate(view.li);
    });
  }

  /** Whether the focus is in the tree (checked before a render that may remove the focused item). */
  hasFocus(): boolean {
    return this.root.contains(document.activeElement);
  }

  /** After a render: one item stays in the tab order, and keeps the focus if the tree had it. */
  settle(hadFocus: boolean): void {
    let key = this.activeKey;
    let view = key === undefined ? undefined : this.renderer.view(key);
    while (!view && key) {
      key = parentKey(key);
      view = key ? this.renderer.view(key) : undefined;
    }
    const li = view?.li ?? this.root.querySelector<HTMLElement>('[role="treeitem"]') ?? undefined;
    if (!li) {
      this.activeLi = undefined;
      return;
    }
    this.activate(li);
    if (hadFocus && !this.hasFocus()) li.focus();
  }

  focus(li: HTMLElement): void {
    this.activate(li);
    li.focus();
  }

  /** Puts the item in the tab order, and its chart (a key result's burn-up) after it; the old item leaves. */
  private activate(li: HTMLElement): void {
    if (this.activeLi && this.activeLi !== li) {
      this.activeLi.tabIndex = -1;
      setChartTab(this.activeLi, -1);
    }
    this.activeLi = li;
    this.activeKey = li.dataset.key;
    if (li.tabIndex !== 0) li.tabIndex = 0;
    // Also after a render that drew a new chart in the active item.
    setChartTab(li, 0);
  }

  private items(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const view = this.renderer.viewOf(e.target);
    if (!view) return;
    const li = view.li;
    const expanded = li.getAttribute('aria-expanded');
    let target: HTMLElement | null | undefined;
    switch (e.key) {
      case 'ArrowDown': {
        const items = this.items();
        target = items[items.indexOf(li) + 1];
        break;
      }
      case 'ArrowUp': {
        const items = this.items();
        target = items[items.indexOf(li) - 1];
        break;
      }
      case 'Home':
        target = this.items()[0];
        break;
      case 'End': {
        const items = this.items();
        target = items[items.length - 1];
        break;
      }
      case 'ArrowRight':
        if (expanded === 'false') this.actions.setExpanded(view, true);
        else if (expanded === 'true') target = view.group?.querySelector<HTMLElement>('[role="treeitem"]');
        break;
      case 'ArrowLeft':
        if (expanded === 'true') this.actions.setExpanded(view, false);
        else target = li.parentElement?.closest<HTMLElement>('[role="treeitem"]');
        break;
      case 'Enter':
        this.actions.reveal(view);
        break;
      case ' ':
        if (expanded !== null) this.actions.setExpanded(view, expanded === 'false');
        break;
      default:
        return;
    }
    e.preventDefault();
    if (target) this.focus(target);
  }
}

function setChartTab(li: HTMLElement, tabIndex: number): void {
  const chart = li.querySelector<SVGElement>(':scope > .row > .chart > svg');
  if (chart && chart.tabIndex !== tabIndex) chart.tabIndex = tabIndex;
}

/** The key of a node's parent: `a/X/Y` → `a/X`, `a/X#0` → `a/X`; undefined at the top. */
export function parentKey(key: string): string | undefined {
  const cut = Math.max(key.lastIndexOf('/'), key.lastIndexOf('#'));
  return cut > 0 ? key.slice(0, cut) : undefined;
}
