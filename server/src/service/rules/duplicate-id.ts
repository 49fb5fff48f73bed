import { absolute, type Field } from '../model';
import type { Definition, Workspace } from '../workspace';
import { meta, type LinkedRule, type Report } from './types';

const id = 'duplicate-id';

/**
 * Ids are unique in the workspace. Objectives and key results share one namespace (initiatives'
 * `serves` may name either); tenets and people have one each. Every definition after the first (in
 * file order, files by path) is reported, in its own file.
 */
export const rule: LinkedRule = {
  ...meta(id, 'error', 'An id is defined more than once in the workspace.'),
  scope: 'linked',
  defaultOptions: {},
  check(objective, { uri, line, workspace, report }) {
    if (objective.id) {
      const all = sharedNamespace(workspace, objective.id.value);
      check(objective.id, 'objective', all, indexOf(all, uri, objective, line), uri, workspace, report);
    }
    for (const kr of objective.keyResults) {
      if (!kr.id) continue;
      const all = sharedNamespace(workspace, kr.id.value);
      check(kr.id, 'key result', all, indexOf(all, uri, kr, line), uri, workspace, report);
    }
  },
  checkFile({ model, uri, workspace, report }) {
    for (const loc of model.tenets) {
      const t = loc.item.kind === 'tenet' ? loc.item.id : undefined;
      if (!t) continue;
      const all = workspace.tenets.get(t.value) ?? [];
      const at = indexOf(all, uri, loc.item, loc.line);
      check({ ...t, range: absolute(loc, t.range) }, 'tenet', all, at, uri, workspace, report);
    }
    for (const loc of model.people) {
      const p = loc.item.kind === 'person' ? loc.item.id : undefined;
      if (!p) continue;
      const all = workspace.people.get(p.value) ?? [];
      const at = indexOf(all, uri, loc.item, loc.line);
      check({ ...p, range: absolute(loc, p.range) }, 'person', all, at, uri, workspace, report);
    }
  },
};

/** Where an item's own definition is in `all` (an item shared by two identical slices: by line too). */
function indexOf(all: readonly Definition<unknown>[], uri: string, item: unknown, line: number): number {
  return all.findIndex((d) => d.item === item && d.uri === uri && d.loc.line === line);
}

/** Reports `field` when its definition is not the first of `all`. */
function check(
  field: Field<string>,
  kind: string,
  all: readonly Definition<unknown>[],
  index: number,
  uri: string,
  workspace: Workspace,
  report: (r: Report) => void,
): void {
  if (index <= 0) return;
  const value = field.value;
  const first = all[0];
  const firstKind = kind === 'tenet' || kind === 'person' ? kind : kindOf(first, workspace);
  const where =
    first.uri === uri
      ? `on line ${first.range.start.line + 1}`
      : `in ${basename(first.uri)}:${first.range.start.line + 1}`;
  report({
    range: field.range,
    message: `Duplicate id \`${value}\`: ${firstKind === kind ? 'it' : `${firstKind} ${value}`} is already defined ${where}.`,
    data: {
      id: value,
      first: { uri: first.uri, line: first.range.start.line },
      firstLine: first.uri === uri ? first.range.start.line : undefined,
    },
  });
}

const NONE: Definition<unknown>[] = [];

/** Objectives and key results with this id, in workspace order (files by path, then position). */
function sharedNamespace(workspace: Workspace, value: string): Definition<unknown>[] {
  // The common case, one definition: no lookup in the (big) maps, nothing to build or sort.
  if (!workspace.isShared(value)) return NONE;
  const all: Definition<unknown>[] = [
    ...(workspace.objectives.get(value) ?? []),
    ...(workspace.keyResults.get(value) ?? []),
  ];
  return all.sort((a, b) =>
    a.uri < b.uri
      ? -1
      : a.uri > b.uri
        ? 1
        : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function kindOf(d: Definition<unknown>, workspace: Workspace): string {
  return workspace.objectives.get(d.id)?.includes(d as never) ? 'objective' : 'key result';
}

export function basename(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
