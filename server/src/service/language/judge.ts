/**
 * The language rules' judgments: is an objective vague, is a key result a task or unmeasurable, how
 * sure the model is (a warning, a hint, or nothing) and why, in words an author can act on. The models
 * decide (model.ts, weights.json); a team's own words in okr.config.yaml override them.
 */
import { sentenceFeatures, type Feature } from './features';
import { verbLemma } from './lexicon';
import {
  featureNames,
  levelOf,
  MODEL_NAMES,
  scoreAll,
  weights,
  type Level,
  type ModelName,
  type Push,
  type Strictness,
} from './model';
import type { WordLists } from './words';

/** Why a sentence was flagged: a reason code (for fixes and the preview), the word behind it, and words. */
export interface Reason {
  readonly code: string;
  readonly word?: string;
  readonly text: string;
}

export interface Judgment {
  readonly level: Level;
  /** The model's probability, two decimals (1 when a team word decided). */
  readonly probability: number;
  readonly reasons: readonly Reason[];
}

export type KeyResultProblem = 'task' | 'unmeasurable';

/** What a key result's fields already say, beside its title. */
export interface KeyResultFields {
  readonly target?: boolean;
  readonly done?: boolean;
  readonly metric?: boolean;
}

export interface KeyResultJudgment extends Judgment {
  readonly problem: KeyResultProblem;
}

const quote = (w?: string) => (w ? `"${w}"` : '');
/** " (\"word\")" after a phrase, or nothing. */
const about = (w?: string) => (w ? ` (${quote(w)})` : '');

/** Reasons by feature family, per question; the first matching family wins. */
type ReasonRule = readonly [RegExp, string, (word?: string) => string];

const VAGUE_REASONS: readonly ReasonRule[] = [
  [/^(?:lemma:|e:lead:)/, 'generic-verb', (w) => `a generic verb${about(w)}`],
  [/^head:abstract-form$/, 'abstract-object', (w) => `an abstract noun${about(w)}`],
  [
    /^(?:sentiment:|adj:superlative$|adj:hyphenated$|adj:everyday$)/,
    'praise',
    (w) => `praise${about(w)} instead of a change`,
  ],
  [/^len:[12]$/, 'label', () => 'a label, not an outcome'],
  [/^e:head:/, 'general-noun', (w) => `a general noun${about(w)}`],
  [/^(?:rare:none$|zipf:mean$|e:mean:)/, 'everyday-words', () => 'no product, asset, risk or people named'],
];

const TASK_REASONS: readonly ReasonRule[] = [
  [/^(?:m:counts-things|lemma-counts:)/, 'counts-activity', (w) => `it counts work done${about(w)}`],
  [
    /^(?:shape:ends-with-participle|shape:noun-then-participle)$/,
    'deliverable-done',
    (w) => `a deliverable marked done${about(w)}`,
  ],
  [
    /^(?:lemma:|e:lead:|lead:verb$|lead:gerund$)/,
    'work-verb',
    (w) => (w ? `${quote(w)} names work to do` : 'it names work to do'),
  ],
  [/^head:indefinite$/, 'deliverable', () => 'it delivers a thing'],
];

const UNMEASURABLE_REASONS: readonly ReasonRule[] = [
  [/^m:none$/, 'no-measure', () => 'no number, threshold or done-state'],
  [
    /^(?:lemma(?:-measured)?:|e:lead:)/,
    'change-without-target',
    (w) => (w ? `${quote(w)} with no target` : 'a change with no target'),
  ],
  [
    /^(?:sentiment:|adj:|shape:ends-with-adjective$)/,
    'judgment-word',
    (w) => (w ? `${quote(w)} is a judgment, not a measure` : 'a judgment, not a measure'),
  ],
];

/** For each feature a model weighs (by id), the first of the rules that explains it, if one does. Made once per rule list. */
const rulesById = new Map<readonly ReasonRule[], readonly (ReasonRule | undefined)[]>();
function rulesFor(rules: readonly ReasonRule[]): readonly (ReasonRule | undefined)[] {
  let byId = rulesById.get(rules);
  if (!byId) {
    byId = featureNames().map((name) => rules.find(([re]) => re.test(name)));
    rulesById.set(rules, byId);
  }
  return byId;
}

/**
 * Up to `max` reasons from the features that pushed most, largest first (the first of equal pushes
 * first), one per reason code and per word. Picks the largest push with a reason that is left, each
 * time, rather than sorting every push: `max` is small, and a push's rule is only looked for when it
 * is the largest seen so far.
 */
function reasonsFrom(pushes: readonly Push[], rules: readonly ReasonRule[], max = 2): Reason[] {
  const byId = rulesFor(rules);
  const out: Reason[] = [];
  const taken = (push: Push, rule: ReasonRule) =>
    out.some((r) => r.code === rule[1] || (push.feature.word && r.word === push.feature.word));
  while (out.length < max) {
    let best: Push | undefined;
    let bestRule: ReasonRule | undefined;
    for (const push of pushes) {
      if (best && push.weight <= best.weight) continue;
      const rule = byId[push.id];
      if (rule && !taken(push, rule)) [best, bestRule] = [push, rule];
    }
    if (!best || !bestRule) break;
    const { word } = best.feature;
    out.push({ code: bestRule[1], ...(word ? { word } : {}), text: bestRule[2](word) });
  }
  return out;
}

/** A model's reading of a sentence: its probability and the reasons behind it (worked out once). */
interface Reading {
  readonly probability: number;
  readonly reasons: readonly Reason[];
}

const REASONS: Record<ModelName, readonly ReasonRule[]> = {
  vague: VAGUE_REASONS,
  badKeyResult: UNMEASURABLE_REASONS,
  task: TASK_REASONS,
};

/** A sentence as the models read it: each model's reading (the features are not kept). */
export type Readings = Readonly<Record<ModelName, Reading>>;

/**
 * Readings by sentence: an edit re-checks a whole objective but changes one sentence, and a workspace
 * repeats many titles.
 */
const cache = new Map<string, Readings>();
const CACHE_SIZE = 8192;

/**
 * Reads a sentence as the rules do, uncached: its features once, then each model's probability and
 * reasons (all three at once: a score costs a few microseconds, and the features can then go).
 */
export function readSentence(text: string): Readings {
  const features: Feature[] = sentenceFeatures(text);
  const readings = {} as Record<ModelName, Reading>;
  scoreAll(features).forEach((s, m) => {
    const model = MODEL_NAMES[m];
    readings[model] = { probability: s.probability, reasons: reasonsFrom(s.pushes, REASONS[model]) };
  });
  return readings;
}

function read(text: string, model: ModelName): Reading {
  let readings = cache.get(text);
  if (!readings) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    readings = readSentence(text);
    cache.set(text, readings);
  }
  return readings[model];
}

const round2 = (p: number) => Math.round(p * 100) / 100;
/** The sentence's words, lower-case, as a team's word lists are matched (asked only when a list is). */
const tokens = (text: string): string[] =>
  text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'\u2019][\p{L}\p{N}]+)*/gu) ?? [];

/** Whether the objective is vague, how sure the model is, and why. */
export function judgeObjective(title: string, strictness: Strictness, words: WordLists): Judgment | undefined {
  const ws = words.team.concrete.size || words.team.vague.size ? tokens(title) : [];
  if (ws.some((w) => words.team.concrete.has(w))) return undefined;
  const teamWord = ws.find((w) => words.team.vague.has(w));
  if (teamWord)
    return {
      level: 'warning',
      probability: 1,
      reasons: [{ code: 'team-word', word: teamWord, text: `"${teamWord}" is on the team's vague list` }],
    };
  const s = read(title, 'vague');
  const level = levelOf(s.probability, weights.models.vague.thresholds[strictness]);
  if (!level) return undefined;
  const reasons = s.reasons;
  return {
    level,
    probability: round2(s.probability),
    reasons: reasons.length ? reasons : [{ code: 'unspecific', text: 'nothing specific is named' }],
  };
}

/**
 * Whether the key result is a task or unmeasurable (never both: a task is reported as a task), how sure
 * the model is, and why. Its fields count too: a target or a done flag makes it decidable, whatever the
 * title says; a metric with a target makes a task-like title less certain (the author measures something).
 */
export function judgeKeyResult(
  title: string,
  strictness: Strictness,
  words: WordLists,
  fields: KeyResultFields = {},
): KeyResultJudgment | undefined {
  const first = words.team.taskVerbs.size || words.team.outcomeVerbs.size ? (tokens(title)[0] ?? '') : '';
  const lead = verbLemma(first);
  if (first && (words.team.taskVerbs.has(lead) || words.team.taskVerbs.has(first))) {
    return {
      problem: 'task',
      level: 'warning',
      probability: 1,
      reasons: [{ code: 'team-word', word: first, text: `"${first}" is on the team's task verbs` }],
    };
  }
  const outcome = first !== '' && (words.team.outcomeVerbs.has(lead) || words.team.outcomeVerbs.has(first));
  const bad = read(title, 'badKeyResult');
  const level = levelOf(bad.probability, weights.models.badKeyResult.thresholds[strictness]);
  if (!level) return undefined;
  const task = read(title, 'task');
  const isTask = !outcome && task.probability >= weights.models.task.threshold;
  if (isTask) {
    // A metric with a target: the title reads as work, but something is measured. Less sure.
    const taskLevel = fields.metric && fields.target ? (level === 'warning' ? 'hint' : undefined) : level;
    if (!taskLevel) return undefined;
    const reasons = task.reasons;
    return {
      problem: 'task',
      level: taskLevel,
      probability: round2(bad.probability),
      reasons: reasons.length ? reasons : [{ code: 'activity', text: 'it reads as an activity' }],
    };
  }
  // Its fields decide it, or the team's own number words state a measure.
  if (fields.target || fields.done || tokens(title).some((w) => words.numberWords.has(w))) return undefined;
  const reasons = bad.reasons;
  return {
    problem: 'unmeasurable',
    level,
    probability: round2(bad.probability),
    reasons: reasons.length ? reasons : [{ code: 'undecidable', text: 'no way to decide whether it was hit' }],
  };
}

/** Reads one sentence now, so that the first one read later does not pay for loading the data. */
export function warmUpLanguage(): void {
  sentenceFeatures('Customers stop losing their accounts to phishing');
}

/** Every reason code each rule can give, for the docs pages (one section or row each). */
export const REASON_CODES = {
  'vague-objective': [...VAGUE_REASONS.map((r) => r[1]), 'team-word', 'unspecific'],
  'task-key-result': [...TASK_REASONS.map((r) => r[1]), 'team-word', 'activity'],
  'unmeasurable-key-result': [...UNMEASURABLE_REASONS.map((r) => r[1]), 'undecidable'],
} as const;
