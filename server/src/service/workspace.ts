/**
 * The workspace as rules and navigation see it: every OKR file's model, with its definitions indexed
 * by id and the alignment graph between objectives.
 *
 * Kept up to date file by file (`setFile`): a new version of a file is compared with the last one
 * objective by objective (items are shared while their slice is unchanged), and only the objectives
 * that changed touch the indexes. When ids, alignment, tenets, people or periods stay as they were,
 * definitions are updated in place and `version` stays the same, so anything computed from the
 * workspace's structure (cycles, children, cross-file findings) stays valid.
 */
import type { Range } from 'vscode-languageserver-types';
import {
  absolute,
  type Field,
  type KeyResult,
  type Located,
  type Objective,
  type OkrFileModel,
  type Person,
  type Tenet,
} from './model';
import { objectiveProgress } from './progress';
import { periodRange, today, type DateRange } from './period';
import { DEFAULT_TRACKING, objectivePace, type Tracking } from './pace';

export interface WorkspaceFile {
  readonly uri: string;
  readonly model: OkrFileModel;
}

/** Where something is defined: its file, its located item, and the absolute range of its id. */
export interface Definition<T> {
  readonly uri: string;
  readonly loc: Located;
  readonly item: T;
  readonly id: string;
  readonly range: Range;
}

type Identified = { readonly id?: Field<string> };

/** A definition that follows its item from version to version of the file. */
class Def<T extends Identified> implements Definition<T> {
  constructor(
    readonly uri: string,
    public loc: Located,
    public item: T,
    readonly id: string,
  ) {}

  get range(): Range {
    return absolute(this.loc, this.item.id!.range);
  }
}

/** One objective's definitions: its own (when it has an id) and its key results'. */
interface ObjectiveDefs {
  readonly objective?: Def<Objective>;
  readonly keyResults: readonly Def<KeyResult>[];
}

interface FileEntry extends WorkspaceFile {
  model: OkrFileModel;
  objectives: ObjectiveDefs[];
  tenets: Def<Tenet>[];
  people: Def<Person>[];
  /** What other files see of the file besides its objectives: period, team, tenets, people. */
  outline: string;
}

let versions = 0;

export class Workspace {
  readonly objectives = new Map<string, Definition<Objective>[]>();
  readonly keyResults = new Map<string, Definition<KeyResult>[]>();
  readonly tenets = new Map<string, Definition<Tenet>[]>();
  readonly people = new Map<string, Definition<Person>[]>();
  /**
   * Changes whenever something other files can see changes: ids, alignment, tenets, people, periods,
   * or the lines definitions sit on. Unique across workspaces, so it can key caches.
   */
  version = ++versions;
  private readonly byUri = new Map<string, FileEntry>();
  private sorted: FileEntry[] | undefined;
  private childrenCache: Map<string, Definition<Objective>[]> | undefined;
  private cycleCache: string[][] | undefined;
  private servedCache: Set<string> | undefined;
  private readonly rolledUpCache = new Map<string, number | undefined>();
  private readonly memos = new Map<string, unknown>();
  private touched = new Set<string>();
  /** How many objectives align to each id: only those ids can be on a cycle. */
  private readonly referenced = new Map<string, number>();
  /** Ids defined more than once among objectives and key results (their shared namespace). */
  private readonly shared = new Set<string>();
  /** How many objectives (with ids) name each `tenet:` value. */
  private readonly tenetValues = new Map<string, number>();

  /** The team's calendar and thresholds, and the date to judge pace at (okr.config.yaml, `okr.asOf`). */
  private trackingValue: Tracking = DEFAULT_TRACKING;

  constructor(files: Iterable<WorkspaceFile> = [], tracking?: Tracking) {
    if (tracking) this.trackingValue = tracking;
    for (const f of files) this.setFile(f.uri, f.model);
  }

  get tracking(): Tracking {
    return this.trackingValue;
  }

  /** Returns whether anything changed; a new fiscal calendar moves every period (a new `version`). */
  setTracking(tracking: Tracking): boolean {
    const old = this.trackingValue;
    if (JSON.stringify(old) === JSON.stringify(tracking)) return false;
    this.trackingValue = tracking;
    this.rolledUpCache.clear();
    if (JSON.stringify(old.calendar) !== JSON.stringify(tracking.calendar)) this.changed();
    return true;
  }

  /** The date pace is judged at: `asOf` when set, else today. */
  asOf(): string {
    return this.trackingValue.asOf ?? today();
  }

  /** Every file, ordered by path (which decides which of two duplicate definitions is "the first"). */
  get files(): readonly WorkspaceFile[] {
    this.sorted ??= [...this.byUri.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return this.sorted;
  }

  /** Adds or replaces a file. Returns whether `version` changed: other files' checks may differ. */
  setFile(uri: string, model: OkrFileModel): boolean {
    this.rolledUpCache.clear();
    let entry = this.byUri.get(uri);
    if (!entry) {
      entry = { uri, model, objectives: [], tenets: [], people: [], outline: '' };
      this.byUri.set(uri, entry);
      this.sorted = undefined;
      entry.objectives = model.objectives.map((loc) => this.addObjective(uri, loc));
      this.updateOutline(entry, model);
      this.changed();
      return true;
    }
    const before = entry.model;
    entry.model = model;
    const objectivesMoved = this.updateObjectives(entry, before.objectives, model.objectives);
    const outlineChanged = this.updateOutline(entry, model);
    if (!objectivesMoved && !outlineChanged) return false;
    this.changed();
    return true;
  }

  deleteFile(uri: string): boolean {
    const entry = this.byUri.get(uri);
    if (!entry) return false;
    entry.objectives.forEach((defs, i) => this.removeObjective(defs, entry.model.objectives[i].item));
    for (const d of entry.tenets) this.drop(this.tenets, d);
    for (const d of entry.people) this.drop(this.people, d);
    this.byUri.delete(uri);
    this.sorted = undefined;
    this.rolledUpCache.clear();
    this.changed();
    return true;
  }

  /**
   * Ids whose definitions were added or removed (or whose file's period changed) since the last call:
   * the files that name them are the ones a change is likeliest to affect.
   */
  takeTouched(): Set<string> {
    const touched = this.touched;
    this.touched = new Set();
    return touched;
  }

  private add<D extends Definition<unknown>>(map: Map<string, D[]>, d: D): D {
    this.touch(d);
    const added = insert(map, d);
    this.countShared(map, d.id);
    return added;
  }

  private drop<D extends Definition<unknown>>(map: Map<string, D[]>, d: D): void {
    this.touch(d);
    remove(map, d);
    this.countShared(map, d.id);
  }

  /** Keeps `shared` true to the objectives' and key results' definitions of `id`. */
  private countShared(map: Map<string, unknown[]>, id: string): void {
    if (map !== this.objectives && map !== this.keyResults) return;
    const n = (this.objectives.get(id)?.length ?? 0) + (this.keyResults.get(id)?.length ?? 0);
    if (n >= 2) this.shared.add(id);
    else this.shared.delete(id);
  }

  /**
   * Whether one of an objective's ids (its own or its key results') is defined more than once: only
   * then does anything (duplicate-id) depend on where the objective sits.
   */
  definesShared(o: Objective): boolean {
    if (this.shared.size === 0 || o.kind !== 'objective') return false;
    if (o.id && this.shared.has(o.id.value)) return true;
    return o.keyResults.some((kr) => kr.id !== undefined && this.shared.has(kr.id.value));
  }

  /** Whether an id is defined more than once among objectives and key results. */
  isShared(id: string): boolean {
    return this.shared.size > 0 && this.shared.has(id);
  }

  /** Tenets are named by title too. */
  private touch(d: Definition<unknown>): void {
    this.touched.add(d.id);
    const title = (d.item as { kind: string; title?: Field<string> }).title;
    if ((d.item as { kind: string }).kind === 'tenet' && title) this.touched.add(title.value);
  }

  /** A value computed from the workspace's structure (say, the id closest to a typo), kept until it changes. */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  private changed(): void {
    this.memos.clear();
    this.version = ++versions;
    this.childrenCache = undefined;
    this.cycleCache = undefined;
    this.servedCache = undefined;
  }

  /**
   * Brings a file's objective definitions from `before` to `after`: objectives shared by both (the
   * unchanged slices at either end) keep their definitions, moved to their new place; changed ones
   * in between are updated in place when their ids and links are the same, replaced otherwise.
   * Returns whether anything other files can see changed.
   */
  private updateObjectives(
    entry: FileEntry,
    before: readonly Located<Objective>[],
    after: readonly Located<Objective>[],
  ): boolean {
    const defs = entry.objectives;
    const a = before.length;
    const b = after.length;
    let p = 0;
    while (p < a && p < b && before[p].item === after[p].item && before[p].line === after[p].line) p++;
    let s = 0;
    while (s < a - p && s < b - p && before[a - 1 - s].item === after[b - 1 - s].item) s++;
    let structural = false;
    const next: ObjectiveDefs[] = new Array<ObjectiveDefs>(b);
    for (let i = 0; i < p; i++) next[i] = relocate(defs[i], after[i]);
    for (let k = 0; k < s; k++) {
      // Only a duplicate's message names where a definition sits ("already defined in a.okr.yaml:72"):
      // an objective that moved (a line added above it) changes what other files see only then.
      if (before[a - 1 - k].line !== after[b - 1 - k].line && this.definesShared(before[a - 1 - k].item)) {
        structural = true;
        const moved = defs[a - 1 - k];
        if (moved.objective) this.touch(moved.objective);
        for (const d of moved.keyResults) this.touch(d);
      }
      next[b - 1 - k] = relocate(defs[a - 1 - k], after[b - 1 - k]);
    }
    const changed = a - p - s;
    let inPlace = changed === b - p - s;
    for (let k = 0; inPlace && k < changed; k++) {
      const o = before[p + k];
      const n = after[p + k];
      // Where its ids sit matters to other files only when one is defined twice (duplicate-id names the place).
      inPlace =
        o.line === n.line &&
        signature(o.item) === signature(n.item) &&
        (idLines(o.item) === idLines(n.item) || !this.definesShared(o.item));
    }
    if (inPlace) {
      for (let k = 0; k < changed; k++) next[p + k] = relocate(defs[p + k], after[p + k], true);
    } else {
      structural = true;
      for (let k = 0; k < changed; k++) this.removeObjective(defs[p + k], before[p + k].item);
      for (let k = p; k < b - s; k++) next[k] = this.addObjective(entry.uri, after[k]);
    }
    entry.objectives = next;
    return structural;
  }

  private addObjective(uri: string, loc: Located<Objective>): ObjectiveDefs {
    const o = loc.item;
    if (o.kind !== 'objective') return { keyResults: [] };
    for (const parent of new Set(o.alignsTo.map((f) => f.value))) count(this.referenced, parent, 1);
    const objective = o.id ? this.add(this.objectives, new Def(uri, loc, o, o.id.value)) : undefined;
    if (objective && o.tenet) count(this.tenetValues, o.tenet.value, 1);
    const keyResults = o.keyResults.flatMap((kr) =>
      kr.id ? [this.add(this.keyResults, new Def<KeyResult>(uri, loc, kr, kr.id.value))] : [],
    );
    return { objective, keyResults };
  }

  private removeObjective(defs: ObjectiveDefs, item: Objective): void {
    if (defs.objective && item.kind === 'objective' && item.tenet) count(this.tenetValues, item.tenet.value, -1);
    if (item.kind === 'objective')
      for (const parent of new Set(item.alignsTo.map((f) => f.value))) count(this.referenced, parent, -1);
    if (defs.objective) this.drop(this.objectives, defs.objective);
    for (const d of defs.keyResults) this.drop(this.keyResults, d);
  }

  /** Period, team, tenets and people; returns whether what other files see of them changed. */
  private updateOutline(entry: FileEntry, model: OkrFileModel): boolean {
    const outline = JSON.stringify([
      model.period?.item.value,
      model.team?.item.value,
      model.tenets.map(({ item, line }) =>
        item.kind === 'tenet' ? [item.id?.value, item.title?.value, item.risk?.value, line] : null,
      ),
      model.people.map(({ item, line }) => (item.kind === 'person' ? [item.id?.value, line] : null)),
    ]);
    const tenets = model.tenets.filter((l) => l.item.kind === 'tenet' && l.item.id);
    const people = model.people.filter((l) => l.item.kind === 'person' && l.item.id);
    if (outline === entry.outline) {
      // The same definitions in the same places: follow the (possibly re-read) items.
      tenets.forEach((loc, i) => Object.assign(entry.tenets[i], { loc, item: loc.item }));
      people.forEach((loc, i) => Object.assign(entry.people[i], { loc, item: loc.item }));
      return false;
    }
    for (const d of entry.tenets) this.drop(this.tenets, d);
    for (const d of entry.people) this.drop(this.people, d);
    // A new period or team changes what children in other files are checked against.
    for (const defs of entry.objectives) if (defs.objective) this.touched.add(defs.objective.id);
    entry.tenets = tenets.map((l) => this.add(this.tenets, new Def(entry.uri, l, l.item, l.item.id!.value)));
    entry.people = people.map((l) => this.add(this.people, new Def(entry.uri, l, l.item, l.item.id!.value)));
    entry.outline = outline;
    return true;
  }

  file(uri: string): WorkspaceFile | undefined {
    return this.byUri.get(uri);
  }

  /** The objective an id names (the first definition when there are duplicates). */
  objective(id: string): Definition<Objective> | undefined {
    return this.objectives.get(id)?.[0];
  }

  /** A tenet by id, or by its exact title. */
  tenet(name: string): Definition<Tenet> | undefined {
    const byId = this.tenets.get(name)?.[0];
    if (byId) return byId;
    for (const defs of this.tenets.values()) if (defs[0].item.title?.value === name) return defs[0];
    return undefined;
  }

  /** Every tenet `tenet:` fields name somewhere in the workspace (by id or title). */
  servedTenets(): ReadonlySet<string> {
    if (this.servedCache) return this.servedCache;
    const out = new Set<string>();
    for (const value of this.tenetValues.keys()) {
      const tenet = this.tenet(value);
      if (tenet) out.add(tenet.id);
    }
    this.servedCache = out;
    return out;
  }

  period(uri: string): DateRange | undefined {
    return periodRange(this.byUri.get(uri)?.model.period?.item.value, this.trackingValue.calendar);
  }

  /** Objectives that align to `id`, in workspace order. */
  children(id: string): readonly Definition<Objective>[] {
    if (!this.childrenCache) {
      const map = new Map<string, Definition<Objective>[]>();
      for (const defs of this.objectives.values()) {
        for (const d of defs) for (const parent of new Set(d.item.alignsTo.map((f) => f.value))) push(map, parent, d);
      }
      // In workspace order (by file, then line), not in the order ids were first defined, which edits change.
      for (const list of map.values()) if (list.length > 1) list.sort(byPlace);
      this.childrenCache = map;
    }
    return this.childrenCache.get(id) ?? [];
  }

  /** Alignment cycles, each as the ids along it (the first id repeated at the end is left out). */
  cycles(): readonly (readonly string[])[] {
    if (this.cycleCache) return this.cycleCache;
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (id: string) => {
      state.set(id, 'open');
      stack.push(id);
      for (const parent of this.parents(id)) {
        const s = state.get(parent);
        if (s === 'open') cycles.push(stack.slice(stack.indexOf(parent)));
        else if (!s) visit(parent);
      }
      stack.pop();
      state.set(id, 'done');
    };
    // Every objective on a cycle is aligned to by the one before it: starting from those is enough.
    for (const id of [...this.referenced.keys()].sort()) if (!state.has(id) && this.objectives.has(id)) visit(id);
    this.cycleCache = cycles;
    return cycles;
  }

  /** The ids an objective aligns to that exist in the workspace. */
  parents(id: string): string[] {
    const d = this.objective(id);
    if (!d) return [];
    return [...new Set(d.item.alignsTo.map((f) => f.value))].filter((p) => this.objectives.has(p));
  }

  /**
   * Rolled-up progress: the mean of an objective's own progress (when it can be scored) and the
   * rolled-up progress of each objective aligned to it. Cycles are cut where they close.
   */
  rolledUp(id: string, visiting = new Set<string>()): number | undefined {
    if (this.rolledUpCache.has(id)) return this.rolledUpCache.get(id);
    const d = this.objective(id);
    if (!d || visiting.has(id)) return undefined;
    visiting.add(id);
    const parts: number[] = [];
    // At a set date (okr.asOf, --at) the progress then, from the check-ins; else the latest values.
    const asOf = this.trackingValue.asOf;
    const own = asOf
      ? objectivePace(d.item, this.period(d.uri), asOf, this.trackingValue).progress
      : objectiveProgress(d.item);
    if (own !== undefined) parts.push(own);
    for (const child of this.children(id)) {
      const p = this.rolledUp(child.id, visiting);
      if (p !== undefined) parts.push(p);
    }
    visiting.delete(id);
    const value = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : undefined;
    this.rolledUpCache.set(id, value);
    return value;
  }
}

/** Points an objective's definitions at its new location (and, when re-read, at its new items). */
function relocate(defs: ObjectiveDefs, loc: Located<Objective>, reread = false): ObjectiveDefs {
  if (defs.objective) {
    defs.objective.loc = loc;
    if (reread) defs.objective.item = loc.item;
  }
  if (reread) {
    let i = 0;
    for (const kr of loc.item.keyResults) if (kr.id) defs.keyResults[i++].item = kr;
  }
  for (const d of defs.keyResults) d.loc = loc;
  return defs;
}

/**
 * What other files can see of one objective: its ids, its links and tenet (and, apart, the lines its
 * ids sit on, relative to the objective). Cached while its slice is unchanged.
 */
const signatures = new WeakMap<object, string>();
const idLineLists = new WeakMap<object, string>();

function signature(item: Objective): string {
  let sig = signatures.get(item);
  if (sig === undefined) {
    sig =
      item.kind === 'objective'
        ? JSON.stringify([
            item.id?.value,
            item.alignsTo.map((f) => f.value),
            item.tenet?.value,
            item.keyResults.map((k) => k.id?.value),
          ])
        : '';
    signatures.set(item, sig);
  }
  return sig;
}

function idLines(item: Objective): string {
  let lines = idLineLists.get(item);
  if (lines === undefined) {
    const at = (f: Field<string> | undefined) => (f ? f.range.start.line : -1);
    lines = item.kind === 'objective' ? [at(item.id), ...item.keyResults.map((k) => at(k.id))].join(',') : '';
    idLineLists.set(item, lines);
  }
  return lines;
}

/** Workspace order: by file, then position. */
function byPlace(a: Definition<unknown>, b: Definition<unknown>): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  const p = a.range.start;
  const q = b.range.start;
  return p.line - q.line || p.character - q.character;
}

/** Adds a definition to its id's list, keeping the list in workspace order (files by path, then position). */
function insert<D extends Definition<unknown>>(map: Map<string, D[]>, d: D): D {
  const list = map.get(d.id);
  if (!list) {
    map.set(d.id, [d]);
    return d;
  }
  let i = list.length;
  while (i > 0 && byPlace(list[i - 1], d) > 0) i--;
  list.splice(i, 0, d);
  return d;
}

function remove<D>(map: Map<string, D[]>, d: D & { readonly id: string }): void {
  const list = map.get(d.id);
  if (!list) return;
  const i = list.indexOf(d);
  if (i !== -1) list.splice(i, 1);
  if (list.length === 0) map.delete(d.id);
}

/** Adds `by` to a key's count, dropping the key at zero. */
function count(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Whether a file defines or names any of `ids` (in ids, `aligns_to`, `serves`, `tenet`, `owner`), or
 * declares tenets (whose balance any objective's tenet can change).
 */
export function mentionsAny(model: OkrFileModel, ids: ReadonlySet<string>): boolean {
  if (model.tenets.length > 0) return true;
  if (ids.size === 0) return false;
  const mentioned = mentionsOf(model);
  for (const id of ids) if (mentioned.has(id)) return true;
  return false;
}

const mentionSets = new WeakMap<OkrFileModel, Set<string>>();

/** Every id a file names or defines (objectives, key results, parents, tenets, owners, people, serves), made once per model. */
export function mentionsOf(model: OkrFileModel): ReadonlySet<string> {
  let set = mentionSets.get(model);
  if (set) return set;
  set = new Set<string>();
  const add = (f: Field<string> | undefined) => {
    if (f !== undefined) set!.add(f.value);
  };
  for (const { item: o } of model.objectives) {
    if (o.kind !== 'objective') continue;
    add(o.id);
    add(o.tenet);
    add(o.owner);
    o.alignsTo.forEach(add);
    for (const k of o.keyResults) {
      add(k.id);
      add(k.owner);
    }
    for (const i of o.initiatives) add(i.owner);
  }
  for (const { item } of model.initiatives) {
    if (item.kind !== 'initiative') continue;
    add(item.owner);
    item.serves.forEach(add);
  }
  for (const { item } of model.people) if (item.kind === 'person') add(item.id);
  mentionSets.set(model, set);
  return set;
}

/** The ids a workspace pass starts from: those whose definitions changed since the last pass, and every id on a cycle. */
export function passIds(workspace: Workspace): Set<string> {
  const ids = workspace.takeTouched();
  for (const cycle of workspace.cycles()) for (const id of cycle) ids.add(id);
  return ids;
}

const UNKNOWN_CODES = ['unknown-parent', 'unknown-owner', 'unknown-tenet'];
/** Codes that make `needsRecheck` look at a file again (a cycle always; an unknown name when ids changed). */
export const RECHECK_CODES: readonly string[] = ['alignment-cycle', ...UNKNOWN_CODES];

/**
 * Whether a file's cross-file diagnostics may have changed after a change that touched `ids`, given
 * the codes it was last reported with: it names or defines one of the ids, declares tenets (their
 * balance reads every file), was on an alignment cycle, or names something unknown (its "did you mean"
 * reads every id). Files for which this is false need no re-check: a differential test holds this to
 * checking from scratch.
 */
export function needsRecheck(model: OkrFileModel, ids: ReadonlySet<string>, lastCodes: ReadonlySet<string>): boolean {
  if (lastCodes.has('alignment-cycle')) return true;
  if (ids.size > 0 && UNKNOWN_CODES.some((c) => lastCodes.has(c))) return true;
  return mentionsAny(model, ids);
}

/** A one-file workspace, for checking a file on its own. */
export function singleFile(uri: string, model: OkrFileModel, tracking?: Tracking): Workspace {
  return new Workspace([{ uri, model }], tracking);
}
