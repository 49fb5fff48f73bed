/**
 * What general English says about a word: how common it is (Zipf, from SUBTLEX-US) and which parts of
 * speech it can take (from Brill's lexicon), read from lexicon.json (data, built by
 * scripts/build-lexicon.mjs). Read once, on first use.
 */
import data from './lexicon.json';
import { vectorAt, vectorWords } from './vectors';

/**
 * Parts of speech, one letter each, most frequent first: n noun, s plural noun, p proper noun, v verb
 * (base), d past, e past participle, g gerund, z third person, j adjective, c comparative, u superlative,
 * r adverb, t determiner, i preposition or particle, k conjunction, o pronoun, m modal, # number.
 */
export interface WordInfo {
  /** Zipf x10 (30 = once per million words), or 0 when the word is not in the list. */
  readonly zipf: number;
  readonly pos: string;
  /** AFINN-165's rating, -5 (blame) to 5 (praise); 0 when unrated. */
  readonly valence: number;
  /** The word's row in the vectors (vectors.ts), or -1 when it has none. */
  readonly vector: number;
}

const UNKNOWN: WordInfo = { zipf: 0, pos: '', valence: 0, vector: -1 };
let table: Map<string, WordInfo> | undefined;

/**
 * 46,000 words share a few thousand distinct (zipf, parts of speech, valence) triples: each word without
 * a vector points at its triple's one object, so the table costs a map entry per word; the 20,000 with
 * a vector have an entry of their own, which says where their vector is.
 */
function load(): Map<string, WordInfo> {
  const map = new Map<string, WordInfo>();
  const infos = new Map<string, WordInfo>();
  for (const [band, words] of Object.entries((data as { bands: Record<string, string> }).bands)) {
    const zipf = Number(band);
    for (const entry of words.split(' ')) {
      const colon = entry.indexOf(':');
      const word = colon === -1 ? entry : entry.slice(0, colon);
      const key = `${zipf}:${colon === -1 ? '' : entry.slice(colon + 1)}`;
      let info = infos.get(key);
      if (!info) {
        const [pos = '', valence = '0'] = colon === -1 ? [] : entry.slice(colon + 1).split(':');
        info = { zipf, pos, valence: Number(valence), vector: -1 };
        infos.set(key, info);
      }
      map.set(word, info);
    }
  }
  vectorWords().forEach((word, row) => {
    const { zipf, pos, valence } = map.get(word) ?? UNKNOWN;
    map.set(word, { zipf, pos, valence, vector: row });
  });
  return map;
}

/** The word's entry (lower-case lookup), or zipf 0 and no parts of speech. */
export function lookup(lower: string): WordInfo {
  table ??= load();
  return table.get(lower) ?? UNKNOWN;
}

/** The word's vector (a view: do not modify), or undefined if it is not among the 20,000. */
export function vectorOf(info: WordInfo): Float32Array | undefined {
  return info.vector === -1 ? undefined : vectorAt(info.vector);
}

/** Whether the lexicon knows `lower` as a base-form verb. */
export function isVerbBase(lower: string): boolean {
  return lookup(lower).pos.includes('v');
}

/**
 * The base form of a verb form: implemented → implement, running → run, applies → apply, made → made
 * (irregular forms stay as they are). Checked against the lexicon, so nouns are left alone.
 */
export function verbLemma(lower: string): string {
  if (isVerbBase(lower)) return lower;
  const candidates = [
    lower.replace(/ies$/, 'y'),
    lower.replace(/ied$/, 'y'),
    lower.replace(/es$/, ''),
    lower.replace(/s$/, ''),
    lower.replace(/ing$/, ''),
    lower.replace(/ing$/, 'e'),
    lower.replace(/(.)\1ing$/, '$1'),
    lower.replace(/ed$/, ''),
    lower.replace(/d$/, ''),
    lower.replace(/(.)\1ed$/, '$1'),
  ];
  return candidates.find((c) => c !== lower && isVerbBase(c)) ?? lower;
}

/** The singular of a plural noun the lexicon knows: customers → customer, policies → policy. */
export function nounLemma(lower: string): string {
  if (!/s$/.test(lower) || !lookup(lower).pos.includes('s')) return lower;
  for (const c of [lower.replace(/ies$/, 'y'), lower.replace(/es$/, ''), lower.replace(/s$/, '')]) {
    if (c !== lower && /[ns]/.test(lookup(c).pos)) return c;
  }
  return lower;
}

/** Loads the table now, so that the first sentence read later does not pay for it. */
export function warmUpLexicon(): void {
  lookup('the');
}
