/** The word lists the language rules read: built-in data (words.json) plus what okr.config.yaml adds. */
import builtIn from './words.json';

export interface WordLists {
  readonly genericVerbs: ReadonlySet<string>;
  readonly abstractNouns: ReadonlySet<string>;
  readonly hypeWords: ReadonlySet<string>;
  readonly hypeBigrams: ReadonlySet<string>;
  readonly phraseBreaks: ReadonlySet<string>;
  readonly determiners: ReadonlySet<string>;
  readonly concrete: ReadonlySet<string>;
  readonly taskVerbs: ReadonlySet<string>;
  readonly deliverableParticiples: ReadonlySet<string>;
  readonly outcomeVerbs: ReadonlySet<string>;
  readonly reduceWords: ReadonlySet<string>;
  readonly increaseWords: ReadonlySet<string>;
  readonly numberWords: ReadonlySet<string>;
  readonly beneficiaries: ReadonlySet<string>;
  readonly stopWords: ReadonlySet<string>;
  readonly activityNouns: ReadonlySet<string>;
  readonly adverbs: ReadonlySet<string>;
  readonly comparativeVerbs: ReadonlySet<string>;
}

/** What okr.config.yaml's `words:` may add. */
export interface ExtraWords {
  readonly vague?: readonly string[];
  readonly concrete?: readonly string[];
  readonly taskVerbs?: readonly string[];
  readonly outcomeVerbs?: readonly string[];
  readonly numberWords?: readonly string[];
}

const lower = (words: readonly string[] = []) => words.map((w) => w.toLowerCase().trim()).filter(Boolean);
const set = (...lists: (readonly string[] | undefined)[]) => new Set(lists.flatMap((l) => lower(l)));

export function wordLists(extra: ExtraWords = {}): WordLists {
  const concrete = set(extra.concrete);
  const without = (s: Set<string>) => {
    for (const w of concrete) s.delete(w);
    return s;
  };
  const outcomeVerbs = set(builtIn.outcomeVerbs, extra.outcomeVerbs);
  const taskVerbs = set(builtIn.taskVerbs, extra.taskVerbs);
  for (const w of lower(extra.outcomeVerbs)) taskVerbs.delete(w);
  return {
    genericVerbs: without(set(builtIn.genericVerbs)),
    abstractNouns: without(set(builtIn.abstractNouns, extra.vague)),
    hypeWords: without(set(builtIn.hypeWords, extra.vague)),
    hypeBigrams: set(builtIn.hypeBigrams),
    phraseBreaks: set(builtIn.phraseBreaks),
    determiners: set(builtIn.determiners),
    concrete,
    taskVerbs,
    deliverableParticiples: set(builtIn.deliverableParticiples),
    outcomeVerbs,
    reduceWords: set(builtIn.reduceWords),
    increaseWords: set(builtIn.increaseWords),
    numberWords: set(builtIn.numberWords, extra.numberWords),
    beneficiaries: set(builtIn.beneficiaries),
    stopWords: set(builtIn.stopWords),
    activityNouns: set(builtIn.activityNouns),
    adverbs: set(builtIn.adverbs),
    comparativeVerbs: set(builtIn.comparativeVerbs),
  };
}

export const defaultWords = wordLists();
