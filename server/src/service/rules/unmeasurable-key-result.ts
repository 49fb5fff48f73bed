import { judgeKeyResult } from '../language/judge';
import { keyResultAnchor, keyResultFields } from './anchor';
import { meta, type ObjectiveRule } from './types';

/**
 * No target, no `done`, and a title nobody could grade the same way ("process is documented"). A key
 * result that is a task is reported once, by task-key-result.
 */
export const rule: ObjectiveRule = {
  ...meta('unmeasurable-key-result', 'warning', 'A key result gives no way to decide whether it was hit.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, strictness, report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      const title = kr.title?.value;
      if (!title) continue;
      const judgment = judgeKeyResult(title, strictness, words, keyResultFields(kr));
      if (judgment?.problem !== 'unmeasurable') continue;
      const why = judgment.reasons.map((r) => r.text).join('; ');
      report({
        range: keyResultAnchor(kr),
        message:
          `${judgment.level === 'hint' ? 'Possibly undecidable' : 'Two people could disagree on whether this was hit'}: ` +
          `${why}. Add a metric with a baseline and target, or make it a milestone with \`done: false\`.`,
        uncertain: judgment.level === 'hint',
        data: { keyResult: index, reasons: judgment.reasons, probability: judgment.probability },
      });
    }
  },
};
