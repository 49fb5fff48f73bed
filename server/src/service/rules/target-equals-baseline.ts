import { krName } from './anchor';
import { meta, type ObjectiveRule } from './types';

export const rule: ObjectiveRule = {
  ...meta('target-equals-baseline', 'warning', "A key result's target equals its baseline: no progress is possible."),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      if (!kr.target || !kr.baseline || kr.target.value !== kr.baseline.value) continue;
      report({
        range: kr.target.range,
        message: `${krName(kr)}'s target equals its baseline (${kr.target.value}): there is nothing to move. If the aim is to hold the line, say so in the title and set the target to the threshold to stay within.`,
        data: { keyResult: index, value: kr.target.value },
      });
    }
  },
};
