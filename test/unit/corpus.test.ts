/**
 * The language rules against real OKRs: test/corpus/okr-sentences.yaml holds sentences from public
 * OKRs, labelled by hand (test/corpus/SOURCES.md). This test reports precision and recall per rule and
 * fails if the figures drop below the aims.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { validateText } from '../../server/src/service';

interface Entry {
  text: string;
  kind: 'objective' | 'key_result';
  labels: string[];
  source: string;
}

const load = (name: string) => parse(readFileSync(path.join(__dirname, '..', 'corpus', name), 'utf8')) as Entry[];
/** The corpus the word lists were tuned on. */
const corpus = load('okr-sentences.yaml');
/** Labelled blind by someone who never ran the rules, from other sources: how well the rules generalise. */
const holdout = load('holdout.yaml');
/** A third set, gathered and labelled after all tuning, never looked at by the rules' authors. */
const blind = load('blind.yaml');
const RULES = ['vague-objective', 'quantitative-objective', 'unmeasurable-key-result', 'task-key-result'];

/** The codes the language rules give a sentence, written as an objective or a key result (title only). */
function codesFor(e: Entry): Set<string> {
  const title = JSON.stringify(e.text);
  const text =
    e.kind === 'objective'
      ? `objectives:\n  - id: O-1\n    title: ${title}\n`
      : `objectives:\n  - id: O-1\n    title: Customers trust our product\n    key_results:\n      - title: ${title}\n`;
  return new Set(
    validateText(text)
      .map((d) => String(d.code))
      .filter((c) => RULES.includes(c)),
  );
}

type Result = { entry: Entry; codes: Set<string> };
const evaluate = (entries: Entry[]): Result[] => entries.map((e) => ({ entry: e, codes: codesFor(e) }));
const results = evaluate(corpus);

function rate(of: Result[], flagged: (codes: Set<string>) => boolean) {
  const hits = of.filter((r) => flagged(r.codes)).length;
  return { hits, total: of.length, ratio: of.length ? hits / of.length : 0 };
}

const pct = (r: { hits: number; total: number; ratio: number }) =>
  `${(r.ratio * 100).toFixed(1)}% (${r.hits}/${r.total})`;

test('the corpus is big enough and sourced', () => {
  assert.ok(corpus.length >= 150, `${corpus.length} sentences`);
  assert.ok(corpus.every((e) => e.source && e.text && e.labels.length));
});

function figures(results: Result[], name: string, entries: Entry[]) {
  const krs = results.filter((r) => r.entry.kind === 'key_result');
  const objectives = results.filter((r) => r.entry.kind === 'objective');
  const bad = krs.filter((r) => r.entry.labels.some((l) => l === 'task' || l === 'unmeasurable'));
  const good = krs.filter((r) => r.entry.labels.includes('good'));
  const flaggedKr = (c: Set<string>) => c.has('unmeasurable-key-result') || c.has('task-key-result');

  const badFlagged = rate(bad, flaggedKr);
  const goodFlagged = rate(good, flaggedKr);
  const vague = rate(
    objectives.filter((r) => r.entry.labels.includes('vague')),
    (c) => c.has('vague-objective'),
  );
  const goodObjectivesFlagged = rate(
    objectives.filter((r) => r.entry.labels.includes('good')),
    (c) => c.size > 0,
  );
  const quantitative = rate(
    objectives.filter((r) => r.entry.labels.includes('quantitative')),
    (c) => c.has('quantitative-objective'),
  );

  // Precision and recall per rule, against the label that rule is meant to find.
  const perRule: string[] = [];
  for (const [rule, label, kind] of [
    ['vague-objective', 'vague', 'objective'],
    ['quantitative-objective', 'quantitative', 'objective'],
    ['unmeasurable-key-result', 'unmeasurable', 'key_result'],
    ['task-key-result', 'task', 'key_result'],
  ] as const) {
    const pool = results.filter((r) => r.entry.kind === kind);
    const flagged = pool.filter((r) => r.codes.has(rule));
    const truePositives = flagged.filter((r) => r.entry.labels.includes(label)).length;
    const positives = pool.filter((r) => r.entry.labels.includes(label)).length;
    perRule.push(
      `${rule}: precision ${((truePositives / (flagged.length || 1)) * 100).toFixed(1)}% (${truePositives}/${flagged.length}), ` +
        `recall ${((truePositives / (positives || 1)) * 100).toFixed(1)}% (${truePositives}/${positives})`,
    );
  }
  const report = [
    `${name}: ${entries.length} sentences`,
    `bad key results flagged (unmeasurable or task): ${pct(badFlagged)}  [aim >= 90%]`,
    `good key results flagged: ${pct(goodFlagged)}  [aim <= 10%]`,
    `vague objectives flagged: ${pct(vague)}  [aim >= 85%]`,
    `good objectives flagged by any language rule: ${pct(goodObjectivesFlagged)}`,
    `quantitative objectives flagged: ${pct(quantitative)}`,
    ...perRule,
  ];
  if (process.env.OKR_CORPUS_MISSES) {
    const show = (title: string, rs: typeof results) =>
      console.log(`\n## ${title}\n${rs.map((r) => `- ${r.entry.text}  [${[...r.codes].join(',')}]`).join('\n')}`);
    show(
      'bad KRs missed',
      bad.filter((r) => !flaggedKr(r.codes)),
    );
    show(
      'good KRs flagged',
      good.filter((r) => flaggedKr(r.codes)),
    );
    show(
      'vague objectives missed',
      objectives.filter((r) => r.entry.labels.includes('vague') && !r.codes.has('vague-objective')),
    );
    show(
      'good objectives flagged',
      objectives.filter((r) => r.entry.labels.includes('good') && r.codes.size > 0),
    );
  }
  return { badFlagged, goodFlagged, vague, goodObjectivesFlagged, report };
}

test('language rules meet the aims on real OKRs', (t) => {
  const { badFlagged, goodFlagged, vague, goodObjectivesFlagged, report } = figures(results, 'corpus', corpus);
  for (const line of report) t.diagnostic(line);
  if (process.env.OKR_CORPUS_REPORT) console.log(report.join('\n'));
  assert.ok(badFlagged.ratio >= 0.9, report.join('\n'));
  assert.ok(goodFlagged.ratio <= 0.1, report.join('\n'));
  assert.ok(vague.ratio >= 0.85, report.join('\n'));
  assert.ok(goodObjectivesFlagged.ratio <= 0.15, report.join('\n'));
});

/**
 * A second set from other sources, labelled blind. It has since been used for one round of error
 * analysis (general fixes: hype words, one-word objectives), so it is no longer a clean held-out set;
 * its floors guard against regressions, and test/corpus/blind.yaml measures generalisation.
 */
test('and on a second, independently labelled set', (t) => {
  const held = evaluate(holdout);
  const { badFlagged, goodFlagged, vague, report } = figures(held, 'held-out', holdout);
  for (const line of report) t.diagnostic(line);
  if (process.env.OKR_CORPUS_REPORT) console.log(report.join('\n'));
  assert.ok(holdout.length >= 100);
  // Floors under today's figures (82.6%, 16.3%, 72.0%): a regression guard, not the aims.
  assert.ok(badFlagged.ratio >= 0.8, report.join('\n'));
  assert.ok(goodFlagged.ratio <= 0.2, report.join('\n'));
  assert.ok(vague.ratio >= 0.7, report.join('\n'));
});

test('and on a blind set gathered after all tuning (the honest figure)', (t) => {
  const { badFlagged, goodFlagged, vague, report } = figures(evaluate(blind), 'blind', blind);
  for (const line of report) t.diagnostic(line);
  if (process.env.OKR_CORPUS_REPORT) console.log(report.join('\n'));
  assert.ok(blind.length >= 100);
  // Recorded, not tuned (today: 82.7%, 14.3%, 39.3%): floors under today's figures so a regression shows.
  // vague-objective does not generalise to the aim; see test/corpus/SOURCES.md and the README.
  assert.ok(badFlagged.ratio >= 0.75, report.join('\n'));
  assert.ok(goodFlagged.ratio <= 0.2, report.join('\n'));
  assert.ok(vague.ratio >= 0.3, report.join('\n'));
});
