/**
 * The toolbar: the view toggle and the filters (owner, tenet, team, status, text). Built once; the
 * options of the selects follow the tree on every update, and a selected value stays even when it
 * disappears. The status filter shows only once the tree has statuses (a file with a period).
 */
import { TRACKING_STATUSES, type AlignmentTree, type PreviewView, type TrackingStatus } from '../../shared/protocol';
import { el, setAttr, setText, show } from './dom';
import { statusText, UNASSIGNED, type Filters } from './model';

export interface ToolbarEvents {
  onView(view: PreviewView): void;
  onFilters(filters: Filters): void;
}

interface Option {
  readonly value: string;
  readonly label: string;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly heading = el('h1', 'heading');
  private readonly summary = el('p', 'summary');
  private readonly viewButtons = new Map<PreviewView, HTMLButtonElement>();
  private readonly owner: HTMLSelectElement;
  private readonly tenet: HTMLSelectElement;
  private readonly team: HTMLSelectElement;
  private readonly status: HTMLSelectElement;
  private readonly text: HTMLInputElement;
  private readonly clear = el('button', 'clear', 'Clear filters');
  private filters: Filters = {};

  constructor(private readonly events: ToolbarEvents) {
    this.element = el('header', 'toolbar');
    const titles = el('div', 'titles');
    titles.append(this.heading, this.summary);
    this.summary.setAttribute('aria-live', 'polite');

    const views = el('div', 'views');
    views.setAttribute('role', 'group');
    views.setAttribute('aria-label', 'View');
    for (const [view, label] of [
      ['alignment', 'By alignment'],
      ['tenet', 'By tenet'],
    ] as const) {
      const b = el('button', 'view-button', label);
      b.type = 'button';
      b.dataset.view = view;
      b.addEventListener('click', () => this.events.onView(view));
      this.viewButtons.set(view, b);
      views.append(b);
    }

    const filters = el('div', 'filters');
    filters.setAttribute('role', 'search');
    this.owner = this.select('owner', 'Owner', filters);
    this.tenet = this.select('tenet', 'Tenet', filters);
    this.team = this.select('team', 'Team', filters);
    this.status = this.select('status', 'Status', filters);
    show(this.status.parentElement!, false);
    const textLabel = el('label', 'filter text-filter');
    this.text = el('input', 'filter-text');
    this.text.type = 'search';
    this.text.id = 'filter-text';
    this.text.placeholder = 'Filter by id or title';
    this.text.setAttribute('aria-label', 'Filter by id or title');
    this.text.spellcheck = false;
    this.text.addEventListener('input', () => this.changed());
    textLabel.append(this.text);
    this.clear.type = 'button';
    this.clear.hidden = true;
    this.clear.addEventListener('click', () => {
      this.owner.value = this.tenet.value = this.team.value = this.status.value = this.text.value = '';
      this.changed();
    });
    filters.append(textLabel, this.clear);

    const controls = el('div', 'controls');
    controls.append(views, filters);
    this.element.append(titles, controls);
  }

  private select(name: string, label: string, parent: HTMLElement): HTMLSelectElement {
    const wrapper = el('label', `filter ${name}-filter`);
    const caption = el('span', 'caption', label);
    const select = el('select', 'filter-select');
    select.id = `filter-${name}`;
    select.dataset.filter = name;
    select.addEventListener('change', () => this.changed());
    wrapper.append(caption, select);
    parent.append(wrapper);
    return select;
  }

  private changed(): void {
    this.filters = {
      owner: this.owner.value || undefined,
      tenet: this.tenet.value || undefined,
      team: this.team.value || undefined,
      text: this.text.value || undefined,
      status: asStatus(this.status.value),
    };
    this.clear.hidden = !anyFilter(this.filters);
    this.events.onFilters(this.filters);
  }

  setTitle(title: string, summary: string): void {
    setText(this.heading, title);
    setText(this.summary, summary);
  }

  setView(view: PreviewView): void {
    for (const [v, b] of this.viewButtons) {
      setAttr(b, 'aria-pressed', String(v === view));
      b.classList.toggle('active', v === view);
    }
  }

  /** Shows these filters (restored state) without reporting a change. */
  setFilters(filters: Filters): void {
    this.filters = filters;
    this.owner.value = filters.owner ?? '';
    this.tenet.value = filters.tenet ?? '';
    this.team.value = filters.team ?? '';
    this.status.value = filters.status ?? '';
    if (this.text.value !== (filters.text ?? '')) this.text.value = filters.text ?? '';
    this.clear.hidden = !anyFilter(filters);
  }

  /** The options of the selects, from the tree. */
  setOptions(tree: AlignmentTree): void {
    const owners = new Set<string>();
    const teams = new Set<string>();
    const statuses = new Set<TrackingStatus>();
    let unassigned = false;
    const tenetIds = new Set(tree.tenets.map((t) => t.id));
    for (const o of tree.objectives) {
      if (o.owner) owners.add(o.owner);
      if (o.team) teams.add(o.team);
      if (o.tenet === undefined || !tenetIds.has(o.tenet)) unassigned = true;
      if (o.status) statuses.add(o.status);
      for (const kr of o.keyResults) if (kr.status) statuses.add(kr.status);
    }
    const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b)).map((v) => ({ value: v, label: v }));
    const tenets: Option[] = tree.tenets
      .filter((t, i, all) => all.findIndex((u) => u.id === t.id) === i)
      .map((t) => ({ value: t.id, label: t.title ?? t.id }));
    if (unassigned) tenets.push({ value: UNASSIGNED, label: 'Unassigned' });
    fillSelect(this.owner, 'All owners', sorted(owners), this.filters.owner);
    fillSelect(this.tenet, 'All tenets', tenets, this.filters.tenet);
    fillSelect(this.team, 'All teams', sorted(teams), this.filters.team);
    // In the order statuses apply (done first), as the language server lists them.
    const tracked = TRACKING_STATUSES.filter((s) => statuses.has(s)).map((s) => ({ value: s, label: statusText(s) }));
    fillSelect(this.status, 'All statuses', tracked, this.filters.status);
    show(this.status.parentElement!, tracked.length > 0 || this.filters.status !== undefined);
  }
}

function asStatus(value: string): TrackingStatus | undefined {
  return TRACKING_STATUSES.find((s) => s === value);
}

function anyFilter(f: Filters): boolean {
  return Boolean(f.owner || f.tenet || f.team || f.text || f.status);
}

/** Replaces a select's options when they changed, keeping the selected value (even a vanished one). */
function fillSelect(select: HTMLSelectElement, all: string, options: Option[], selected: string | undefined): void {
  const wanted: Option[] = [{ value: '', label: all }, ...options];
  if (selected && !options.some((o) => o.value === selected)) wanted.push({ value: selected, label: selected });
  const current = [...select.options];
  const same =
    current.length === wanted.length &&
    current.every((o, i) => o.value === wanted[i].value && o.textContent === wanted[i].label);
  if (!same) {
    const fragment = document.createDocumentFragment();
    for (const o of wanted) {
      const option = el('option', undefined, o.label);
      option.value = o.value;
      fragment.append(option);
    }
    select.replaceChildren(fragment);
  }
  select.value = selected ?? '';
}
