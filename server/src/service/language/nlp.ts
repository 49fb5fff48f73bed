/**
 * compromise, a small English NLP library, loaded on first use only (it costs ~80 ms to load and most
 * sentences never need it): numbers written as words, and which words are finite verbs.
 */
import { createRequire } from 'node:module';

interface Term {
  readonly text: string;
  readonly tags: readonly string[];
}
interface NlpDoc {
  numbers(): { get(): unknown[] };
  json(): { terms: Term[] }[];
}
type Nlp = (text: string) => NlpDoc;

let nlp: Nlp | undefined;

function load(): Nlp {
  if (!nlp) {
    const require = createRequire(__filename);
    const mod = require('compromise/three') as Nlp | { default: Nlp };
    nlp = typeof mod === 'function' ? mod : mod.default;
  }
  return nlp;
}

/**
 * compromise's time grows faster than the text (a 128,000-character title took 18 s, a 300,000-character
 * one minutes), so it sees at most the first MAX_WORDS words (and characters enough for them): plenty
 * for a title or a number.
 */
export const MAX_WORDS = 64;

function head(text: string): string {
  if (text.length <= MAX_WORDS * 4) return text;
  const words = text.split(/\s+/, MAX_WORDS + 1);
  const cut = words.length > MAX_WORDS ? words.slice(0, MAX_WORDS).join(' ') : text;
  return cut.slice(0, MAX_WORDS * 32);
}

/**
 * Remembers the last answers by text: an edit re-checks a whole objective, but usually changes one of
 * its sentences, so the others are read once.
 */
function remembered<T>(compute: (text: string) => T, max = 4096): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text)!;
    const answer = compute(text);
    if (answers.size >= max) answers.delete(answers.keys().next().value!);
    answers.set(text, answer);
    return answer;
  };
}

/** compromise's reading of a sentence: the few last ones (several questions are asked of each). */
const read = remembered((text: string) => load()(head(text)), 16);

/** A number written in words ("sixty", "twenty one"), or undefined. */
export const wordsToNumber = remembered((text): number | undefined => {
  const [n] = read(text).numbers().get();
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
});

/**
 * The index (among the sentence's words) of the first finite verb after the first word: "Employee
 * laptops *stop* being…". Gerunds and participles ("hardening", "driven") do not count. Only the first
 * MAX_WORDS words are read.
 */
export const firstFiniteVerb = remembered((text): number | undefined => {
  const terms = read(text).json()[0]?.terms ?? [];
  for (let i = 1; i < terms.length; i++) {
    const tags = terms[i].tags;
    if (tags.includes('Verb') && !tags.includes('Gerund') && !tags.includes('Participle')) return i;
  }
  return undefined;
});

/**
 * Loads compromise and runs its tagger once, so that the first sentence that needs it (often on a
 * keystroke) does not pay for building its models. For idle time after start-up.
 */
export function warmUpLanguage(): void {
  firstFiniteVerb('Customers stop losing their accounts to phishing');
  wordsToNumber('twenty one');
}
