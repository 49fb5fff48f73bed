import { judgeObjective } from '../language/judge';
import { objectiveAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** "Improve security", "Drive excellence": nothing specific is named, neither an outcome nor who gains. */
export const rule: ObjectiveRule = {
  ...meta('vague-objective', 'warning', 'An objective names no specific outcome or beneficiary.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, strictness, report }) {
    const title = objective.title?.value.trim();
    if (!title) return;
    const judgment = judgeObjective(title, strictness, words);
    if (!judgment) return;
    const why = judgment.reasons.map((r) => r.text).join('; ');
    report({
      range: objectiveAnchor(objective),
      message:
        `${judgment.level === 'hint' ? 'Possibly vague' : 'Vague objective'}: ${why}. ` +
        'Name who benefits or what will be different (e.g. "Make account takeover a non-event for our customers").',
      uncertain: judgment.level === 'hint',
      data: { title, reasons: judgment.reasons, probability: judgment.probability },
    });
  },
};
