import { absolute } from '../model';
import { isDate } from '../period';
import { krName } from './anchor';
import { meta, type FileRule } from './types';

/** Check-ins in date order, none in the future, all within the file's period. */
export const rule: FileRule = {
  ...meta('checkin-date', 'warning', 'A check-in is out of date order, in the future, or outside the period.'),
  scope: 'file',
  defaultOptions: {},
  check({ model, uri, workspace, report }) {
    const period = workspace.period(uri);
    const today = workspace.asOf();
    for (const loc of model.objectives) {
      for (const [index, kr] of loc.item.keyResults.entries()) {
        let previous: string | undefined;
        for (const [checkin, c] of kr.checkins.entries()) {
          const date = c.date?.value;
          if (!date || !isDate(date)) continue;
          const at = (message: string, problem: string) =>
            report({ range: absolute(loc, c.date!.range), message, data: { keyResult: index, checkin, problem } });
          if (previous !== undefined && date <= previous)
            at(
              date === previous
                ? `${krName(kr)} has two check-ins on ${date}: keep one per day, the latest value.`
                : `This check-in (${date}) comes after one dated ${previous}: keep check-ins oldest first.`,
              'order',
            );
          else if (date > today) at(`This check-in is dated ${date}, after today (${today}).`, 'future');
          else if (period && (date < period.start || date > period.end))
            at(
              `This check-in (${date}) lies outside the period ${period.label} (${period.start} to ${period.end}).`,
              'period',
            );
          if (previous === undefined || date > previous) previous = date;
        }
      }
    }
  },
};
