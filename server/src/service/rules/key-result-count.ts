import { objectiveAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

export const rule: ObjectiveRule<{ min: number; max: number }> = {
  ...meta('key-result-count', 'warning', 'An objective has too few or too many key results.'),
  scope: 'objective',
  defaultOptions: { min: 2, max: 5 },
  check(objective, { options, report }) {
    const n = objective.keyResults.length;
    if (n === 0 || (n >= options.min && n <= options.max)) return; // none at all is empty-objective's
    report({
      range: objectiveAnchor(objective),
      message:
        n < options.min
          ? `Only ${n} key result${n === 1 ? '' : 's'}: one measure rarely captures an objective; aim for ${options.min} to ${options.max}.`
          : `${n} key results: more than ${options.max} dilutes focus; keep the ${options.max} that matter most.`,
      data: { count: n, min: options.min, max: options.max },
    });
  },
};
