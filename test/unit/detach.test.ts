/**
 * What the workspace keeps of a closed file (parse/detach.ts): the same model, findings and directives as
 * the full parse, minus yaml nodes and text, with strings of its own (a slice of the text would keep the
 * whole text alive). (That they are copies is not observable from JavaScript; bench/ measures the memory.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { detach, parseOkr } from '../../server/src/service';
import type { Located, OkrFileModel } from '../../server/src/service/model';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** A model's items as plain data (what detaching must not change). */
function items(model: OkrFileModel) {
  const strip = (list: readonly Located[]) => list.map((l) => ({ item: l.item, line: l.line, offset: l.offset }));
  return {
    entries: strip(model.entries),
    tenets: strip(model.tenets),
    people: strip(model.people),
    objectives: strip(model.objectives),
    initiatives: strip(model.initiatives),
    period: model.period?.item,
    team: model.team?.item,
  };
}

for (const name of ['security.okr.yaml', 'appsec.okr.yaml', 'mistakes.okr.yaml', 'company.okr.yaml']) {
  test(`a detached ${name} keeps everything the workspace reads, and nothing of the text`, () => {
    const text = readFileSync(path.join(EXAMPLES, name), 'utf8');
    const full = parseOkr(text);
    const kept = detach(full);
    assert.deepEqual(items(kept.model), items(full.model));
    assert.deepEqual(kept.findings, full.findings);
    assert.deepEqual(kept.directives, full.directives);
    assert.equal(kept.text, '');
    for (const l of [...kept.model.objectives, ...kept.model.entries]) {
      assert.equal(l.node, null);
      assert.equal(l.parsed.text, '');
    }
    // Copies, not the parse's own objects (those hold slices of the text).
    if (full.model.objectives.length) assert.notEqual(kept.model.objectives[0].item, full.model.objectives[0].item);
    assert.equal(
      kept.model.period,
      kept.model.entries.find((e) => e.item.key.value === 'period'),
    );
  });
}

test('closed files share the fields they have in common, and only those', () => {
  const file = (owner: string, confidence: number) =>
    'objectives:\n  - id: O-1\n    title: Customers trust our product\n    key_results:\n' +
    `      - title: Cut the median days to patch critical CVEs from 30 to 7\n        owner: ${owner}\n` +
    `        confidence: ${confidence}\n`;
  const kr = (text: string) => detach(parseOkr(text)).model.objectives[0].item.keyResults[0];
  const a = kr(file('alice', 0.7));
  const b = kr(file('alice', 0.7));
  const c = kr(file('bob', 0.5));
  assert.equal(a.owner, b.owner);
  assert.equal(a.confidence, b.confidence);
  assert.equal(a.title, b.title);
  assert.notEqual(a.owner, c.owner);
  assert.equal(c.owner?.value, 'bob');
  assert.notEqual(a.confidence, c.confidence);
  assert.equal(c.confidence?.value, 0.5);
  // Shared, so nothing may change one in place.
  assert.ok(Object.isFrozen(a.owner));
  // An open file's parse keeps fields of its own.
  assert.notEqual(parseOkr(file('alice', 0.7)).model.objectives[0].item.keyResults[0].owner, a.owner);
});

test("an entry's own data that looks like a field keeps every key when its file is closed", () => {
  for (const period of [
    '{start: "2026-01-01", end: "2026-03-31", value: x, range: r, keyRange: k}',
    '{value: 1, range: {start: 2}, keyRange: {a: 1}, start: "2026-01-01", end: "2026-03-31"}',
  ]) {
    const text = `period: ${period}\nobjectives:\n  - id: O-1\n    title: Customers trust our product\n`;
    assert.deepEqual(detach(parseOkr(text)).model.period?.item.value, parseOkr(text).model.period?.item.value);
  }
  // -0 is kept as written (a shared field would stand for 0).
  const kr = detach(
    parseOkr('objectives:\n  - id: O-1\n    title: T\n    key_results:\n      - title: x\n        baseline: -0\n'),
  ).model.objectives[0].item.keyResults[0];
  assert.ok(Object.is(kr.baseline?.value, -0));
});
