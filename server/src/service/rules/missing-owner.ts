import { objectiveAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

export const rule: ObjectiveRule = {
  ...meta('missing-owner', 'warning', 'An objective has no owner.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    if (objective.owner?.value.trim()) return;
    report({ range: objectiveAnchor(objective), message: 'Who is accountable for this objective? Add `owner:`.' });
  },
};
