/**
 * Reading OKR sentences: words, measures and direction. Number and direction words come from words.json
 * (data); the patterns here only say what is *not* a measure (ids, dates, quarters, standards' names).
 * Judging sentences (vague, task, unmeasurable) is the models' work: judge.ts.
 */
import type { WordLists } from './words';

export interface Token {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{N}]+(?:[-'\u2019.][\p{L}\p{N}]+)*%?/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
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

const blankedCache = new Map<string, string>();

/**
 * The text with every non-measure number blanked out (same length, so positions still hold). Remembered
 * by text: several rules ask it of every title, and a workspace repeats titles.
 */
export function withoutNonMeasures(text: string): string {
  const known = blankedCache.get(text);
  if (known !== undefined) return known;
  let out = text;
  // Most titles have no digit, and every pattern here needs one.
  if (/\d/.test(text)) for (const re of NOT_MEASURES) out = out.replace(re, (m) => ' '.repeat(m.length));
  if (blankedCache.size >= 8192) blankedCache.delete(blankedCache.keys().next().value!);
  blankedCache.set(text, out);
  return out;
}

/** Whether the sentence states a measure: a number, a percentage or a number word ("doubles", "zero"). */
export function hasMeasure(text: string, words: WordLists): boolean {
  const stripped = withoutNonMeasures(text);
  if (/\d|%/.test(stripped)) return true;
  return lowerWords(stripped).some((w) => words.numberWords.has(w));
}

export type Direction = 'decrease' | 'increase';

/** The direction the sentence asks for, from its first reduce or increase word. */
export function directionOf(text: string, words: WordLists): Direction | undefined {
  for (const w of lowerWords(text)) {
    if (words.reduceWords.has(w)) return 'decrease';
    if (words.increaseWords.has(w)) return 'increase';
  }
  return undefined;
}

const wordsCache = new Map<string, readonly string[]>();

/** The text's words, lower-case, remembered by text (every title is asked several questions). */
function lowerWords(text: string): readonly string[] {
  let words = wordsCache.get(text);
  if (!words) {
    words = tokenize(text).map((t) => t.lower);
    if (wordsCache.size >= 8192) wordsCache.delete(wordsCache.keys().next().value!);
    wordsCache.set(text, words);
  }
  return words;
}
