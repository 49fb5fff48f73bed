import { hasMeasure } from '../language/analyze';
import { objectiveAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** "Grow to 40 engineers without slowing releases": the number belongs in a key result. */
export const rule: ObjectiveRule = {
  ...meta('quantitative-objective', 'warning', 'An objective carries numbers or targets that belong in key results.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, report }) {
    const title = objective.title?.value;
    if (!title || !hasMeasure(title, words)) return;
    report({
      range: objectiveAnchor(objective),
      message: 'Objectives are qualitative: move the number or target into a key result, and keep the outcome here.',
    });
  },
};
