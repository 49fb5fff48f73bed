/**
 * Trains the language models on the training corpus (test/corpus/train/, items both readers agree on)
 * and writes server/src/service/language/weights.json. The blind set (test/corpus/blind/) is never read.
 *
 *   node --import tsx scripts/language/train.ts           # train, print the cross-validation, write
 *   node --import tsx scripts/language/train.ts --check   # fail unless it reproduces the shipped file
 *
 * Thresholds come from grouped cross-validation (no organisation in both the training and the test
 * fold): each strictness level allows a share of good sentences to be flagged, on out-of-fold scores.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { sentenceFeatures } from '../../server/src/service/language/features';
import type { Strictness, Thresholds, Weights } from '../../server/src/service/language/model';
import { loadSet, type Item } from './corpus';
import { crossValidate, fit, thresholdForFalsePositiveRate, type Sample, DEFAULTS, round } from './logistic';

export const WEIGHTS_FILE = path.join(__dirname, '..', '..', 'server', 'src', 'service', 'language', 'weights.json');

/** Share of good sentences each level lets through as warnings, on out-of-fold scores. */
const WARNING_RATE: Record<Strictness, number> = { relaxed: 0.04, balanced: 0.08, strict: 0.15 };
/** …and as hints (below a warning). */
const HINT_RATE: Record<Strictness, number> = { relaxed: 0.04, balanced: 0.15, strict: 0.3 };
const FOLDS = 5;

const isBad = (i: Item) => i.labels.includes('task') || i.labels.includes('unmeasurable');

export interface Training {
  readonly weights: Weights;
  readonly report: string[];
}

function samples(items: readonly Item[], y: (i: Item) => 0 | 1): Sample[] {
  return items.map((i) => ({ features: sentenceFeatures(i.text), y: y(i), group: i.org }));
}

function flaggingThresholds(scores: readonly number[], negative: readonly boolean[]): Record<Strictness, Thresholds> {
  const negatives = scores.filter((_, i) => negative[i]);
  const out = {} as Record<Strictness, Thresholds>;
  for (const level of ['relaxed', 'balanced', 'strict'] as const) {
    const warning = thresholdForFalsePositiveRate(negatives, WARNING_RATE[level]);
    const hint = Math.min(warning, thresholdForFalsePositiveRate(negatives, HINT_RATE[level]));
    out[level] = { warning, hint };
  }
  return out;
}

const pct = (a: number, b: number) => `${b ? ((a / b) * 100).toFixed(1) : '-'}% (${a}/${b})`;

export function train(items: readonly Item[]): Training {
  const report: string[] = [];
  const scored = items.filter((i) => i.scored);
  const objectives = scored.filter((i) => i.kind === 'objective');
  const keyResults = scored.filter((i) => i.kind === 'key_result');
  report.push(
    `training on ${scored.length} agreed items (${objectives.length} objectives, ${keyResults.length} key results) ` +
      `from ${new Set(scored.map((i) => i.org)).size} organisations; ${FOLDS}-fold cross-validation grouped by organisation`,
  );

  // Objectives: vague or not.
  const vagueSamples = samples(objectives, (i) => (i.labels.includes('vague') ? 1 : 0));
  const vagueOof = crossValidate(vagueSamples, FOLDS);
  const vagueThresholds = flaggingThresholds(
    vagueOof,
    objectives.map((i) => i.labels.includes('good')),
  );
  const vague = { ...fit(vagueSamples), thresholds: vagueThresholds };

  // Key results: bad (task or unmeasurable) or good.
  const badSamples = samples(keyResults, (i) => (isBad(i) ? 1 : 0));
  const badOof = crossValidate(badSamples, FOLDS);
  const badThresholds = flaggingThresholds(
    badOof,
    keyResults.map((i) => !isBad(i)),
  );
  const badKeyResult = { ...fit(badSamples), thresholds: badThresholds };

  // Bad key results: a task, or only unmeasurable.
  const bad = keyResults.filter(isBad);
  const taskSamples = samples(bad, (i) => (i.labels.includes('task') ? 1 : 0));
  const taskOof = crossValidate(taskSamples, FOLDS);
  const taskThreshold = choiceThreshold(
    taskOof,
    taskSamples.map((s) => s.y),
  );
  const task = { ...fit(taskSamples), threshold: taskThreshold };

  // The cross-validated figures, at each level.
  for (const level of ['relaxed', 'balanced', 'strict'] as const) {
    const t = vagueThresholds[level];
    const vagueItems = objectives.map((o, i) => ({ o, p: vagueOof[i] }));
    const vagueAll = vagueItems.filter((x) => x.o.labels.includes('vague'));
    const good = vagueItems.filter((x) => x.o.labels.includes('good'));
    const k = badThresholds[level];
    const krItems = keyResults.map((kr, i) => ({ kr, p: badOof[i] }));
    const badAll = krItems.filter((x) => isBad(x.kr));
    const goodKr = krItems.filter((x) => !isBad(x.kr));
    report.push(
      `cv ${level}: vague objectives warned ${pct(vagueAll.filter((x) => x.p >= t.warning).length, vagueAll.length)}, ` +
        `good objectives warned ${pct(good.filter((x) => x.p >= t.warning).length, good.length)}; ` +
        `bad key results warned ${pct(badAll.filter((x) => x.p >= k.warning).length, badAll.length)}, ` +
        `good key results warned ${pct(goodKr.filter((x) => x.p >= k.warning).length, goodKr.length)}`,
    );
  }
  const tasks = taskSamples.filter((s, i) => s.y === 1 && taskOof[i] >= taskThreshold).length;
  const unmeasurable = taskSamples.filter((s, i) => s.y === 0 && taskOof[i] < taskThreshold).length;
  const taskCount = taskSamples.filter((s) => s.y === 1).length;
  report.push(
    `cv task or unmeasurable (among bad key results): tasks called tasks ${pct(tasks, taskCount)}, ` +
      `unmeasurable called unmeasurable ${pct(unmeasurable, taskSamples.length - taskCount)}`,
  );

  const weights: Weights = {
    format: 1,
    about:
      'Logistic regressions over server/src/service/language/features.ts, trained by scripts/language/train.ts on ' +
      `test/corpus/train (${scored.length} items both readers agree on; l2 ${DEFAULTS.l2}, ${DEFAULTS.epochs} epochs, ` +
      `features seen at least ${DEFAULTS.minCount} times). Thresholds from ${FOLDS}-fold cross-validation grouped by organisation. Do not edit.`,
    models: { vague, badKeyResult, task },
  };
  return { weights, report };
}

/** The threshold that tells tasks from unmeasurable key results best, keeping at least 90% of tasks. */
function choiceThreshold(scores: readonly number[], y: readonly number[]): number {
  const candidates = [...new Set(scores.map((s) => round(s)))].sort((a, b) => a - b);
  let best = 0.5;
  let bestScore = -1;
  const tasks = y.filter((v) => v === 1).length;
  const others = y.length - tasks;
  for (const t of candidates) {
    const taskRecall = scores.filter((s, i) => y[i] === 1 && s >= t).length / Math.max(tasks, 1);
    const otherRecall = scores.filter((s, i) => y[i] === 0 && s < t).length / Math.max(others, 1);
    if (taskRecall < 0.9) continue;
    if (taskRecall + otherRecall > bestScore) {
      bestScore = taskRecall + otherRecall;
      best = t;
    }
  }
  return best;
}

export function serialise(weights: Weights): string {
  return JSON.stringify(weights, null, 1) + '\n';
}

if (require.main === module) {
  const { weights, report } = train(loadSet('train'));
  for (const line of report) console.log(line);
  const text = serialise(weights);
  if (process.argv.includes('--check')) {
    if (readFileSync(WEIGHTS_FILE, 'utf8') !== text) {
      console.error('weights.json differs from what scripts/language/train.ts trains: rerun it');
      process.exit(1);
    }
    console.log('weights.json reproduced exactly');
  } else {
    writeFileSync(WEIGHTS_FILE, text);
    console.log(`wrote ${WEIGHTS_FILE} (${(text.length / 1024).toFixed(0)} KB)`);
  }
}
