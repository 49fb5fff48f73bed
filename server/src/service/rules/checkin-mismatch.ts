import type { KeyResult } from '../model';
import { isMilestone, latestCheckin } from '../progress';
import { krName } from './anchor';
import { meta, type ObjectiveRule, type Report } from './types';

/**
 * `current`, `confidence` and `done` are the latest values: when a check-in says otherwise, one of the
 * two is stale. And a milestone's check-ins record `done`, a metric's `value`.
 */
export const rule: ObjectiveRule = {
  ...meta(
    'checkin-mismatch',
    'warning',
    '`current` or `confidence` disagrees with the latest check-in, or a check-in records the wrong kind of value.',
  ),
  scope: 'objective',
  defaultOptions: {},
  check(objective, { report }) {
    for (const [index, kr] of objective.keyResults.entries()) {
      const latest = disagreement(kr, index);
      if (latest) report(latest);
      const milestone = isMilestone(kr);
      for (const [checkin, c] of kr.checkins.entries()) {
        const wrong = milestone ? c.value : c.done;
        if (!wrong) continue;
        report({
          range: wrong.keyRange,
          message: milestone
            ? `${krName(kr)} is a milestone: record \`done: true|false\` in its check-ins, not \`value\`.`
            : `${krName(kr)} is a metric: record \`value\` in its check-ins, not \`done\`.`,
          data: { keyResult: index, checkin, problem: 'kind' },
        });
      }
    }
  },
};

/** One finding for all of `current`, `confidence` and `done` that differ from the latest check-in. */
function disagreement(kr: KeyResult, index: number): Report | undefined {
  const latest = latestCheckin(kr);
  if (!latest) return undefined;
  const differs: { field: string; mine: unknown; theirs: unknown; range: Report['range'] }[] = [];
  const compare = (field: string, mine: { value: unknown; range: Report['range'] } | undefined, theirs: unknown) => {
    if (mine && theirs !== undefined && mine.value !== theirs)
      differs.push({ field, mine: mine.value, theirs, range: mine.range });
  };
  compare('current', kr.current, latest.value?.value);
  compare('confidence', kr.confidence, latest.confidence?.value);
  compare('done', kr.done, latest.done?.value);
  if (!differs.length) return undefined;
  const list = differs.map((d) => `\`${d.field}: ${String(d.mine)}\` (check-in: ${String(d.theirs)})`).join(', ');
  return {
    range: differs[0].range,
    message: `${krName(kr)}'s latest check-in (${latest.date!.value}) disagrees with ${list}: update one, or drop \`${differs.map((d) => d.field).join('`/`')}\` and let the check-ins say it.`,
    data: {
      keyResult: index,
      fields: Object.fromEntries(differs.map((d) => [d.field, d.theirs])),
    },
  };
}
