import { absolute, type Field } from '../model';
import type { Workspace } from '../workspace';
import type { Report } from './types';
import { suggestId } from './suggest';
import { meta, type LinkedRule } from './types';

/** `owner` names someone the workspace's `people` roster does not list (checked once a roster exists). */
export const rule: LinkedRule = {
  ...meta('unknown-owner', 'warning', '`owner` names someone not in the workspace roster.'),
  scope: 'linked',
  defaultOptions: {},
  check(objective, { workspace, report }) {
    if (workspace.people.size === 0) return;
    for (const owner of [
      objective.owner,
      ...objective.keyResults.map((k) => k.owner),
      ...objective.initiatives.map((i) => i.owner),
    ])
      check(owner, workspace, report);
  },
  checkFile({ model, workspace, report }) {
    if (workspace.people.size === 0) return;
    for (const loc of model.initiatives) {
      const owner = loc.item.kind === 'initiative' ? loc.item.owner : undefined;
      if (owner) check({ ...owner, range: absolute(loc, owner.range) }, workspace, report);
    }
  },
};

function check(owner: Field<string> | undefined, workspace: Workspace, report: (r: Report) => void): void {
  if (!owner || workspace.people.has(owner.value)) return;
  const suggestion = workspace.memo(`person?${owner.value}`, () =>
    suggestId(owner.value, [...workspace.people.keys()]),
  );
  report({
    range: owner.range,
    message:
      `\`${owner.value}\` is not in the workspace's \`people\`` +
      (suggestion ? `; did you mean \`${suggestion}\`?` : '.'),
    data: { id: owner.value, suggestion },
  });
}
