import { directionOf } from '../language/analyze';
import { krName } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** "Reduce MTTR" with a target above the baseline (or "Increase" with one below). */
export const rule: ObjectiveRule = {
  ...meta(
    'direction-mismatch',
    'warning',
    "A key result's title says reduce but its target is above its baseline, or the reverse.",
  ),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      if (!kr.title || !kr.target || !kr.baseline || kr.target.value === kr.baseline.value) continue;
      const said = directionOf(kr.title.value, words);
      const set = kr.target.value < kr.baseline.value ? 'decrease' : 'increase';
      if (!said || said === set) continue;
      report({
        range: kr.target.range,
        message: `${krName(kr)}'s title says ${said === 'decrease' ? 'reduce' : 'increase'}, but the target (${kr.target.value}) is ${set === 'increase' ? 'above' : 'below'} the baseline (${kr.baseline.value}).`,
        data: { keyResult: index, said, baseline: kr.baseline.value, target: kr.target.value },
      });
    }
  },
};
