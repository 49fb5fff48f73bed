import { absolute } from '../model';
import { suggestId } from './suggest';
import { meta, type FileRule } from './types';

/** `tenet` names no declared tenet, by id or exact title (checked once the workspace declares tenets). */
export const rule: FileRule = {
  ...meta('unknown-tenet', 'warning', '`tenet` names no tenet the workspace declares.'),
  scope: 'file',
  defaultOptions: {},
  check({ model, workspace, report }) {
    if (workspace.tenets.size === 0) return;
    const names = [...workspace.tenets.keys()];
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective' || !loc.item.tenet) continue;
      const tenet = loc.item.tenet;
      if (workspace.tenet(tenet.value)) continue;
      const suggestion = suggestId(tenet.value, names);
      report({
        range: absolute(loc, tenet.range),
        message:
          `No tenet \`${tenet.value}\` is declared in the workspace` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : '.'),
        data: { id: tenet.value, suggestion },
      });
    }
  },
};
