import { suggestId } from './suggest';
import { meta, type LinkedRule } from './types';

/** `tenet` names no declared tenet, by id or exact title (checked once the workspace declares tenets). */
export const rule: LinkedRule = {
  ...meta('unknown-tenet', 'warning', '`tenet` names no tenet the workspace declares.'),
  scope: 'linked',
  defaultOptions: {},
  check(objective, { workspace, report }) {
    const tenet = objective.tenet;
    if (!tenet || workspace.tenets.size === 0 || workspace.tenet(tenet.value)) return;
    const suggestion = workspace.memo(`tenet?${tenet.value}`, () =>
      suggestId(tenet.value, [...workspace.tenets.keys()]),
    );
    report({
      range: tenet.range,
      message:
        `No tenet \`${tenet.value}\` is declared in the workspace` +
        (suggestion ? `; did you mean \`${suggestion}\`?` : '.'),
      data: { id: tenet.value, suggestion },
    });
  },
};
