import { judgeKeyResult } from '../language/judge';
import { keyResultAnchor, keyResultFields } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** "Implement SSO", "Hold 4 workshops": work to do, not a result. Move it to `initiatives`. */
export const rule: ObjectiveRule = {
  ...meta('task-key-result', 'warning', 'A key result is an activity or deliverable rather than an outcome.'),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { words, strictness, report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      const title = kr.title?.value;
      if (!title) continue;
      const judgment = judgeKeyResult(title, strictness, words, keyResultFields(kr));
      if (judgment?.problem !== 'task') continue;
      const why = judgment.reasons.map((r) => r.text).join('; ');
      report({
        range: keyResultAnchor(kr),
        message:
          `${judgment.level === 'hint' ? 'Possibly a task' : 'A task, not an outcome'}: ${why}. ` +
          'What changes once it is done? Measure that, and move the work to `initiatives` ' +
          '(or silence this if the milestone is the honest key result).',
        uncertain: judgment.level === 'hint',
        data: { keyResult: index, reasons: judgment.reasons, probability: judgment.probability },
      });
    }
  },
};
