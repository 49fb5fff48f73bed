import { suggestId } from './suggest';
import { meta, type LinkedRule } from './types';

/** `aligns_to` names an objective that no file in the workspace defines. */
export const rule: LinkedRule = {
  ...meta('unknown-parent', 'error', '`aligns_to` names an objective no file in the workspace defines.'),
  scope: 'linked',
  defaultOptions: {},
  check(objective, { workspace, report }) {
    for (const parent of objective.alignsTo) {
      if (workspace.objectives.has(parent.value)) continue;
      const suggestion = workspace.memo(`objective?${parent.value}`, () =>
        suggestId(parent.value, [...workspace.objectives.keys()]),
      );
      report({
        range: parent.range,
        message:
          `No objective \`${parent.value}\` in the workspace` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : '.'),
        data: { id: parent.value, suggestion },
      });
    }
  },
};
