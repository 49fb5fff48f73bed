/** The word lists the rules read: built-in data (words.json) plus a team's own words from okr.config.yaml. */
import builtIn from './words.json';

export interface WordLists {
  /** Words that state a number ("twenty", "doubles", "half"). */
  readonly numberWords: ReadonlySet<string>;
  readonly reduceWords: ReadonlySet<string>;
  readonly increaseWords: ReadonlySet<string>;
  /** okr.config.yaml's `words:`, lower-case: the team's vocabulary, which overrides the models. */
  readonly team: TeamWords;
}

export interface TeamWords {
  /** Words that make an objective vague for this team. */
  readonly vague: ReadonlySet<string>;
  /** Words that make an objective specific for this team (never vague). */
  readonly concrete: ReadonlySet<string>;
  /** Leading verbs that make a key result a task. */
  readonly taskVerbs: ReadonlySet<string>;
  /** Leading verbs that make a key result an outcome (never a task). */
  readonly outcomeVerbs: ReadonlySet<string>;
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
  const outcomeVerbs = set(extra.outcomeVerbs);
  return {
    numberWords: set(builtIn.numberWords, extra.numberWords),
    reduceWords: set(builtIn.reduceWords),
    increaseWords: set(builtIn.increaseWords),
    team: {
      vague: new Set([...set(extra.vague)].filter((w) => !concrete.has(w))),
      concrete,
      taskVerbs: new Set([...set(extra.taskVerbs)].filter((w) => !outcomeVerbs.has(w))),
      outcomeVerbs,
    },
  };
}

export const defaultWords = wordLists();
