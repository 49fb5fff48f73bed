/**
 * Reading OKR sentences: words, measures, the leading verb. Word lists come from words.json (data);
 * the patterns here only say what is *not* a measure (ids, dates, quarters, standards' names).
 */
import type { WordLists } from './words';
import { firstFiniteVerb } from './nlp';

export interface Token {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*%?/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';

/** Numbers that name things or times rather than measure them. */
const NOT_MEASURES: readonly RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}\b/g, // 2026-03-31
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, // 31/03/2026 (2/3 is a fraction, not a date)
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'gi'), // March 31(, 2026)
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b`, 'gi'), // 31 March
  /\b(?:19|20)\d{2}(?:[-\s]?(?:Q[1-4]|H[12]))?\b/gi, // 2026, 2026-Q1
  /\b(?:FY|CY)\s?'?\d{2,4}\b/gi, // FY23, FY 2026
  /\b[QH][1-4](?:\s?(?:FY)?'?\d{2,4})?\b/gi, // Q3, H1, Q3 2026
  /\bSOC\s?[123]\b/gi,
  /\bISO(?:\/IEC)?\s?\d{4,5}(?:[-:]\d+)*\b/gi, // ISO 27001
  /\bNIST\s?(?:SP\s?)?\d{3}(?:-\d+)*[A-Z]?\b/gi, // NIST 800-53
  /\bPCI[-\s]?DSS(?:\s?v?\d(?:\.\d)*)?\b/gi,
  /\bOWASP\s+Top\s+\d+\b/gi,
  /\b(?:type|tier|level|phase|stage|step|sev|severity|priority|p|l|v|version|gen|wave)[-\s]?\d+(?:\.\d+)*\b/gi, // Tier 1, Sev-1, v2
  /\bTLS\s?\d(?:\.\d)?\b/gi,
  /\b[A-Z]{2,}-\d+(?:\.\d+)*\b/g, // ids: SEC-1.2, CVE-2021-44228 (partly)
  /\bCVE-\d{4}-\d{4,}\b/gi,
  /\b[a-z]+\d+[a-z\d]*\b/gi, // names mixing letters then digits: S3, EC2, log4j, IPv6, k8s
];

/** The text with every non-measure number blanked out (same length, so positions still hold). */
export function withoutNonMeasures(text: string): string {
  let out = text;
  for (const re of NOT_MEASURES) out = out.replace(re, (m) => ' '.repeat(m.length));
  return out;
}

const QUANTIFIERS = new Set(['all', 'every', 'no', 'none', 'each']);

/**
 * Whether the sentence states a measure: a number, a percentage or a number word. With `quantifiers`,
 * "all", "every", "no" count too ("All services behind SSO" is decidable).
 */
export function hasMeasure(text: string, words: WordLists, quantifiers = true): boolean {
  const stripped = withoutNonMeasures(text);
  if (/\d|%/.test(stripped)) return true;
  const tokens = tokenize(stripped);
  let quantifierOnly = false;
  for (const t of tokens) {
    if (!words.numberWords.has(t.lower)) continue;
    if (!QUANTIFIERS.has(t.lower)) return true;
    quantifierOnly = quantifiers;
  }
  // "All services behind SSO" is decidable; "Improve all processes" is not.
  if (quantifierOnly) {
    const lead = leadingWord(text, words);
    return !(lead && words.comparativeVerbs.has(stem(lead.lower, words.comparativeVerbs)));
  }
  return false;
}

/** The words that carry the sentence: past a leading "By the end of Q3," and adverbs ("jointly"). */
export function coreTokens(text: string, words: WordLists): Token[] {
  let tokens = tokenize(text);
  const lead = /^\s*(?:by|in|before|until|over|during|within|for)\b[^,]{0,60},/i.exec(text);
  if (lead) tokens = tokens.filter((t) => t.start >= lead[0].length);
  let i = 0;
  while (i < tokens.length - 1 && (words.adverbs.has(tokens[i].lower) || /^[a-z]+ly$/.test(tokens[i].lower))) i++;
  return tokens.slice(i);
}

/** The first word, past adverbs such as "successfully". */
export function leadingWord(text: string, words: WordLists): Token | undefined {
  return coreTokens(text, words)[0];
}

/** The base form of a verb if `forms` knows it: implementing, implemented, implements → implement. */
export function stem(word: string, forms: ReadonlySet<string>): string {
  if (forms.has(word)) return word;
  const candidates = [
    word.replace(/ies$/, 'y'),
    word.replace(/ied$/, 'y'),
    word.replace(/e?s$/, ''),
    word.replace(/ing$/, ''),
    word.replace(/ing$/, 'e'),
    word.replace(/ed$/, ''),
    word.replace(/d$/, ''),
    word.replace(/(.)\1ing$/, '$1'),
    word.replace(/(.)\1ed$/, '$1'),
  ];
  return candidates.find((c) => c !== word && forms.has(c)) ?? word;
}

/** Whether a key result describes an activity or a deliverable rather than an outcome. */
export function isTaskLike(text: string, words: WordLists): boolean {
  const tokens = coreTokens(text, words);
  if (tokens.length === 0) return false;
  const lead = tokens[0].lower;
  // "Share of findings fixed…", "Number of…": the first word is a noun, not an instruction.
  if (tokens[1]?.lower === 'of') return false;
  // At the start of a sentence a verb is bare ("Implement") or -ing/-ed; "Designs with…" is a noun.
  const asTask = /[^s]s$/.test(lead) ? lead : stem(lead, words.taskVerbs);
  if (words.taskVerbs.has(asTask)) {
    // A rate over a population right after the verb ("Rebuild 95% of images within 7 days") is a result.
    if (tokens.slice(1, 4).some((t) => /%$/.test(t.text) || t.lower === 'percent')) return false;
    if (!words.outcomeVerbs.has(stem(lead, words.outcomeVerbs))) return true;
    // Verbs that can go either way ("hold 4 workshops" vs "hold MTTR under 4h"): an event is a task.
    return tokens.slice(1, 6).some((t) => words.activityNouns.has(t.lower));
  }
  // "Incident response process documented", "Success plan defined for each account": a deliverable
  // (but "70% of objectives defined in the agreement are met" measures something).
  if (/\d\s*%|\bpercent\b/i.test(text)) return false;
  // "Every production repository scanned for secrets": a coverage measure, not a to-do.
  if (/^(?:every|all|each|no|none)$/.test(lead)) return false;
  return tokens.some((t, i) => {
    if (i === 0 || !words.deliverableParticiples.has(t.lower)) return false;
    const next = tokens[i + 1]?.lower;
    const prev = tokens[i - 1].lower;
    return next === undefined || words.phraseBreaks.has(next) || /^(?:is|are|be|been|was|were|gets?|got)$/.test(prev);
  });
}

export interface Vagueness {
  readonly vague: boolean;
  /** Why: the hype word, or the abstract head the generic verb leans on. */
  readonly because?: string;
}

/**
 * Whether an objective names no specific outcome: a superlative standing in for one ("world-class"), or
 * a generic verb (or none) whose object is an abstraction ("Improve code quality", "Availability").
 */
export function vagueness(text: string, words: WordLists): Vagueness {
  const tokens = coreTokens(text, words);
  if (tokens.length === 0) return { vague: false };
  for (const [i, t] of tokens.entries()) {
    if (words.concrete.has(t.lower)) return { vague: false };
    if (words.hypeWords.has(t.lower)) return { vague: true, because: t.text };
    const next = tokens[i + 1];
    if (next && words.hypeBigrams.has(`${t.lower} ${next.lower}`))
      return { vague: true, because: `${t.text} ${next.text}` };
  }
  const lead = tokens[0].lower;
  const generic = words.genericVerbs.has(stem(lead, words.genericVerbs));
  const outcome = words.outcomeVerbs.has(stem(lead, words.outcomeVerbs));
  // One or two words ("Programmable", "Ecosystem") are a label, not an outcome.
  if (tokens.length <= 2 && !outcome && !tokens.some((t) => words.beneficiaries.has(t.lower))) {
    return { vague: true, because: text.trim() };
  }
  const known =
    generic ||
    words.taskVerbs.has(stem(lead, words.taskVerbs)) ||
    words.outcomeVerbs.has(stem(lead, words.outcomeVerbs));
  if (known && !generic) return { vague: false }; // "Reduce churn…", "Delight customers…": a specific move
  // The object (or, for a sentence without a known verb, the subject) up to the first break.
  let phrase = tokens.slice(generic ? 1 : 0);
  if (!generic) {
    // A sentence with a subject and a verb ("Employee laptops stop being the easy way in", "Engineering
    // teams fix security bugs…") states an outcome; only a superlative (checked above) makes it vague.
    if (firstFiniteVerb(tokens.map((t) => t.text).join(' ')) !== undefined) return { vague: false };
  }
  while (phrase.length && (words.determiners.has(phrase[0].lower) || words.phraseBreaks.has(phrase[0].lower))) {
    phrase = phrase.slice(1);
  }
  const end = phrase.findIndex((t) => words.phraseBreaks.has(t.lower));
  if (end !== -1) phrase = phrase.slice(0, end);
  // "Make our customers love…": it names who benefits.
  if (phrase.length && words.beneficiaries.has(phrase[0].lower) && /s$/.test(phrase[0].lower)) return { vague: false };
  const head = phrase[phrase.length - 1];
  if (!head) return generic ? { vague: true, because: tokens[0].text } : { vague: false };
  const h = head.lower.replace(/['’]s$/, '');
  return words.abstractNouns.has(h) ? { vague: true, because: head.text } : { vague: false };
}

export type Direction = 'decrease' | 'increase';

/** The direction the sentence asks for, from its first reduce or increase word. */
export function directionOf(text: string, words: WordLists): Direction | undefined {
  for (const t of tokenize(text)) {
    if (words.reduceWords.has(t.lower)) return 'decrease';
    if (words.increaseWords.has(t.lower)) return 'increase';
  }
  return undefined;
}
