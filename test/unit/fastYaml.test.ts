/**
 * Differential test: wherever the fast path accepts a text, it must build what `yaml` builds — the
 * same node kinds, values, scalar styles and ranges, no errors — over every slice of the examples,
 * the real-world fixture and a generated file, and over thousands of random edits of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { fastParse } from '../../server/src/service/parse/fastYaml';
import { sliceFile } from '../../server/src/service/parse/layout';
import { isSection } from '../../server/src/service/parse/items';
import { random } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');
const SOURCES = [
  ...readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.okr.yaml'))
    .map((f) => path.join(ROOT, 'examples', f)),
  path.join(ROOT, 'test', 'fixtures', 'real-world.okr.yaml'),
].map((f) => readFileSync(f, 'utf8'));

/** A node as comparable data: kind, value, style and ranges (the root's end-with-comments left out). */
function shape(node: unknown, root = false): unknown {
  if (isPair(node)) return ['pair', shape(node.key), shape(node.value)];
  const n = node as Node;
  const range = root ? n.range?.slice(0, 2) : n.range;
  if (isScalar(n)) return ['scalar', n.value, n.type, range];
  if (isMap(n)) return ['map', range, n.items.map((i) => shape(i))];
  if (isSeq(n)) return ['seq', range, n.items.map((i) => shape(i))];
  return ['other', String(n)];
}

function compare(text: string): boolean {
  const fast = fastParse(text);
  if (!fast) return false;
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  assert.deepEqual(
    [...doc.errors, ...doc.warnings],
    [],
    `yaml reports problems the fast path missed: ${JSON.stringify(text)}`,
  );
  assert.deepEqual(shape(fast.contents, true), shape(doc.contents, true), JSON.stringify(text));
  assert.deepEqual(fast.toJS(), doc.toJS(), JSON.stringify(text));
  return true;
}

const slicesOf = (text: string) => sliceFile(text, isSection)?.map((s) => s.text) ?? [text];

test('the fast path builds what yaml builds, for every slice of the examples', () => {
  let accepted = 0;
  let total = 0;
  for (const source of SOURCES) {
    for (const slice of slicesOf(source)) {
      total++;
      if (compare(slice)) accepted++;
    }
  }
  // Most slices take the fast path (the rest: flow sequences, comments at the end of a block…).
  assert.ok(accepted / total >= 0.6, `only ${accepted} of ${total} slices took the fast path`);
});

const EDITS = [
  'x',
  ' ',
  '\n',
  '  ',
  '- ',
  ': ',
  ':',
  '#',
  ' # note',
  '"',
  "'",
  '"quoted"',
  "'single'",
  '\\',
  '[',
  '{',
  '&a ',
  '*a',
  '!!str ',
  '|',
  '>',
  '-5',
  '0x1F',
  '.5',
  '1e3',
  'true',
  'null',
  '~',
  '\n  # c\n',
  '\n    # c\n',
  '\n        # deep\n',
  'key: value\n',
  '\r\n',
  '\r',
  '\u00e9',
  '\u{1F600}',
  '   \n',
];

test('the fast path builds what yaml builds, over 6,000 random edits of slices', () => {
  const rnd = random(7);
  const slices = SOURCES.flatMap(slicesOf);
  let accepted = 0;
  for (let i = 0; i < 6000; i++) {
    let text = slices[Math.floor(rnd() * slices.length)];
    for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) {
      const at = Math.floor(rnd() * (text.length + 1));
      if (rnd() < 0.6) text = text.slice(0, at) + EDITS[Math.floor(rnd() * EDITS.length)] + text.slice(at);
      else text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 8)));
    }
    if (compare(text)) accepted++;
  }
  assert.ok(accepted >= 1500, `only ${accepted} edited texts took the fast path`);
});
