import { objectiveAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

export const rule: ObjectiveRule = {
  ...meta('missing-tenet', 'info', 'An objective does not say which tenet it serves.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    if (objective.tenet?.value.trim()) return;
    report({ range: objectiveAnchor(objective), message: 'Which tenet does this objective serve? Add `tenet:`.' });
  },
};
