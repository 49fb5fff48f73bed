import { absolute, type Field, type Located } from '../model';
import { suggestId } from './suggest';
import { meta, type FileRule } from './types';

/** `owner` names someone the workspace's `people` roster does not list (checked once a roster exists). */
export const rule: FileRule = {
  ...meta('unknown-owner', 'warning', '`owner` names someone not in the workspace roster.'),
  scope: 'file',
  defaultOptions: {},
  check({ model, workspace, report }) {
    if (workspace.people.size === 0) return;
    const ids = [...workspace.people.keys()];
    const check = (loc: Located, owner: Field<string> | undefined) => {
      if (!owner || workspace.people.has(owner.value)) return;
      const suggestion = suggestId(owner.value, ids);
      report({
        range: absolute(loc, owner.range),
        message:
          `\`${owner.value}\` is not in the workspace's \`people\`` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : '.'),
        data: { id: owner.value, suggestion },
      });
    };
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective') continue;
      check(loc, loc.item.owner);
      for (const kr of loc.item.keyResults) check(loc, kr.owner);
      for (const i of loc.item.initiatives) check(loc, i.owner);
    }
    for (const loc of model.initiatives) if (loc.item.kind === 'initiative') check(loc, loc.item.owner);
  },
};
