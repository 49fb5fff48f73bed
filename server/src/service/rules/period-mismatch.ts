import { absolute } from '../model';
import { within } from '../progress';
import { basename } from './duplicate-id';
import { meta, type FileRule } from './types';

/** A child objective's period (its file's) lies outside its parent's: it cannot contribute in time. */
export const rule: FileRule = {
  ...meta('period-mismatch', 'warning', "An objective's period lies outside its parent's."),
  scope: 'file',
  defaultOptions: {},
  check({ model, uri, workspace, report }) {
    const mine = workspace.period(uri);
    if (!mine) return;
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective') continue;
      for (const ref of loc.item.alignsTo) {
        const parent = workspace.objective(ref.value);
        const theirs = parent && workspace.period(parent.uri);
        if (!theirs || within(mine, theirs)) continue;
        report({
          range: absolute(loc, ref.range),
          message: `This file's period (${mine.label}) lies outside ${ref.value}'s (${theirs.label}, in ${basename(parent.uri)}).`,
          data: { parent: ref.value, period: mine, parentPeriod: theirs },
        });
      }
    }
  },
};
