/**
 * L2-regularised logistic regression over sparse named features, trained by full-batch gradient
 * descent with AdaGrad steps. Deterministic: same samples in the same order give the same weights.
 */
import type { Feature } from '../../server/src/service/language/features';

export interface Sample {
  readonly features: readonly Feature[];
  readonly y: 0 | 1;
  /** Cross-validation never splits a group (an organisation). */
  readonly group: string;
}

export interface Options {
  /** L2 penalty per unit of (class-balanced) sample weight. */
  readonly l2: number;
  readonly epochs: number;
  /** A feature must occur in at least this many training samples to get a weight. */
  readonly minCount: number;
}

export const DEFAULTS: Options = { l2: 0.02, epochs: 600, minCount: 3 };

export interface Fitted {
  readonly bias: number;
  readonly weights: Record<string, number>;
}

export function fit(samples: readonly Sample[], options: Options = DEFAULTS): Fitted {
  const counts = new Map<string, number>();
  for (const s of samples)
    for (const name of new Set(s.features.map((f) => f.name))) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts]
    .filter(([, c]) => c >= options.minCount)
    .map(([n]) => n)
    .sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows = samples.map((s) => {
    const cols: number[] = [];
    const vals: number[] = [];
    for (const f of s.features) {
      const i = index.get(f.name);
      if (i !== undefined && f.value !== 0) {
        cols.push(i);
        vals.push(f.value);
      }
    }
    return { cols, vals, y: s.y };
  });
  // Each class weighs the same in total.
  const positives = samples.filter((s) => s.y === 1).length;
  const negatives = samples.length - positives;
  const sampleWeight = (y: number) => samples.length / 2 / (y === 1 ? Math.max(positives, 1) : Math.max(negatives, 1));
  const w = new Float64Array(names.length);
  const g2 = new Float64Array(names.length + 1);
  const grad = new Float64Array(names.length);
  let bias = 0;
  const rate = 0.5;
  const total = samples.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    grad.fill(0);
    let gBias = 0;
    for (const r of rows) {
      let z = bias;
      for (let k = 0; k < r.cols.length; k++) z += w[r.cols[k]] * r.vals[k];
      const p = 1 / (1 + Math.exp(-z));
      const e = (p - r.y) * sampleWeight(r.y);
      gBias += e;
      for (let k = 0; k < r.cols.length; k++) grad[r.cols[k]] += e * r.vals[k];
    }
    for (let i = 0; i < w.length; i++) {
      const g = grad[i] / total + options.l2 * w[i];
      g2[i] += g * g;
      w[i] -= (rate * g) / (Math.sqrt(g2[i]) + 1e-8);
    }
    const gb = gBias / total;
    g2[names.length] += gb * gb;
    bias -= (rate * gb) / (Math.sqrt(g2[names.length]) + 1e-8);
  }
  const weights: Record<string, number> = {};
  names.forEach((n, i) => {
    const rounded = round(w[i]);
    if (rounded !== 0) weights[n] = rounded;
  });
  return { bias: round(bias), weights };
}

/** Four decimals: the file stays small and the same on every run. */
export const round = (x: number) => Math.round(x * 1e4) / 1e4 || 0;

export function predict(model: Fitted, features: readonly Feature[]): number {
  let z = model.bias;
  for (const f of features) z += (model.weights[f.name] ?? 0) * f.value;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Folds that never split a group: groups by size (largest first), each to the fold with the fewest
 * samples so far (ties: the lowest fold).
 */
export function groupFolds(samples: readonly { group: string }[], k: number): number[] {
  const sizes = new Map<string, number>();
  for (const s of samples) sizes.set(s.group, (sizes.get(s.group) ?? 0) + 1);
  const order = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const [group, size] of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f] < load[best]) best = f;
    foldOf.set(group, best);
    load[best] += size;
  }
  return samples.map((s) => foldOf.get(s.group)!);
}

/** Out-of-fold probabilities: each sample scored by a model that saw none of its group. */
export function crossValidate(samples: readonly Sample[], k: number, options: Options = DEFAULTS): number[] {
  const folds = groupFolds(samples, k);
  const out = new Array<number>(samples.length).fill(0);
  for (let f = 0; f < k; f++) {
    const model = fit(
      samples.filter((_, i) => folds[i] !== f),
      options,
    );
    samples.forEach((s, i) => {
      if (folds[i] === f) out[i] = predict(model, s.features);
    });
  }
  return out;
}

/** The lowest threshold at which at most `rate` of the negatives score at or above it. */
export function thresholdForFalsePositiveRate(negatives: readonly number[], rate: number): number {
  const sorted = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(rate * sorted.length);
  // Above the (allowed+1)-th highest negative score: that many negatives pass, no more.
  const next = sorted[allowed];
  if (next === undefined) return 0.5;
  return round(Math.min(0.9999, next + 1e-4));
}
