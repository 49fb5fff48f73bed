/**
 * The language models: logistic regressions over sentence features (features.ts), trained on the labelled
 * corpus by scripts/language/train.ts, their weights and thresholds shipped as data (weights.json).
 */
import type { Feature } from './features';
import shipped from './weights.json';

/** How sure the model must be before it speaks, as a team chooses (`strictness`). */
export type Strictness = 'relaxed' | 'balanced' | 'strict';
export const STRICTNESS_LEVELS: readonly Strictness[] = ['relaxed', 'balanced', 'strict'];

export interface Thresholds {
  /** At or above: a warning (the rule's own severity). */
  readonly warning: number;
  /** At or above (and below `warning`): a hint. */
  readonly hint: number;
}

export interface LinearModel {
  readonly bias: number;
  readonly weights: Readonly<Record<string, number>>;
}

export interface FlaggingModel extends LinearModel {
  readonly thresholds: Readonly<Record<Strictness, Thresholds>>;
}

export interface ChoiceModel extends LinearModel {
  /** At or above: the first choice (a task), else the second (unmeasurable). */
  readonly threshold: number;
}

export interface Weights {
  readonly format: 1;
  readonly about: string;
  readonly models: {
    /** Objectives: vague (1) or not (0). */
    readonly vague: FlaggingModel;
    /** Key results: task or unmeasurable (1), or good (0). */
    readonly badKeyResult: FlaggingModel;
    /** Bad key results: a task (1) or only unmeasurable (0). */
    readonly task: ChoiceModel;
  };
}

export const weights = shipped as unknown as Weights;

/** The three models, in the order `scoreAll` answers. */
export const MODEL_NAMES = ['vague', 'badKeyResult', 'task'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** A feature that pushed a model towards 1, by how much (its weight times its value). */
export interface Push {
  readonly feature: Feature;
  readonly weight: number;
  /** The feature's place in `featureNames()`. */
  readonly id: number;
}

export interface Score {
  readonly probability: number;
  /** Features that pushed towards 1, in the features' order (not sorted). */
  readonly pushes: readonly Push[];
}

/**
 * Every feature any model weighs, numbered, and its weight in each model (0 where a model does not
 * weigh it, which adds nothing): one lookup per feature serves the three models. Made once.
 */
interface Table {
  readonly ids: Map<string, number>;
  readonly names: readonly string[];
  /** Feature `id`'s weight in model `m` at `id * MODEL_NAMES.length + m`. */
  readonly weights: Float64Array;
}

let table: Table | undefined;
function weightTable(): Table {
  if (table) return table;
  const ids = new Map<string, number>();
  for (const name of MODEL_NAMES)
    for (const feature of Object.keys(weights.models[name].weights)) if (!ids.has(feature)) ids.set(feature, ids.size);
  const values = new Float64Array(ids.size * MODEL_NAMES.length);
  MODEL_NAMES.forEach((name, m) => {
    for (const [feature, w] of Object.entries(weights.models[name].weights))
      values[ids.get(feature)! * MODEL_NAMES.length + m] = w;
  });
  table = { ids, names: [...ids.keys()], weights: values };
  return table;
}

/** The names of every feature a model weighs, by id (a Push's `id`). */
export function featureNames(): readonly string[] {
  return weightTable().names;
}

/** The three models' scores of one sentence's features, in `MODEL_NAMES` order. */
export function scoreAll(features: readonly Feature[]): Score[] {
  const { ids, weights: values } = weightTable();
  const models = MODEL_NAMES.length;
  const z = MODEL_NAMES.map((name) => weights.models[name].bias);
  const pushes: Push[][] = MODEL_NAMES.map(() => []);
  for (const feature of features) {
    const id = ids.get(feature.name);
    if (id === undefined) continue;
    for (let m = 0; m < models; m++) {
      const push = values[id * models + m] * feature.value;
      z[m] += push;
      if (push > 0) pushes[m].push({ feature, weight: push, id });
    }
  }
  return z.map((zm, m) => ({ probability: 1 / (1 + Math.exp(-zm)), pushes: pushes[m] }));
}

export type Level = 'warning' | 'hint';

export function levelOf(probability: number, thresholds: Thresholds): Level | undefined {
  if (probability >= thresholds.warning) return 'warning';
  if (probability >= thresholds.hint) return 'hint';
  return undefined;
}
