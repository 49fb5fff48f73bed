import { absolute } from '../model';
import { keyResultPace } from '../pace';
import { percent as pct } from '../progress';
import { keyResultAnchor, krName } from './anchor';
import { meta, type FileRule } from './types';

/** While the period runs, a key result whose progress is behind the elapsed share of its span. */
export const rule: FileRule = {
  ...meta('behind-pace', 'info', "A key result's progress is behind the elapsed share of its period."),
  scope: 'file',
  defaultOptions: {},
  check({ model, uri, workspace, report }) {
    const period = workspace.period(uri);
    const date = workspace.asOf();
    if (!period || date < period.start || date > period.end) return;
    for (const loc of model.objectives) {
      const committed = loc.item.type?.value === 'committed';
      for (const [index, kr] of loc.item.keyResults.entries()) {
        const p = keyResultPace(kr, period, date, workspace.tracking, committed);
        if (p.status !== 'behind' || p.progress === undefined || p.expected === undefined) continue;
        report({
          range: absolute(loc, keyResultAnchor(kr)),
          message: `${krName(kr)} is behind: ${pct(p.progress)} done, ${pct(p.expected)} expected by ${date} (${p.span!.label === period.label ? period.label : `due ${p.span!.end}`}).`,
          data: { keyResult: index, progress: p.progress, expected: p.expected, asOf: date },
        });
      }
    }
  },
};
