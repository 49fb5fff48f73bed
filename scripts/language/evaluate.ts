/**
 * How the language rules judge the corpus, as a user would see them: each sentence is written into an
 * OKR file (a title only, no target fields) and checked by the real engine with default settings.
 * Warnings count; hints (the model unsure) are reported apart.
 */
import { createHash } from 'node:crypto';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateText, resolveSettings } from '../../server/src/service';
import type { Strictness } from '../../server/src/service/language/model';
import type { Item } from './corpus';

const LANGUAGE_RULES = ['vague-objective', 'quantitative-objective', 'unmeasurable-key-result', 'task-key-result'];

export interface Judged {
  readonly item: Item;
  /** Codes reported as warnings (or errors). */
  readonly warnings: ReadonlySet<string>;
  /** Codes reported as hints. */
  readonly hints: ReadonlySet<string>;
}

export function judgeItems(items: readonly Item[], strictness: Strictness = 'balanced'): Judged[] {
  const settings = resolveSettings({ strictness }, undefined);
  return items.map((item) => {
    const title = JSON.stringify(item.text);
    const text =
      item.kind === 'objective'
        ? `objectives:\n  - id: O-1\n    title: ${title}\n`
        : `objectives:\n  - id: O-1\n    title: Customers trust our product\n    key_results:\n      - title: ${title}\n`;
    const warnings = new Set<string>();
    const hints = new Set<string>();
    for (const d of validateText(text, { settings })) {
      const code = String(d.code);
      if (!LANGUAGE_RULES.includes(code)) continue;
      if (d.severity === DiagnosticSeverity.Hint) hints.add(code);
      else warnings.add(code);
    }
    return { item, warnings, hints };
  });
}

export interface Rate {
  readonly hits: number;
  readonly total: number;
  readonly ratio: number;
}

const rate = (pool: readonly Judged[], hit: (j: Judged) => boolean): Rate => {
  const hits = pool.filter(hit).length;
  return { hits, total: pool.length, ratio: pool.length ? hits / pool.length : 0 };
};

export interface Figures {
  /** Vague objectives warned as vague-objective. */
  readonly vagueFlagged: Rate;
  /** Good objectives warned as vague-objective. */
  readonly goodObjectivesFlagged: Rate;
  /** Task or unmeasurable key results warned by either rule. */
  readonly badFlagged: Rate;
  /** Good key results warned by either rule. */
  readonly goodKeyResultsFlagged: Rate;
  /** Key results labelled task, warned as task-key-result. */
  readonly tasksAsTasks: Rate;
  /** Key results warned by both task-key-result and unmeasurable-key-result (must be none). */
  readonly both: Rate;
  /** Good sentences given a hint (not a warning) by a language rule. */
  readonly goodHinted: Rate;
  /** Per rule: precision and recall of its warnings against the label it looks for. */
  readonly perRule: readonly { rule: string; precision: Rate; recall: Rate }[];
}

const isBad = (i: Item) => i.labels.includes('task') || i.labels.includes('unmeasurable');
const krFlag = (j: Judged) => j.warnings.has('task-key-result') || j.warnings.has('unmeasurable-key-result');

export function figures(judged: readonly Judged[]): Figures {
  const scored = judged.filter((j) => j.item.scored);
  const objectives = scored.filter((j) => j.item.kind === 'objective');
  const krs = scored.filter((j) => j.item.kind === 'key_result');
  const label = (l: string) => (j: Judged) => j.item.labels.includes(l);
  const only = (l: string) => (j: Judged) => j.item.labels.join() === l;
  const perRule = (
    [
      ['vague-objective', objectives, label('vague')],
      ['quantitative-objective', objectives, label('quantitative')],
      ['task-key-result', krs, label('task')],
      ['unmeasurable-key-result', krs, only('unmeasurable')],
    ] as const
  ).map(([rule, pool, positive]) => ({
    rule,
    precision: rate(
      pool.filter((j) => j.warnings.has(rule)),
      positive,
    ),
    recall: rate(pool.filter(positive), (j) => j.warnings.has(rule)),
  }));
  const good = [...objectives.filter(label('good')), ...krs.filter((j) => !isBad(j.item))];
  return {
    vagueFlagged: rate(objectives.filter(label('vague')), (j) => j.warnings.has('vague-objective')),
    goodObjectivesFlagged: rate(objectives.filter(label('good')), (j) => j.warnings.has('vague-objective')),
    badFlagged: rate(
      krs.filter((j) => isBad(j.item)),
      krFlag,
    ),
    goodKeyResultsFlagged: rate(
      krs.filter((j) => !isBad(j.item)),
      krFlag,
    ),
    tasksAsTasks: rate(krs.filter(label('task')), (j) => j.warnings.has('task-key-result')),
    both: rate(krs, (j) => j.warnings.has('task-key-result') && j.warnings.has('unmeasurable-key-result')),
    goodHinted: rate(good, (j) => j.hints.size > 0 && j.warnings.size === 0),
    perRule,
  };
}

const pct = (r: Rate) => `${(r.ratio * 100).toFixed(1)}% (${r.hits}/${r.total})`;

/** The targets (warnings only). */
export const TARGETS = {
  vagueFlagged: 0.85,
  goodObjectivesFlagged: 0.1,
  badFlagged: 0.9,
  goodKeyResultsFlagged: 0.1,
  tasksAsTasks: 0.85,
};

export function report(name: string, f: Figures): string[] {
  return [
    `${name}:`,
    `  vague objectives warned: ${pct(f.vagueFlagged)}  [target >= 85%]`,
    `  good objectives warned vague: ${pct(f.goodObjectivesFlagged)}  [target <= 10%]`,
    `  bad key results warned (task or unmeasurable): ${pct(f.badFlagged)}  [target >= 90%]`,
    `  good key results warned: ${pct(f.goodKeyResultsFlagged)}  [target <= 10%]`,
    `  tasks warned as task-key-result: ${pct(f.tasksAsTasks)}  [target >= 85%]`,
    `  key results with both task-key-result and unmeasurable-key-result: ${pct(f.both)}  [target 0]`,
    `  good sentences given only a hint: ${pct(f.goodHinted)}`,
    ...f.perRule.map((r) => `  ${r.rule}: precision ${pct(r.precision)}, recall ${pct(r.recall)}`),
  ];
}

/** The blind set's frozen content: texts, kinds, first labels, sources (the second reader's labels may be added). */
export function frozenHash(items: readonly Item[]): string {
  const canonical = items.map((i) => [i.file, i.kind, i.text, i.labels, i.source, i.org]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
