import { hasMeasure } from '../language/analyze';
import { keyResultAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** No target, no `done`, no number in the title: nobody can decide whether it was hit. */
export const rule: ObjectiveRule = {
  ...meta('unmeasurable-key-result', 'warning', 'A key result has no target, no done flag and no number in its title.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      if (kr.target || kr.done) continue;
      const title = kr.title?.value;
      if (!title || hasMeasure(title, words)) continue;
      report({
        range: keyResultAnchor(kr),
        message:
          'Two people could disagree on whether this was hit: add a metric with a baseline and target, ' +
          'or make it a milestone with `done: false`.',
        data: { keyResult: index },
      });
    }
  },
};
