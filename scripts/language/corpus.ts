/**
 * The labelled corpus (test/corpus/): the training set (train/*.yaml), the frozen blind set (blind/*.yaml,
 * evaluated once) and the second frozen blind set (blind2/*.yaml, evaluated once on the same weights). Every item has two readers' labels; only items on which they agree are scored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export type Kind = 'objective' | 'key_result';

export interface Item {
  readonly text: string;
  readonly kind: Kind;
  /** The first reader's labels, sorted. */
  readonly labels: readonly string[];
  /** The second (blind) reader's labels, sorted. */
  readonly labels2: readonly string[];
  readonly source: string;
  /** The organisation behind the source: cross-validation never splits one. */
  readonly org: string;
  /** Whether the two readers agree (only these are scored and trained on). */
  readonly scored: boolean;
  readonly file: string;
}

export const CORPUS_DIR = path.join(__dirname, '..', '..', 'test', 'corpus');

const sorted = (labels: unknown): string[] => (Array.isArray(labels) ? labels.map(String).sort() : []);

export function loadSet(set: 'train' | 'blind' | 'blind2' | 'blind3'): Item[] {
  const dir = path.join(CORPUS_DIR, set);
  const items: Item[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const entries = parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>[];
    for (const e of entries) {
      const labels = sorted(e.labels);
      const labels2 = sorted(e.labels2);
      items.push({
        text: String(e.text),
        kind: e.kind as Kind,
        labels,
        labels2,
        source: String(e.source),
        org: String(e.org),
        scored: labels2.length > 0 && labels.join() === labels2.join(),
        file: `${set}/${name}`,
      });
    }
  }
  return items;
}

/** Cohen's kappa and raw agreement between the two readers, over items of one kind. */
export function agreement(items: readonly Item[]): { n: number; agreed: number; kappa: number } {
  const withBoth = items.filter((i) => i.labels2.length > 0);
  const n = withBoth.length;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agreed = 0;
  for (const i of withBoth) {
    const x = i.labels.join('+');
    const y = i.labels2.join('+');
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agreed++;
  }
  let expected = 0;
  for (const [label, count] of a) expected += (count / n) * ((b.get(label) ?? 0) / n);
  const observed = agreed / n;
  return { n, agreed, kappa: n ? (observed - expected) / (1 - expected) : 0 };
}
