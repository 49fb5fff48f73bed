import { closest, distance } from 'fastest-levenshtein';

/** The known id closest to a mistyped one, when it is close enough to be a typo (ids are short). */
export function suggestId(value: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const a = value.toLowerCase();
  const swapped = known.find((k) => isTransposition(a, k.toLowerCase()));
  if (swapped) return swapped;
  const best = closest(value, known as string[]);
  return distance(a, best.toLowerCase()) <= Math.max(1, Math.floor(value.length / 4)) ? best : undefined;
}

/** "alcie" for "alice": two neighbouring letters swapped, the commonest typo (one edit, not two). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}
