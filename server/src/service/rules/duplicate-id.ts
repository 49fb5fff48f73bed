import { absolute, type Field, type Located } from '../model';
import type { Definition, Workspace } from '../workspace';
import { meta, type FileRule } from './types';

const id = 'duplicate-id';

/**
 * Ids are unique in the workspace. Objectives and key results share one namespace (initiatives'
 * `serves` may name either); tenets and people have one each. Every definition after the first (in
 * file order, files by path) is reported, in its own file.
 */
export const rule: FileRule = {
  ...meta(id, 'error', 'An id is defined more than once in the workspace.'),
  scope: 'file',
  defaultOptions: {},
  check({ model, uri, workspace, report }) {
    const check = (value: string, loc: Located, field: Field<string>, kind: string, all: Definition<unknown>[]) => {
      if (all.length < 2) return;
      const range = absolute(loc, field.range);
      const index = all.findIndex((d) => d.uri === uri && sameStart(d.range, range));
      if (index <= 0) return;
      const first = all[0];
      const firstKind = kind === 'tenet' || kind === 'person' ? kind : kindOf(first, workspace);
      const where =
        first.uri === uri
          ? `on line ${first.range.start.line + 1}`
          : `in ${basename(first.uri)}:${first.range.start.line + 1}`;
      report({
        range,
        message: `Duplicate id \`${value}\`: ${firstKind === kind ? 'it' : `${firstKind} ${value}`} is already defined ${where}.`,
        data: {
          id: value,
          first: { uri: first.uri, line: first.range.start.line },
          firstLine: first.uri === uri ? first.range.start.line : undefined,
        },
      });
    };
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective') continue;
      const o = loc.item;
      if (o.id) check(o.id.value, loc, o.id, 'objective', sharedNamespace(workspace, o.id.value));
      for (const kr of o.keyResults)
        if (kr.id) check(kr.id.value, loc, kr.id, 'key result', sharedNamespace(workspace, kr.id.value));
    }
    for (const loc of model.tenets) {
      if (loc.item.kind === 'tenet' && loc.item.id)
        check(loc.item.id.value, loc, loc.item.id, 'tenet', workspace.tenets.get(loc.item.id.value) ?? []);
    }
    for (const loc of model.people) {
      if (loc.item.kind === 'person' && loc.item.id)
        check(loc.item.id.value, loc, loc.item.id, 'person', workspace.people.get(loc.item.id.value) ?? []);
    }
  },
};

const NONE: Definition<unknown>[] = [];

/** Objectives and key results with this id, in workspace order (files by path, then position). */
function sharedNamespace(workspace: Workspace, value: string): Definition<unknown>[] {
  const objectives = workspace.objectives.get(value);
  const keyResults = workspace.keyResults.get(value);
  // The common case, one definition: nothing to build or sort.
  if ((objectives?.length ?? 0) + (keyResults?.length ?? 0) < 2) return NONE;
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

function sameStart(
  a: { start: { line: number; character: number } },
  b: { start: { line: number; character: number } },
): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

export function basename(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
