/**
 * What the language models look at in a sentence: its shape, its first word's part of speech and lemma,
 * the head noun of what it acts on, how rare its words are in general English, whether it names people,
 * products or a measure. Each feature has a name (its weight's key in weights.json) and, where it
 * helps explain a finding, the word it came from. No decision is made here: the weights decide.
 */
import { lookup, nounLemma, vectorOf, verbLemma, type WordInfo } from './lexicon';
import { DIMS } from './vectors';
import { tokenize, withoutNonMeasures, type Token } from './analyze';

export interface Feature {
  readonly name: string;
  readonly value: number;
  /** The word or phrase behind it, for messages. */
  readonly word?: string;
}

/** Sentences are read up to this many words (a title is a sentence; the rest is noise). */
export const MAX_WORDS = 64;

/** A word as the features read it: its token and its lexicon entry (parts of speech, rarity, tone, vector). */
interface Word extends Token, WordInfo {
  /** The lexicon's most likely part of speech, or one guessed from the word's form. */
  readonly tag: string;
}

const NUMBER_WORDS =
  /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|double|doubles|doubled|triple|twice|thrice|dozen)$/;
const COMPARISON =
  /\b(?:at least|at most|more than|less than|fewer than|no more than|no less than|under|below|above|over|within|up to|or more|or less|or fewer|or better|or higher|or lower)\b|[<>\u2264\u2265]/i;
const FROM_TO = /\bfrom\s+\S+.{0,30}?\bto\s+\S*\d|\d\s*(?:\u2192|->|=>)\s*\d/i;
const QUANTIFIER = /^(?:all|every|each|no|none|zero|any|never)$/;
const ABSTRACT_SUFFIX = /(?:ity|ness|tion|sion|ment|ance|ence|ship|ism|cy|ure|ency|ancy|ing)$/;
const AGENT_PLURAL = /(?:ers|ors|ists|ians|ants|ents|ees)$/;
const LEAD_CLAUSE = /^\s*(?:by|in|before|until|over|during|within|for|through|throughout)\b[^,]{0,60},/i;
const AUXILIARIES =
  /^(?:is|are|was|were|be|been|will|can|could|should|must|has|have|had|does|do|gets?|becomes?|remains?|stays?)$/;
const CLOSED_WORDS = new Set([
  'for',
  'to',
  'by',
  'with',
  'without',
  'in',
  'across',
  'through',
  'from',
  'of',
  'on',
  'so',
  'that',
  'our',
  'we',
  'us',
  'their',
  'they',
  'all',
  'every',
  'each',
  'no',
  'new',
  'more',
  'better',
  'and',
  'or',
  'per',
  'than',
  'at',
  'into',
  'while',
  'when',
  'where',
  'who',
  'is',
  'are',
  'be',
  'can',
  'will',
  'not',
]);
/** Each closed-class word's feature name, made once. */
const FW_NAMES = new Map([...CLOSED_WORDS].map((w) => [w, `fw:${w}`]));
/** Coarse parts of speech that carry no content. */
const FUNCTION_TAGS = new Set(['t', 'i', 'k', 'o', 'm']);

function guessTag(t: Token): string {
  if (/^\d/.test(t.text)) return '#';
  if (/ing$/.test(t.lower)) return 'g';
  if (/ed$/.test(t.lower)) return 'e';
  if (/ly$/.test(t.lower)) return 'r';
  if (/(?:ous|ful|ive|ic|al|able|ible|less)$/.test(t.lower)) return 'j';
  if (/[^s]s$/.test(t.lower)) return 's';
  return 'n';
}

function readWords(text: string): Word[] {
  const tokens = tokenize(text);
  const out: Word[] = [];
  for (let i = 0; i < tokens.length && i < MAX_WORDS; i++) {
    const t = tokens[i];
    // "Sourcegraph's" → "sourcegraph" (no object spread: this runs for every word of every title)
    const possessive = t.lower.endsWith("'s") || t.lower.endsWith('\u2019s');
    const lower = possessive ? t.lower.slice(0, -2) : t.lower;
    const info = lookup(lower);
    out.push({
      text: t.text,
      lower,
      start: t.start,
      end: t.end,
      zipf: info.zipf,
      pos: info.pos,
      valence: info.valence,
      vector: info.vector,
      tag: info.pos === '' ? guessTag(t) : info.pos[0],
    });
  }
  return out;
}

const isCapitalised = (w: Word) => /^\p{Lu}/u.test(w.text);
const isAcronym = (w: Word) => /^\p{Lu}[\p{Lu}\d]+s?$/u.test(w.text) && w.text.length <= 8;
const isContent = (w: Word) => !FUNCTION_TAGS.has(w.tag) && w.tag !== '#';
const canBeVerb = (w: Word) => /[vdegz]/.test(w.pos);

/** The sentence's length as a feature name. */
function lengthBucket(n: number): string {
  if (n <= 1) return 'len:1';
  if (n === 2) return 'len:2';
  if (n <= 4) return 'len:3-4';
  if (n <= 7) return 'len:5-7';
  if (n <= 12) return 'len:8-12';
  return 'len:13+';
}

/**
 * The noun phrase a sentence's first verb acts on (or, without a leading verb, its subject): past
 * determiners, possessives and adjectives, up to the first preposition, conjunction or verb.
 */
function objectPhrase(words: readonly Word[], from: number): Word[] {
  let i = from;
  while (i < words.length && /[tor]/.test(words[i].tag)) i++;
  const phrase: Word[] = [];
  let nouns = 0;
  for (; i < words.length; i++) {
    const w = words[i];
    if (/[ikm]/.test(w.tag) || AUXILIARIES.test(w.lower)) break;
    if (phrase.length > 0 && /[dz]/.test(w.tag)) break;
    // Past its nouns, an adjective, participle or adverb starts what is said of them ("SSO enforced…").
    if (nouns > 0 && /[jcuegrv]/.test(w.tag)) break;
    if (/[nsp#]/.test(w.tag)) nouns++;
    phrase.push(w);
  }
  return phrase;
}

/** Feature names for each dimension of a vector, made once. */
const dimensionNames = (prefix: string) => Array.from({ length: DIMS }, (_, d) => `${prefix}:${d}`);
const LEAD_DIMS = dimensionNames('e:lead');
const HEAD_DIMS = dimensionNames('e:head');
const MEAN_DIMS = dimensionNames('e:mean');

function addVector(
  add: (name: string, value?: number, word?: string) => void,
  names: readonly string[],
  w: Word,
  lemma: string,
) {
  const v = vectorOf(w) ?? vectorOf(lookup(lemma));
  if (!v) return;
  for (let d = 0; d < DIMS; d++) add(names[d], v[d], w.text);
}

/** The features of one sentence, objective or key result alike (each model keeps the ones it weighs). */
export function sentenceFeatures(text: string): Feature[] {
  const out: Feature[] = [];
  // One shape for every feature (`word` may be undefined): the scorer reads them all.
  const add = (name: string, value = 1, word?: string) => out.push({ name, value, word });

  const lead = LEAD_CLAUSE.exec(text);
  const core = lead ? text.slice(lead[0].length) : text;
  if (lead) add('shape:leading-time-clause');
  let words = readWords(core);
  // "Successfully launch…", "Jointly define…": the adverb is not the sentence's first word.
  while (words.length > 1 && words[0].tag === 'r' && /ly$/.test(words[0].lower)) words = words.slice(1);
  if (words.length === 0) {
    add('shape:empty');
    return out;
  }
  const n = words.length;
  add(lengthBucket(n));
  add('len:log', Math.log2(1 + n) / 6);

  // --- The measure: a number, a threshold, a quantifier.
  const blanked = withoutNonMeasures(core);
  const digits = /\d/.test(blanked);
  const numberWord = words.find((w) => NUMBER_WORDS.test(w.lower));
  if (digits) add('m:number');
  if (/%|\bpercent\b/i.test(blanked)) add('m:percent');
  if (numberWord) add('m:number-word', 1, numberWord.text);
  if (FROM_TO.test(blanked)) add('m:from-to');
  if (COMPARISON.test(blanked)) add('m:comparison');
  const quantifier = words.find((w) => QUANTIFIER.test(w.lower));
  if (quantifier) add(words[0] === quantifier ? 'm:leading-quantifier' : 'm:quantifier', 1, quantifier.text);
  if (!digits && !numberWord && !quantifier) add('m:none');

  // --- The first word.
  const first = words[0];
  // A noun that can be a verb leads as a verb ("Test…", "Process…"), unless a verb follows it ("process is…").
  const next = words[1];
  const nextIsVerb = next !== undefined && (AUXILIARIES.test(next.lower) || /^[dz]/.test(next.tag));
  const firstIsVerb = /^[vg]/.test(first.tag) || (first.tag === 'n' && /v/.test(first.pos) && n > 1 && !nextIsVerb);
  const leadLemma = firstIsVerb ? verbLemma(first.lower) : '';
  if (first.zipf === 0) add('lead:unknown', 1, first.text);
  if (firstIsVerb) {
    add(first.tag === 'g' ? 'lead:gerund' : 'lead:verb', 1, first.text);
    add(`lemma:${leadLemma}`, 1, first.text);
    add(`lemma-measured:${leadLemma}:${digits || numberWord || quantifier ? 'yes' : 'no'}`, 1, first.text);
    add('lead:verb-zipf', first.zipf / 70, first.text);
  } else if (/[jcu]/.test(first.tag)) add('lead:adjective', 1, first.text);
  else if (/[to]/.test(first.tag)) add(`lead:${first.tag === 't' ? 'determiner' : 'pronoun'}`, 1, first.text);
  else if (first.tag === '#') add('lead:number', 1, first.text);
  else if (/[ed]/.test(first.tag)) add('lead:participle', 1, first.text);
  else add('lead:noun', 1, first.text);
  if (!firstIsVerb && canBeVerb(first)) add('lead:could-be-verb', 1, first.text);

  // --- The sentence's shape.
  const later = words.slice(1);
  const finite = later.find((w) => /^[dz]/.test(w.tag) || AUXILIARIES.test(w.lower));
  if (finite && !firstIsVerb) add('shape:clause', 1, finite.text);
  const participle = later.find(
    (w, i) => /^[ed]/.test(w.tag) && /ed$|en$|wn$|ne$/.test(w.lower) && /[nsp]/.test(words[i].tag),
  );
  if (participle && !firstIsVerb) add('shape:noun-then-participle', 1, participle.text);
  const last = words[n - 1];
  if (n > 1 && /^[ed]/.test(last.tag)) add('shape:ends-with-participle', 1, last.text);
  if (n > 1 && /^[jcu]/.test(last.tag)) add('shape:ends-with-adjective', 1, last.text);
  if (/\band\b/i.test(core)) add('shape:and');
  if (/[,;:]/.test(core)) add('shape:punctuation');
  if (/[()]/.test(core)) add('shape:parenthesis');

  // --- What the first verb acts on (or what the sentence is about).
  const phrase = objectPhrase(words, firstIsVerb ? 1 : 0);
  const head = phrase[phrase.length - 1];
  const headLemma = head ? nounLemma(head.lower) : '';
  if (head) {
    if (ABSTRACT_SUFFIX.test(headLemma)) add('head:abstract-form', 1, head.text);
    if (head.tag === 's') add('head:plural', 1, head.text);
    if (head.zipf === 0) add('head:unknown', 1, head.text);
    else add('head:zipf', head.zipf / 70, head.text);
    if (isCapitalised(head) && head !== first) add('head:named', 1, head.text);
    if (phrase.length >= 2) add('head:compound', 1, phrase.map((w) => w.text).join(' '));
    if (/[jcu]/.test(phrase[0].tag) && phrase.length >= 2) add('head:modified', 1, phrase[0].text);
  } else add('head:none');
  if (firstIsVerb && phrase.length === 0 && n > 1) add('head:verb-then-function-word');

  // --- Specific things named: people, products, acronyms; how rare the words are.
  const agent = words.find((w) => w.tag === 's' && AGENT_PLURAL.test(w.lower));
  if (agent) add('named:people', 1, agent.text);
  // In Title Case Every Word Is Capitalised, so capitals name nothing.
  const titleCase =
    n >= 3 &&
    later.filter((w) => isCapitalised(w)).length >=
      0.6 * later.filter((w) => w.tag !== 't' && w.tag !== 'i' && w.tag !== 'k').length;
  if (titleCase) add('shape:title-case');
  const named = titleCase ? undefined : later.find((w) => isCapitalised(w) && !isAcronym(w) && w.tag !== 'o');
  if (named) add('named:capitalised', 1, named.text);
  const acronym = words.find(isAcronym);
  if (acronym) add('named:acronym', 1, acronym.text);
  if (words.some((w) => /\p{L}\d|\d\p{L}/u.test(w.text) && !/^\d+(?:st|nd|rd|th|s|x|k|m)$/i.test(w.text)))
    add('named:code');

  const content = words.filter(isContent);
  if (content.length) {
    const zipfs = content.map((w) => w.zipf);
    const rare = content.filter((w) => w.zipf < 30);
    add('zipf:mean', zipfs.reduce((a, b) => a + b, 0) / zipfs.length / 70);
    add('zipf:min', Math.min(...zipfs) / 70);
    add('rare:share', rare.length / content.length, rare[0]?.text);
    if (rare.length === 0) add('rare:none');
    const unknown = content.filter((w) => w.zipf === 0);
    if (unknown.length) add('rare:unknown-word', 1, unknown[0].text);
  }
  add('content:count', Math.min(content.length, 12) / 12);

  // --- Words that praise or blame rather than describe (AFINN-165), and hyphenated praise ("world-class").
  // (The first verb's own tone is the verb's: "Improve" is read as a verb, not as praise.)
  // (Nor is a capitalised word inside the sentence: "Brave" the browser is a name.)
  const praise = words.filter(
    (w) =>
      (w !== first || !firstIsVerb) &&
      (w === first || !isCapitalised(w) || titleCase) &&
      (w.valence > 0 || (w.lower.includes('-') && w.lower.split('-').some((p) => lookup(p).valence > 0))),
  );
  if (praise.length) {
    const top = praise.reduce((a, b) => (b.valence > a.valence ? b : a));
    add('sentiment:praise', 1, top.text);
    add('sentiment:max', Math.max(top.valence, 1) / 5, top.text);
    if (praise.length > 1) add('sentiment:several', 1, top.text);
  }
  const blame = words.find((w) => w.valence < 0);
  if (blame) add('sentiment:blame', 1, blame.text);

  // --- Adjectives that praise rather than describe.
  const superlative = words.find((w) => w.tag === 'u' || /^(?:best|top|leading|world)$/.test(w.lower));
  if (superlative) add('adj:superlative', 1, superlative.text);
  const comparative = words.find((w) => w.tag === 'c');
  if (comparative) add('adj:comparative', 1, comparative.text);
  const compound = words.find(
    (w) => w.lower.includes('-') && w.zipf === 0 && /[jn]/.test(guessTag(w)) && !/\d/.test(w.lower),
  );
  if (compound) add('adj:hyphenated', 1, compound.text);
  const adjectives = words.filter((w) => /^[jcu]/.test(w.tag) && w.zipf > 0);
  if (adjectives.length) {
    const common = adjectives.reduce((a, b) => (b.zipf > a.zipf ? b : a));
    add('adj:max-zipf', common.zipf / 70, common.text);
    if (common.zipf >= 45) add('adj:everyday', 1, common.text);
  }
  add('adj:count', Math.min(words.filter((w) => /^[jcu]/.test(w.tag)).length, 4) / 4);

  // --- Closed-class words and what follows the verb.
  const seen: string[] = [];
  for (const w of words) {
    const name = FW_NAMES.get(w.lower);
    if (name !== undefined && !seen.includes(name)) {
      seen.push(name);
      add(name);
    }
  }
  const second = words[1];
  // "Hire 10 new engineers", "Publish 3 posts": a count of things done right after the verb, not a rate.
  const count = firstIsVerb
    ? words.slice(1, 4).findIndex((w) => /^\d[\d,]*\+?$/.test(w.text) || NUMBER_WORDS.test(w.lower))
    : -1;
  if (count !== -1 && !/%|percent/i.test(core.slice(words[count + 1].start, words[count + 1].end + 12))) {
    const thing = words.slice(count + 2, count + 5).find((w) => /[sn]/.test(w.tag));
    if (thing) {
      add('m:counts-things', 1, `${first.text} ${words[count + 1].text} ${thing.text}`);
      add(`lemma-counts:${leadLemma}`, 1, first.text);
    }
  }
  if (firstIsVerb && second?.tag === 't' && /^(?:a|an)$/.test(second.lower)) add('head:indefinite');

  // --- What the words resemble: the first verb's, the head noun's and the mean of the content words' vectors.
  if (firstIsVerb) addVector(add, LEAD_DIMS, first, leadLemma);
  if (head) addVector(add, HEAD_DIMS, head, headLemma);
  const vectors = content.map((w) => vectorOf(w)).filter((v): v is Float32Array => v !== undefined);
  if (vectors.length) {
    for (let d = 0; d < DIMS; d++) {
      let sum = 0;
      for (const v of vectors) sum += v[d];
      add(MEAN_DIMS[d], sum / vectors.length);
    }
  }

  return out;
}
