/**
 * Inputs for the fuzz test: the example files, the real-world fixture and the corpus sentences, mutated
 * the ways an editor, a bad merge, a binary file or a hostile author would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Prng } from './prng';

const ROOT = path.join(__dirname, '..', '..');

export interface Seeds {
  readonly files: readonly string[];
  readonly objectives: readonly string[];
  readonly keyResults: readonly string[];
  readonly config: string;
}

export function loadSeeds(): Seeds {
  const examples = path.join(ROOT, 'examples');
  const files = readdirSync(examples)
    .filter((f) => f.endsWith('.okr.yaml'))
    .sort()
    .map((f) => readFileSync(path.join(examples, f), 'utf8'));
  files.push(readFileSync(path.join(ROOT, 'test', 'fixtures', 'real-world.okr.yaml'), 'utf8'));
  const objectives: string[] = [];
  const keyResults: string[] = [];
  // The training corpus's sentences (real titles; the blind set stays out of everything but its evaluation).
  const corpus = path.join(ROOT, 'test', 'corpus', 'train');
  for (const f of readdirSync(corpus)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const entries = parse(readFileSync(path.join(corpus, f), 'utf8')) as { text: string; kind: string }[];
    for (const e of entries) (e.kind === 'objective' ? objectives : keyResults).push(String(e.text));
  }
  if (!objectives.length || !keyResults.length) throw new Error(`no corpus sentences under ${corpus}`);
  return { files, objectives, keyResults, config: readFileSync(path.join(examples, 'okr.config.yaml'), 'utf8') };
}

/** Characters that have broken text handling somewhere. */
const ODD = [
  '\u200F', // right-to-left mark
  '\u202E', // right-to-left override
  '\u200B', // zero-width space
  '\u200D', // zero-width joiner
  '\uFEFF', // byte order mark, mid-text
  '\uD800', // lone high surrogate
  '\uDC00', // lone low surrogate
  '\uDBFF\uDFFF', // the last code point
  '😀',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  'e\u0301\u0301\u0301', // stacked combining marks
  '\u2028', // line separator (not a line break in LSP)
  '\u2029',
  '\u0085', // next line
  '\u00A0',
  '\u0000',
  '\r',
  '\t',
  '\u001B[31m',
  '\uFFFD',
  '\uFFFF',
];

/** Pieces of YAML, sensible and not, for insertions and edits. */
const SNIPPETS = [
  '\n  - id: X-1\n    title: Inserted objective\n',
  '\n      - id: X-1.1\n        title: Cut p95 latency from 900 to 300 ms\n        baseline: 900\n        target: 300\n',
  'aligns_to: ',
  'aligns_to: [CO-1, CO-2, ../etc/passwd, /abs/path, "..", .]',
  'tenet: ',
  'owner: ',
  'key_results:\n',
  '- ',
  ': ',
  '#',
  '# okr-disable-next-line ',
  '# okr-disable\n',
  '# okr-enable\n',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary |\n  R0lGODlhDAAMAIQAAP',
  '!tag ',
  '? ',
  '|\n',
  '>-\n',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '---\n',
  '...\n',
  '%YAML 1.2\n---\n',
  '%TAG ! tag:x,2000:\n',
  'period: 2026-Q1\n',
  'period: {start: 2026-02-30, end: 2025-01-01}\n',
  'confidence: 1e309\n',
  'baseline: -0x1F\n',
  'target: .nan\n',
  'due: 9999-99-99\n',
  'done: yes\n',
  'people:\n  - id: alice\n',
  'tenets:\n  - id: secure-the-product\n    title: Secure\n',
  '\n',
  '\r\n',
  ' ',
  '  ',
  '\t',
];

type Mutator = (r: Prng, text: string, seeds: Seeds) => string;

const lines = (text: string) => text.split('\n');

function at(r: Prng, text: string): number {
  return r.int(0, text.length);
}

function insertAt(text: string, offset: number, piece: string): string {
  return text.slice(0, offset) + piece + text.slice(offset);
}

function randomLine(r: Prng, ls: string[]): number {
  return r.int(0, Math.max(0, ls.length - 1));
}

export const MUTATORS: Record<string, Mutator> = {
  byteFlips(r, text) {
    const chars = text.split('');
    for (let n = r.int(1, 8); n > 0 && chars.length; n--) {
      const i = r.int(0, chars.length - 1);
      chars[i] = r.chance(0.5)
        ? String.fromCharCode(chars[i].charCodeAt(0) ^ (1 << r.int(0, 7)))
        : String.fromCharCode(r.int(0, 255));
    }
    return chars.join('');
  },
  truncate(r, text) {
    return text.slice(0, at(r, text));
  },
  deleteLines(r, text) {
    const ls = lines(text);
    const i = randomLine(r, ls);
    ls.splice(i, r.int(1, 5));
    return ls.join('\n');
  },
  duplicateLines(r, text) {
    const ls = lines(text);
    const i = randomLine(r, ls);
    const block = ls.slice(i, i + r.int(1, 12));
    ls.splice(r.int(0, ls.length), 0, ...block);
    return ls.join('\n');
  },
  reindent(r, text) {
    const ls = lines(text);
    for (let n = r.int(1, 6); n > 0; n--) {
      const i = randomLine(r, ls);
      ls[i] = r.chance(0.5) ? ' '.repeat(r.int(1, 9)) + ls[i] : ls[i].replace(/^ {1,3}/, '');
    }
    return ls.join('\n');
  },
  tabs(r, text) {
    const ls = lines(text);
    for (let n = r.int(1, 4); n > 0; n--) {
      const i = randomLine(r, ls);
      ls[i] = r.chance(0.6) ? ls[i].replace(/^ +/, (s) => '\t'.repeat(Math.ceil(s.length / 2))) : '\t' + ls[i];
    }
    return ls.join('\n');
  },
  oddUnicode(r, text) {
    let out = text;
    for (let n = r.int(1, 6); n > 0; n--) out = insertAt(out, at(r, out), r.pick(ODD).repeat(r.chance(0.1) ? 500 : 1));
    return out;
  },
  nul(r, text) {
    let out = text;
    for (let n = r.int(1, 4); n > 0; n--) out = insertAt(out, at(r, out), '\0'.repeat(r.int(1, 3)));
    return out;
  },
  hugeScalar(r, text, seeds) {
    const size = r.pick([2_000, 20_000, 100_000, 300_000]);
    const sentence = r.pick(seeds.keyResults) + ' ';
    const body = r.chance(0.5) ? sentence.repeat(Math.ceil(size / sentence.length)) : 'x'.repeat(size);
    const ls = lines(text);
    const candidates = ls.map((l, i) => (/^\s*(-\s+)?\w+:\s+\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return text + `\ntitle: ${body}\n`;
    const i = r.pick(candidates);
    ls[i] = ls[i].replace(/:\s+.*$/, `: ${r.chance(0.3) ? JSON.stringify(body) : body}`);
    return ls.join('\n');
  },
  deepFlow(r, text) {
    const depth = r.chance(0.1) ? 10_000 : r.skewed(3_000) + 2;
    const open = r.chance(0.5) ? '[' : '{';
    const close = open === '[' ? ']' : '}';
    const inner = '['.repeat(depth) + (r.chance(0.5) ? close.repeat(depth) : '');
    const piece = open === '[' ? inner : '{a: '.repeat(depth) + 'x' + '}'.repeat(r.chance(0.5) ? depth : 0);
    return insertAt(text, at(r, text), piece);
  },
  deepBlock(r, text) {
    const depth = r.chance(0.1) ? 10_000 : r.skewed(2_000) + 2;
    const out: string[] = [];
    for (let d = 0; d < depth; d++) out.push(' '.repeat(d) + (r.chance(0.5) ? '- ' : `k${d}:`));
    const ls = lines(text);
    ls.splice(randomLine(r, ls), 0, ...out);
    return ls.join('\n');
  },
  anchorsAndAliases(r, text) {
    const ls = lines(text);
    for (let n = r.int(1, 5); n > 0; n--) {
      const i = randomLine(r, ls);
      const name = r.pick(['a', 'b', 'x', 'alice', '']);
      ls[i] = r.chance(0.5)
        ? ls[i].replace(/:\s+/, `: &${name} `)
        : ls[i].replace(/:\s+.*$/, `: *${r.pick(['a', 'b', 'nope', name])}`);
    }
    return ls.join('\n');
  },
  aliasBomb(r, text) {
    const width = r.int(2, 10);
    const depth = r.int(2, 10);
    const levels = [`    b0: &b0 [${Array(width).fill('"lol"').join(',')}]`];
    for (let i = 1; i < depth; i++)
      levels.push(
        `    b${i}: &b${i} [${Array(width)
          .fill(`*b${i - 1}`)
          .join(',')}]`,
      );
    const ls = lines(text);
    ls.splice(randomLine(r, ls), 0, '  - description:', ...levels.map((l) => '  ' + l));
    return ls.join('\n');
  },
  lineEndings(r, text) {
    return r.pick([text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r'), text.replace(/\n/g, '\u2028')]);
  },
  swapLines(r, text) {
    const ls = lines(text);
    for (let n = r.int(1, 5); n > 0; n--) {
      const i = randomLine(r, ls);
      const j = randomLine(r, ls);
      [ls[i], ls[j]] = [ls[j], ls[i]];
    }
    return ls.join('\n');
  },
  snippets(r, text) {
    let out = text;
    for (let n = r.int(1, 6); n > 0; n--) out = insertAt(out, at(r, out), r.pick(SNIPPETS));
    return out;
  },
  sentences(r, text, seeds) {
    return text.replace(/(title:\s+).*/g, (m, key: string) =>
      r.chance(0.3) ? key + r.pick(r.chance(0.5) ? seeds.objectives : seeds.keyResults) : m,
    );
  },
  pathIds(r, text) {
    const evil = ['../../etc/passwd', '/etc/passwd', '..', 'file:///etc/passwd', 'C:\\Windows', '~/.ssh/id_rsa'];
    return text.replace(/((?:id|aligns_to|tenet|owner|serves):\s+).*/g, (m, key: string) =>
      r.chance(0.3) ? key + r.pick(evil) : m,
    );
  },
};

const NAMES = Object.keys(MUTATORS);

/** An OKR file written from corpus sentences. */
export function fromSentences(r: Prng, seeds: Seeds): string {
  const out = ['period: 2026-Q1', 'team: corpus', 'objectives:'];
  for (let o = r.int(1, 6); o > 0; o--) {
    out.push(`  - id: C-${o}`, `    title: ${r.pick(seeds.objectives)}`, '    key_results:');
    for (let k = r.int(0, 5); k > 0; k--)
      out.push(`      - id: C-${o}.${k}`, `        title: ${r.pick(seeds.keyResults)}`);
  }
  return out.join('\n') + '\n';
}

/**
 * The largest document the fuzz loop opens (a mutated one is cut there). The server's edit and request
 * times grow with the file (README, Performance); far larger files are tested on their own, for a
 * quick, clear diagnostic (test/lsp/hostile.test.ts).
 */
export const MAX_DOCUMENT = 400_000;
const MAX_EDIT = 50_000;

/** A document to open: a seed, mutated one or more times. Returns the names of the mutators used. */
export function mutatedFile(r: Prng, seeds: Seeds): { text: string; mutators: string[] } {
  let text = r.chance(0.2) ? fromSentences(r, seeds) : r.pick(seeds.files);
  const used: string[] = [];
  for (let n = r.chance(0.15) ? 0 : r.int(1, 4); n > 0; n--) {
    const name = r.pick(NAMES);
    used.push(name);
    // Cut after each mutator: a 10,000-level deep block is 50 MB before the cut, and the next mutator
    // working on all of it made one fuzz session take minutes in the harness (the server was idle).
    text = MUTATORS[name](r, text, seeds).slice(0, MAX_DOCUMENT);
  }
  return { text, mutators: used };
}

/** Text for one incremental edit: typing, a paste from a seed, or something hostile. */
export function editText(r: Prng, seeds: Seeds): string {
  const roll = r.next();
  if (roll < 0.3) return r.pick([...'abcxyz019 :-#[]{}\n'.split(''), '\n    ', '  ']);
  if (roll < 0.5) return r.pick(SNIPPETS);
  if (roll < 0.6) return r.pick(ODD);
  if (roll < 0.65) return '';
  if (roll < 0.8) {
    const file = r.pick(seeds.files);
    const start = r.int(0, file.length);
    return file.slice(start, start + r.skewed(2_000));
  }
  if (roll < 0.9) return r.pick(seeds.keyResults);
  const name = r.pick(NAMES);
  return MUTATORS[name](r, r.pick(SNIPPETS), seeds).slice(0, MAX_EDIT);
}
