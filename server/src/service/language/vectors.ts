/**
 * Word vectors (vectors.json, built by scripts/build-vectors.mjs from GloVe): words that are used alike
 * get alike vectors, so the models read a word the corpus never showed by the words it resembles.
 * Decoded once, on first use.
 */
import data from './vectors.json';
import { decodeBase64 } from '../../../../shared/base64';

const { dims, words, data: base64 } = data as { dims: number; words: string; data: string };
export const DIMS = dims;

let table: { index: Map<string, number>; values: Float32Array } | undefined;

function load() {
  const bytes = decodeBase64(base64);
  const values = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) values[i] = ((bytes[i] << 24) >> 24) / 127;
  const index = new Map<string, number>();
  words.split(' ').forEach((w, i) => index.set(w, i * dims));
  return { index, values };
}

/** The word's vector (unit length, `DIMS` numbers; a view: do not modify), or undefined if it is not among the 20,000. */
export function vectorOf(lower: string): Float32Array | undefined {
  table ??= load();
  const at = table.index.get(lower);
  return at === undefined ? undefined : table.values.subarray(at, at + dims);
}
