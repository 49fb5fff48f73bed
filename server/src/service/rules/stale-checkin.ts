import { absolute } from '../model';
import { daysBetween } from '../period';
import { keyResultPace } from '../pace';
import { latestCheckin } from '../progress';
import { keyResultAnchor, krName } from './anchor';
import { meta, type FileRule } from './types';

/**
 * While the period runs, a key result of a file that tracks check-ins has had none for more than
 * `days` (none at all counts from the period's start). Done key results need no more.
 */
export const rule: FileRule<{ days: number }> = {
  ...meta('stale-checkin', 'info', 'A key result has had no check-in for more than 14 days while its period runs.'),
  scope: 'file',
  defaultOptions: { days: 14 },
  check({ model, uri, workspace, options, report }) {
    const period = workspace.period(uri);
    const date = workspace.asOf();
    if (!period || date < period.start || date > period.end) return;
    if (!model.objectives.some((loc) => loc.item.keyResults.some((kr) => kr.checkins.length > 0))) return;
    for (const loc of model.objectives) {
      for (const [index, kr] of loc.item.keyResults.entries()) {
        if (keyResultPace(kr, period, date, workspace.tracking).status === 'done') continue;
        const last = latestCheckin(kr, date)?.date?.value;
        const since = daysBetween(last ?? period.start, date);
        if (since === undefined || since <= options.days) continue;
        report({
          range: absolute(loc, kr.checkinsKey ?? keyResultAnchor(kr)),
          message: last
            ? `${krName(kr)} has had no check-in for ${since} days (the last was on ${last}): add this week's.`
            : `${krName(kr)} has had no check-in since the period started ${since} days ago: add this week's.`,
          data: { keyResult: index, lastCheckin: last ?? null, days: since },
        });
      }
    }
  },
};
