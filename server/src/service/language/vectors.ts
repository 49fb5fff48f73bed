/**
 * Word vectors (vectors.json, built by scripts/build-vectors.mjs from GloVe): words that are used alike
 * get alike vectors, so the models read a word the corpus never showed by the words it resembles.
 * The lexicon says which row is a word's (lexicon.ts: one lookup gives a word's entry and its vector).
 * Decoded once, on first use.
 */
import data from './vectors.json';
import { decodeBase64 } from '../../../../shared/base64';

const { dims, words, data: base64 } = data as { dims: number; words: string; data: string };
export const DIMS = dims;

/** The words that have a vector, by row (20,000 of the lexicon's most common). */
export const vectorWords = (): readonly string[] => words.split(' ');

let values: Float32Array | undefined;

function load(): Float32Array {
  const bytes = decodeBase64(base64);
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = ((bytes[i] << 24) >> 24) / 127;
  return out;
}

/** Row `row`'s vector (unit length, `DIMS` numbers; a view: do not modify). */
export function vectorAt(row: number): Float32Array {
  values ??= load();
  return values.subarray(row * dims, (row + 1) * dims);
}
