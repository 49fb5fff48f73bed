import { absolute } from '../model';
import { objectiveAnchor } from './anchor';
import { meta, type FileRule } from './types';

export const rule: FileRule<{ max: number }> = {
  ...meta('objective-count', 'warning', 'A file has more objectives than a team can focus on.'),
  scope: 'file',
  defaultOptions: { max: 5 },
  check({ model, options, report }) {
    const objectives = model.objectives.filter((o) => o.item.kind === 'objective');
    const first = objectives[options.max];
    if (!first || first.item.kind !== 'objective') return;
    report({
      range: absolute(first, objectiveAnchor(first.item)),
      message: `${objectives.length} objectives in one file: a team can focus on ${options.max} at most. Cut or merge from here on.`,
      data: { count: objectives.length, max: options.max },
    });
  },
};
