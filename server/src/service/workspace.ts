/**
 * The workspace as rules and navigation see it: every OKR file's model, with its definitions indexed
 * by id and the alignment graph between objectives. A snapshot: build a new one when a file changes
 * (it only walks the models, which are cached per file and per slice).
 */
import type { Range } from 'vscode-languageserver-types';
import {
  absolute,
  type KeyResult,
  type Located,
  type Objective,
  type OkrFileModel,
  type Person,
  type Tenet,
} from './model';
import { objectiveProgress, periodRange, type DateRange } from './progress';

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

export class Workspace {
  readonly files: readonly WorkspaceFile[];
  readonly objectives = new Map<string, Definition<Objective>[]>();
  readonly keyResults = new Map<string, Definition<KeyResult>[]>();
  readonly tenets = new Map<string, Definition<Tenet>[]>();
  readonly people = new Map<string, Definition<Person>[]>();
  private readonly byUri = new Map<string, WorkspaceFile>();
  private childrenCache: Map<string, Definition<Objective>[]> | undefined;
  private cycleCache: string[][] | undefined;
  private rolledUpCache = new Map<string, number | undefined>();
  private servedCache: Set<string> | undefined;

  constructor(files: Iterable<WorkspaceFile>) {
    // A stable order (by path) decides which of two duplicate definitions is "the first".
    this.files = [...files].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    for (const file of this.files) {
      this.byUri.set(file.uri, file);
      const { uri, model } = file;
      for (const loc of model.objectives) {
        if (loc.item.kind !== 'objective') continue;
        const o = loc.item;
        if (o.id)
          push(this.objectives, o.id.value, { uri, loc, item: o, id: o.id.value, range: absolute(loc, o.id.range) });
        for (const kr of o.keyResults) {
          if (kr.id)
            push(this.keyResults, kr.id.value, {
              uri,
              loc,
              item: kr,
              id: kr.id.value,
              range: absolute(loc, kr.id.range),
            });
        }
      }
      for (const loc of model.tenets) {
        if (loc.item.kind === 'tenet' && loc.item.id) {
          const t = loc.item;
          push(this.tenets, t.id!.value, { uri, loc, item: t, id: t.id!.value, range: absolute(loc, t.id!.range) });
        }
      }
      for (const loc of model.people) {
        if (loc.item.kind === 'person' && loc.item.id) {
          const p = loc.item;
          push(this.people, p.id!.value, { uri, loc, item: p, id: p.id!.value, range: absolute(loc, p.id!.range) });
        }
      }
    }
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

  /** Every tenet `tenet:` fields name somewhere in the workspace (by id or title); computed once. */
  servedTenets(): ReadonlySet<string> {
    if (this.servedCache) return this.servedCache;
    const out = new Set<string>();
    for (const defs of this.objectives.values()) {
      for (const d of defs) {
        const t = d.item.tenet?.value;
        const tenet = t ? this.tenet(t) : undefined;
        if (tenet) out.add(tenet.id);
      }
    }
    this.servedCache = out;
    return out;
  }

  period(uri: string): DateRange | undefined {
    return periodRange(this.byUri.get(uri)?.model.period?.item.value);
  }

  /** Objectives that align to `id`, in workspace order. */
  children(id: string): readonly Definition<Objective>[] {
    if (!this.childrenCache) {
      const map = new Map<string, Definition<Objective>[]>();
      for (const defs of this.objectives.values()) {
        for (const d of defs) for (const parent of new Set(d.item.alignsTo.map((f) => f.value))) push(map, parent, d);
      }
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
    for (const id of [...this.objectives.keys()].sort()) if (!state.has(id)) visit(id);
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
    const own = objectiveProgress(d.item);
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A one-file workspace, for checking a file on its own. */
export function singleFile(uri: string, model: OkrFileModel): Workspace {
  return new Workspace([{ uri, model }]);
}
