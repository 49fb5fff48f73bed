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

/** A number written in words ("sixty", "twenty one"), or undefined. */
export function wordsToNumber(text: string): number | undefined {
  const [n] = load()(text).numbers().get();
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * The index (among the sentence's words) of the first finite verb after the first word: "Employee
 * laptops *stop* being…". Gerunds and participles ("hardening", "driven") do not count.
 */
export function firstFiniteVerb(text: string): number | undefined {
  const terms = load()(text).json()[0]?.terms ?? [];
  for (let i = 1; i < terms.length; i++) {
    const tags = terms[i].tags;
    if (tags.includes('Verb') && !tags.includes('Gerund') && !tags.includes('Participle')) return i;
  }
  return undefined;
}
