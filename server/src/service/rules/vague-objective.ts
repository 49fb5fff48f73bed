import { vagueness } from '../language/analyze';
import { objectiveAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** "Improve security", "Drive excellence": nothing specific is named, neither an outcome nor who gains. */
export const rule: ObjectiveRule = {
  ...meta('vague-objective', 'warning', 'An objective names no specific outcome or beneficiary.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, report }) {
    const title = objective.title?.value.trim();
    if (!title) return;
    const { vague, because } = vagueness(title, words);
    if (!vague) return;
    report({
      range: objectiveAnchor(objective),
      message:
        `"${title}" names no specific outcome or beneficiary. Say what will be different, and for whom ` +
        `(e.g. "Make account takeover a non-event for our customers").`,
      data: { title, because },
    });
  },
};
