import { krName } from './anchor';
import { meta, type ObjectiveRule } from './types';

export const rule: ObjectiveRule = {
  ...meta('missing-baseline', 'warning', 'A metric key result has a target but no baseline.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      if (!kr.target || kr.baseline || kr.done) continue;
      report({
        range: kr.target.keyRange,
        message: `${krName(kr)} has a target but no baseline: add \`baseline\` (the value at the start of the period) so progress can be computed.`,
        data: { keyResult: index },
      });
    }
  },
};
