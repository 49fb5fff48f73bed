import { absolute } from '../model';
import { meta, type FileRule } from './types';

/** Objectives that align to each other in a loop: the tree has no top. Reported in every file on the loop. */
export const rule: FileRule = {
  ...meta('alignment-cycle', 'error', 'Objectives align to each other in a loop.'),
  scope: 'file',
  defaultOptions: {},
  check({ model, uri, workspace, report }) {
    const cycles = workspace.cycles();
    if (cycles.length === 0) return;
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective' || !loc.item.id) continue;
      const id = loc.item.id.value;
      if (workspace.objective(id)?.uri !== uri) continue; // a duplicate: duplicate-id speaks
      for (const cycle of cycles) {
        const at = cycle.indexOf(id);
        if (at === -1) continue;
        const next = cycle[(at + 1) % cycle.length];
        const edge = loc.item.alignsTo.find((f) => f.value === next);
        const path = [...cycle.slice(at), ...cycle.slice(0, at), id].join(' → ');
        report({
          range: absolute(loc, (edge ?? loc.item.id).range),
          message: `Alignment cycle: ${path}. An objective cannot contribute to itself; break the loop.`,
          data: { cycle: [...cycle] },
        });
      }
    }
  },
};
