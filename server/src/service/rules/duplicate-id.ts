import { absolute, type Field, type Located } from '../model';
import { meta, type FileRule } from './types';

const id = 'duplicate-id';

/**
 * Ids must be unique. Objectives and key results share one namespace (initiatives' `serves` may name
 * either); tenets and people have one each. Across files this is the workspace's job; here, one file.
 */
export const rule: FileRule = {
  ...meta(id, 'error', 'An id is defined more than once in the file.'),
  scope: 'file',
  defaultOptions: {},
  check({ model, report }) {
    const namespaces: { what: string; ids: { loc: Located; field: Field<string>; kind: string }[] }[] = [
      { what: 'objective or key result', ids: [] },
      { what: 'tenet', ids: [] },
      { what: 'person', ids: [] },
    ];
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective') continue;
      if (loc.item.id) namespaces[0].ids.push({ loc, field: loc.item.id, kind: 'objective' });
      for (const kr of loc.item.keyResults)
        if (kr.id) namespaces[0].ids.push({ loc, field: kr.id, kind: 'key result' });
    }
    for (const loc of model.tenets)
      if (loc.item.kind === 'tenet' && loc.item.id) namespaces[1].ids.push({ loc, field: loc.item.id, kind: 'tenet' });
    for (const loc of model.people)
      if (loc.item.kind === 'person' && loc.item.id)
        namespaces[2].ids.push({ loc, field: loc.item.id, kind: 'person' });

    for (const { ids } of namespaces) {
      const first = new Map<string, { loc: Located; field: Field<string>; kind: string }>();
      for (const entry of ids) {
        const seen = first.get(entry.field.value);
        if (!seen) {
          first.set(entry.field.value, entry);
          continue;
        }
        // Positions are computed only for what is reported: most files have no duplicates.
        const firstLine = absolute(seen.loc, seen.field.range).start.line;
        const { value } = entry.field;
        report({
          range: absolute(entry.loc, entry.field.range),
          message: `Duplicate id \`${value}\`: ${seen.kind === entry.kind ? 'it' : `${seen.kind} ${value}`} is already defined on line ${firstLine + 1}.`,
          data: { id: value, firstLine },
        });
      }
    }
  },
};
