/**
 * Differential test: checking a document incrementally (slices cached from the previous version) gives
 * exactly the diagnostics of checking it from scratch, over many random edits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { diagnosticsOf, parseOkr, SliceCache } from '../../server/src/service';

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const SNIPPETS = [
  'x',
  ' ',
  '\n',
  '  ',
  '- ',
  ': ',
  'id: SEC-1',
  '#',
  '"',
  '[',
  'title: Implement SSO\n',
  '\t',
  'baseline: 3\n',
  'aligns_to: CO-9',
];

function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.4) return text.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.7) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 12)));
  // Copy a line elsewhere (duplicates ids, moves items).
  const lines = text.split('\n');
  const from = Math.floor(rnd() * lines.length);
  const to = Math.floor(rnd() * lines.length);
  lines.splice(to, 0, lines[from]);
  return lines.join('\n');
}

test('incremental checking equals checking from scratch, over 400 random edits', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.okr.yaml'));
  let edits = 0;
  for (const [i, f] of files.entries()) {
    const rnd = random(1000 + i);
    let text = readFileSync(path.join(EXAMPLES, f), 'utf8');
    const cache = new SliceCache();
    for (let step = 0; step < 100; step++) {
      text = mutate(text, rnd);
      edits++;
      const incremental = diagnosticsOf(parseOkr(text, cache));
      const scratch = diagnosticsOf(parseOkr(text));
      assert.deepEqual(incremental, scratch, `${f}, edit ${step}`);
    }
  }
  assert.equal(edits, 400);
});
