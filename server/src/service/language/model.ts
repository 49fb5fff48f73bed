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

export interface Contribution {
  readonly feature: Feature;
  readonly weight: number;
}

export interface Score {
  readonly probability: number;
  /** Features that pushed towards 1, largest first. */
  readonly for: readonly Contribution[];
}

/** Weights by name as a Map (faster to look up than a plain object of hundreds of keys), made once per model. */
const maps = new WeakMap<LinearModel, Map<string, number>>();
function weightMap(model: LinearModel): Map<string, number> {
  let map = maps.get(model);
  if (!map) {
    map = new Map(Object.entries(model.weights));
    maps.set(model, map);
  }
  return map;
}

export function score(model: LinearModel, features: readonly Feature[]): Score {
  let z = model.bias;
  const pushes: Contribution[] = [];
  const ws = weightMap(model);
  for (const feature of features) {
    const w = ws.get(feature.name);
    if (w === undefined) continue;
    z += w * feature.value;
    if (w * feature.value > 0) pushes.push({ feature, weight: w * feature.value });
  }
  pushes.sort((a, b) => b.weight - a.weight);
  return { probability: 1 / (1 + Math.exp(-z)), for: pushes };
}

export type Level = 'warning' | 'hint';

export function levelOf(probability: number, thresholds: Thresholds): Level | undefined {
  if (probability >= thresholds.warning) return 'warning';
  if (probability >= thresholds.hint) return 'hint';
  return undefined;
}
