import { isTaskLike } from '../language/analyze';
import { keyResultAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** "Implement SSO", "Hold 4 workshops": work to do, not a result. Move it to `initiatives`. */
export const rule: ObjectiveRule = {
  ...meta('task-key-result', 'warning', 'A key result is an activity or deliverable rather than an outcome.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      const title = kr.title?.value;
      if (!title || !isTaskLike(title, words)) continue;
      report({
        range: keyResultAnchor(kr),
        message:
          'This reads as a task, not an outcome: what changes once it is done? Measure that, and move the work ' +
          'to `initiatives` (or silence this if the milestone is the honest key result).',
        data: { keyResult: index },
      });
    }
  },
};
