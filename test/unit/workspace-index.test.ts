/**
 * The index's record of which files name which ids (`reachedBy`), which a workspace pass uses instead of
 * asking every file: over random changes to the examples, it must name exactly the files that name one
 * of the ids or declare tenets (and every open file), as reading every file would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { nodeFileAccess } from '../../server/src/node/fileAccess';
import { detach, isDetached, mentionsAny, parseOkr } from '../../server/src/service';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const texts = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.okr.yaml'))
  .map((f) => readFileSync(path.join(EXAMPLES, f), 'utf8'));

test('reachedBy names exactly the open files and those that name a touched id or declare tenets, over 300 random changes', () => {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const index = new WorkspaceIndex(nodeFileAccess());
  const current = new Map<string, string>();
  const ids = new Set<string>();
  for (let step = 0; step < 300; step++) {
    const uri = `file:///ws/f${Math.floor(rnd() * 8)}.okr.yaml`;
    const roll = rnd();
    if (roll < 0.15) {
      index.delete(uri);
      current.delete(uri);
    } else {
      // A file of the examples, with some ids renamed, some parents changed and sometimes no tenets.
      let text = pick(texts)
        .replace(/\b(id|aligns_to|owner|tenet): (\S+)/g, (m, key: string, value: string) =>
          rnd() < 0.2 ? `${key}: ${value}${Math.floor(rnd() * 3)}` : m,
        )
        .replace(/^tenets:\n(?: {2}.*\n)+/m, (m) => (rnd() < 0.5 ? '' : m));
      if (current.get(uri) === text) text += '\n';
      // Some are open in an editor (a full parse), the rest closed (detached).
      const file = rnd() < 0.3 ? parseOkr(text) : detach(parseOkr(text));
      index.set(uri, file);
      current.set(uri, text);
      for (const m of text.matchAll(/\b(?:id|aligns_to|owner|tenet): (\S+)/g)) ids.add(m[1]);
    }
    const touched = new Set([...ids].filter(() => rnd() < 0.05));
    const expected = index
      .uris()
      .filter((u) => {
        const file = index.get(u)!;
        return !isDetached(file) || file.model.tenets.length > 0 || mentionsAny(file.model, touched);
      })
      .sort();
    assert.deepEqual([...index.reachedBy(touched)].sort(), expected, `step ${step}`);
  }
});
