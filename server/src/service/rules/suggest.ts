import { closest, distance } from 'fastest-levenshtein';

/**
 * Ids and keys longer than this get no suggestion: an edit distance costs length × length, and a
 * 100,000-character aligns_to against a 300,000-character id took 25 s (found by the fuzz test).
 */
export const MAX_SUGGESTION_LENGTH = 64;

/**
 * The candidates that could be within `limit` edits of a word: no longer than MAX_SUGGESTION_LENGTH,
 * and of a length within `limit` of the word's (the distance is at least the difference in length).
 */
export function nearbyCandidates(word: string, candidates: readonly string[], limit: number): string[] {
  if (word.length > MAX_SUGGESTION_LENGTH) return [];
  return candidates.filter((c) => c.length <= MAX_SUGGESTION_LENGTH && Math.abs(c.length - word.length) <= limit);
}

/** The known id closest to a mistyped one, when it is close enough to be a typo (ids are short). */
export function suggestId(value: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(value.length / 4));
  // Sorted, so that of two as close the same one is suggested whatever order the ids were defined in.
  const near = nearbyCandidates(value, known, limit).sort();
  if (near.length === 0) return undefined;
  const a = value.toLowerCase();
  const swapped = near.find((k) => isTransposition(a, k.toLowerCase()));
  if (swapped) return swapped;
  const best = closest(value, near);
  return distance(a, best.toLowerCase()) <= limit ? best : undefined;
}

/** "alcie" for "alice": two neighbouring letters swapped, the commonest typo (one edit, not two). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}
