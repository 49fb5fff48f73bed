import { measureInTitle } from '../language/measure';
import { keyResultAnchor } from './anchor';
import { meta, type ObjectiveRule } from './types';

/** "Cut the median age of critical findings from 60 days to 21 days" with no baseline/target fields. */
export const rule: ObjectiveRule = {
  ...meta('unstructured-key-result', 'hint', "A key result's title carries a measure that its fields do not."),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      if ((kr.baseline && kr.target) || kr.done || !kr.title) continue;
      const measure = measureInTitle(kr.title.value);
      if (!measure) continue;
      const unit = !measure.unit ? '' : measure.unit === '%' ? '%' : ` ${measure.unit}`;
      report({
        range: keyResultAnchor(kr),
        message: `The title says ${measure.baseline}${unit} → ${measure.target}${unit}: record it as \`baseline\` and \`target\` so progress can be tracked.`,
        data: { keyResult: index, ...measure },
      });
    }
  },
};
