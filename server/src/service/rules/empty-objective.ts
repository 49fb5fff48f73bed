import { objectiveAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

export const rule: ObjectiveRule = {
  ...meta('empty-objective', 'warning', 'An objective has no key results.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    if (objective.keyResults.length > 0) return;
    report({
      range: objectiveAnchor(objective),
      message: 'This objective has no key results, so nobody can tell whether it was met. Add two to five.',
    });
  },
};
