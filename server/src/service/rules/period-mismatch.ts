import { within } from '../progress';
import { basename } from './duplicate-id';
import { meta, type LinkedRule } from './types';

/** A child objective's period (its file's) lies outside its parent's: it cannot contribute in time. */
export const rule: LinkedRule = {
  ...meta('period-mismatch', 'warning', "An objective's period lies outside its parent's."),
  scope: 'linked',
  defaultOptions: {},
  check(objective, { uri, workspace, report }) {
    const mine = workspace.period(uri);
    if (!mine) return;
    for (const ref of objective.alignsTo) {
      const parent = workspace.objective(ref.value);
      const theirs = parent && workspace.period(parent.uri);
      if (!theirs || within(mine, theirs)) continue;
      report({
        range: ref.range,
        message: `This file's period (${mine.label}) lies outside ${ref.value}'s (${theirs.label}, in ${basename(parent.uri)}).`,
        data: { parent: ref.value, period: mine, parentPeriod: theirs },
      });
    }
  },
};
