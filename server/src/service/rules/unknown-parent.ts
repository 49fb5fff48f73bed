import { absolute } from '../model';
import { suggestId } from './suggest';
import { meta, type FileRule } from './types';

/** `aligns_to` names an objective that no file in the workspace defines. */
export const rule: FileRule = {
  ...meta('unknown-parent', 'error', '`aligns_to` names an objective no file in the workspace defines.'),
  scope: 'file',
  defaultOptions: {},
  check({ model, workspace, report }) {
    let ids: string[] | undefined;
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective') continue;
      for (const parent of loc.item.alignsTo) {
        if (workspace.objectives.has(parent.value)) continue;
        ids ??= [...workspace.objectives.keys()];
        const suggestion = suggestId(parent.value, ids);
        report({
          range: absolute(loc, parent.range),
          message:
            `No objective \`${parent.value}\` in the workspace` +
            (suggestion ? `; did you mean \`${suggestion}\`?` : '.'),
          data: { id: parent.value, suggestion },
        });
      }
    }
  },
};
