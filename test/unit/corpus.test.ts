/**
 * The language rules against real OKRs nobody here wrote (test/corpus/, SOURCES.md): the training set the
 * models learned from, and the frozen blind set, evaluated as a user sees it (warnings only). Prints
 * per-rule precision and recall on both; fails when the blind figures drop below their floors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { agreement, CORPUS_DIR, loadSet, type Item } from '../../scripts/language/corpus';
import { figures, frozenHash, judgeItems, report, TARGETS, type Figures } from '../../scripts/language/evaluate';

const train = loadSet('train');
const blind = loadSet('blind');
const blind2 = loadSet('blind2');
/** Frozen for the next models: checked here, never evaluated until they are final. */
const blind3 = loadSet('blind3');
const all = [...train, ...blind, ...blind2, ...blind3];
const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

test('the corpus: big enough, every item sourced and read twice', () => {
  const count = (items: Item[], kind: string) => items.filter((i) => i.kind === kind).length;
  assert.ok(count(all, 'objective') >= 600, `${count(all, 'objective')} objectives`);
  assert.ok(count(all, 'key_result') >= 800, `${count(all, 'key_result')} key results`);
  assert.ok(new Set(all.map((i) => i.source)).size >= 80);
  for (const i of all) {
    assert.ok(/^https?:\/\//.test(i.source) && i.org && i.org !== 'undefined', `${i.file}: ${i.text}`);
    assert.ok(i.labels.length && i.labels2.length, `${i.file}: ${i.text} needs both readers' labels`);
  }
});

test('the blind set: frozen, at least 150 of each kind, from organisations and sentences used nowhere else', () => {
  const frozen = /\b([0-9a-f]{64})\b/.exec(readFileSync(path.join(CORPUS_DIR, 'blind', 'FROZEN.md'), 'utf8'))?.[1];
  assert.equal(frozenHash(blind), frozen, 'the blind set changed since it was frozen');
  assert.ok(blind.filter((i) => i.kind === 'objective').length >= 150);
  assert.ok(blind.filter((i) => i.kind === 'key_result').length >= 150);
  const trainOrgs = new Set(train.map((i) => i.org.toLowerCase()));
  assert.deepEqual(
    [...new Set(blind.map((i) => i.org.toLowerCase()))].filter((o) => trainOrgs.has(o)),
    [],
  );
  const trainTexts = new Set(train.map((i) => norm(i.text)));
  assert.deepEqual(
    blind.filter((i) => trainTexts.has(norm(i.text))).map((i) => i.text),
    [],
  );
});

test('the second blind set: frozen, at least 150 of each kind, from organisations and sentences used nowhere else', () => {
  const frozen = /\b([0-9a-f]{64})\b/.exec(readFileSync(path.join(CORPUS_DIR, 'blind2', 'FROZEN.md'), 'utf8'))?.[1];
  assert.equal(frozenHash(blind2), frozen, 'the second blind set changed since it was frozen');
  assert.ok(blind2.filter((i) => i.kind === 'objective').length >= 150);
  assert.ok(blind2.filter((i) => i.kind === 'key_result').length >= 150);
  const others = [...train, ...blind];
  const otherOrgs = new Set(others.map((i) => i.org.toLowerCase()));
  assert.deepEqual(
    [...new Set(blind2.map((i) => i.org.toLowerCase()))].filter((o) => otherOrgs.has(o)),
    [],
  );
  const otherTexts = new Set(others.map((i) => norm(i.text)));
  assert.equal(blind2.filter((i) => otherTexts.has(norm(i.text))).length, 0);
});

test('the third blind set: frozen, read twice, from organisations and sentences used nowhere else (not evaluated yet)', () => {
  const frozen = /\b([0-9a-f]{64})\b/.exec(readFileSync(path.join(CORPUS_DIR, 'blind3', 'FROZEN.md'), 'utf8'))?.[1];
  assert.equal(frozenHash(blind3), frozen, 'the third blind set changed since it was frozen');
  assert.ok(blind3.filter((i) => i.kind === 'objective').length >= 150);
  assert.ok(blind3.filter((i) => i.kind === 'key_result').length >= 150);
  const others = [...train, ...blind, ...blind2];
  const otherOrgs = new Set(others.map((i) => i.org.toLowerCase()));
  assert.deepEqual(
    [...new Set(blind3.map((i) => i.org.toLowerCase()))].filter((o) => otherOrgs.has(o)),
    [],
  );
  const otherTexts = new Set(others.map((i) => norm(i.text)));
  assert.equal(blind3.filter((i) => otherTexts.has(norm(i.text))).length, 0);
});

test("the two readers' agreement, per kind (Cohen's kappa)", (t) => {
  for (const [name, items] of [
    ['whole corpus', all],
    ['blind set', blind],
    ['second blind set', blind2],
    ['third blind set', blind3],
  ] as const) {
    for (const kind of ['objective', 'key_result'] as const) {
      const a = agreement(items.filter((i) => i.kind === kind));
      t.diagnostic(
        `${name}, ${kind}: ${a.agreed}/${a.n} agree (${((a.agreed / a.n) * 100).toFixed(1)}%), kappa ${a.kappa.toFixed(3)}`,
      );
      // Two readers who agree by chance alone would score 0; the definitions must do better than that.
      assert.ok(a.kappa > 0.6, `${name} ${kind}: kappa ${a.kappa}`);
    }
  }
});

function show(t: { diagnostic(s: string): void }, name: string, f: Figures) {
  const lines = report(name, f);
  for (const line of lines) t.diagnostic(line);
  if (process.env.OKR_CORPUS_REPORT) console.log(lines.join('\n'));
}

test('on the training set (what the models learned from: these figures flatter them)', (t) => {
  const f = figures(judgeItems(train));
  show(t, `training set, ${train.filter((i) => i.scored).length} agreed items`, f);
  assert.equal(f.both.hits, 0);
});

/**
 * The blind set, evaluated once when the models were final (2026-12-01, weights of commit f092f9c): vague
 * objectives warned 55.3% (57/103), good objectives 7.3% (4/55); bad key results 71.9% (110/153), good
 * ones 6.1% (8/131); tasks as task-key-result 63.9% (85/133). The targets on false alarms are met, those
 * on recall are not. Floors: the targets where they are met, else just under the figure then, so
 * that a regression shows. Raising a floor needs a new blind set: this one has now been seen.
 */
const BLIND_FLOORS = {
  vagueFlagged: 0.55, // target 0.85
  goodObjectivesFlagged: TARGETS.goodObjectivesFlagged,
  badFlagged: 0.71, // target 0.9
  goodKeyResultsFlagged: TARGETS.goodKeyResultsFlagged,
  tasksAsTasks: 0.63, // target 0.85
};

type Floors = typeof BLIND_FLOORS;

/** Evaluates a blind set as a user sees it and holds it to its floors (recall at least, false alarms at most). */
function holdsFloors(t: { diagnostic(s: string): void }, name: string, items: Item[], floors: Floors): void {
  const f = figures(judgeItems(items));
  show(t, `${name}, ${items.filter((i) => i.scored).length} agreed items`, f);
  const text = report(name, f).join('\n');
  assert.equal(f.both.hits, 0, text);
  assert.ok(f.vagueFlagged.ratio >= floors.vagueFlagged, text);
  assert.ok(f.goodObjectivesFlagged.ratio <= floors.goodObjectivesFlagged, text);
  assert.ok(f.badFlagged.ratio >= floors.badFlagged, text);
  assert.ok(f.goodKeyResultsFlagged.ratio <= floors.goodKeyResultsFlagged, text);
  assert.ok(f.tasksAsTasks.ratio >= floors.tasksAsTasks, text);
}

test('on the frozen blind set (the honest figures)', (t) => holdsFloors(t, 'blind set', blind, BLIND_FLOORS));

/**
 * The second blind set, evaluated once (2026-12-01) on the same shipped weights (commit f092f9c), which were
 * trained before it was collected: vague objectives warned 70.1% (47/67), good objectives 12.3% (8/65); bad
 * key results 73.8% (104/141), good ones 1.6% (2/125); tasks as task-key-result 68.6% (72/105); no key result
 * got both rules. Floors as for the first blind set: the targets where they are met, else just under (or,
 * for good objectives, just over) the figure then. The next models need a third blind set.
 */
const BLIND2_FLOORS: Floors = {
  vagueFlagged: 0.7, // target 0.85
  goodObjectivesFlagged: 0.13, // target 0.10, missed
  badFlagged: 0.73, // target 0.9
  goodKeyResultsFlagged: TARGETS.goodKeyResultsFlagged,
  tasksAsTasks: 0.68, // target 0.85
};

test('on the second frozen blind set (evaluated once, on the same weights)', (t) =>
  holdsFloors(t, 'second blind set', blind2, BLIND2_FLOORS));
