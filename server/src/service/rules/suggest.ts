import { closest, distance } from 'fastest-levenshtein';

/** The known id closest to a mistyped one, when it is close enough to be a typo (ids are short). */
export function suggestId(value: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(value, known as string[]);
  return distance(value.toLowerCase(), best.toLowerCase()) <= Math.max(1, Math.floor(value.length / 4))
    ? best
    : undefined;
}
