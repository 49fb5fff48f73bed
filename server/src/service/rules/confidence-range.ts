import { krName } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** Confidence is 0..1; 60 usually means 60%, so suggest 0.6. */
export const rule: ObjectiveRule = {
  ...meta('confidence-range', 'warning', 'A confidence is outside 0..1 (often written as a percentage).'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      const c = kr.confidence?.value;
      if (c === undefined || (c >= 0 && c <= 1)) continue;
      const suggestion = c > 1 && c <= 100 && Number.isInteger(c) ? c / 100 : undefined;
      report({
        range: kr.confidence!.range,
        message:
          `${krName(kr)}'s confidence is ${c}; confidence runs from 0 to 1` +
          (suggestion !== undefined ? ` (did you mean ${suggestion}?).` : '.'),
        data: { keyResult: index, value: c, suggestion },
      });
    }
  },
};
