import { meta, type LinkedRule } from './types';

/** Objectives that align to each other in a loop: the tree has no top. Reported in every file on the loop. */
export const rule: LinkedRule = {
  ...meta('alignment-cycle', 'error', 'Objectives align to each other in a loop.'),
  scope: 'linked',
  defaultOptions: {},
  check(objective, { uri, workspace, report }) {
    if (!objective.id) return;
    const cycles = workspace.cycles();
    if (cycles.length === 0) return;
    const id = objective.id.value;
    if (workspace.objective(id)?.uri !== uri) return; // a duplicate: duplicate-id speaks
    for (const cycle of cycles) {
      const at = cycle.indexOf(id);
      if (at === -1) continue;
      const next = cycle[(at + 1) % cycle.length];
      const edge = objective.alignsTo.find((f) => f.value === next);
      const path = [...cycle.slice(at), ...cycle.slice(0, at), id].join(' → ');
      report({
        range: (edge ?? objective.id).range,
        message: `Alignment cycle: ${path}. An objective cannot contribute to itself; break the loop.`,
        data: { cycle: [...cycle] },
      });
    }
  },
};
