import { absolute, type Field, type Located } from '../model';
import { docsUrl, type FileRule } from './types';

const id = 'duplicate-id';

/**
 * Ids must be unique. Objectives and key results share one namespace (initiatives' `serves` may name
 * either); tenets and people have one each. Across files this is the workspace's job; here, one file.
 */
export const rule: FileRule = {
  id,
  defaultSeverity: 'error',
  description: 'An id is defined more than once in the file.',
  docs: docsUrl(id),
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
      const first = new Map<string, { line: number; kind: string }>();
      for (const { loc, field, kind } of ids) {
        const range = absolute(loc, field.range);
        const seen = first.get(field.value);
        if (!seen) {
          first.set(field.value, { line: range.start.line, kind });
          continue;
        }
        report({
          range,
          message: `Duplicate id \`${field.value}\`: ${seen.kind === kind ? 'it' : `${seen.kind} ${field.value}`} is already defined on line ${seen.line + 1}.`,
          data: { id: field.value, firstLine: seen.line },
        });
      }
    }
  },
};
