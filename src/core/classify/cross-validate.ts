import { DEFAULT_FEATURES } from './features.js';
import { evaluatePredictions, type EvaluationReport } from './metrics.js';
import { seededRandom, shuffleInPlace } from './random.js';
import { countFeatures, trainFromCounts, type LabelledText, type TrainTextOptions } from './train-text-model.js';

export interface CrossValidationOptions extends TrainTextOptions {
  folds?: number;
  seed?: number;
  /** Examples that always stay in training and are never scored. */
  alwaysTrain?: readonly LabelledText[];
}

/** Every example's prediction by a model that did not see it. */
export interface OutOfFold {
  /** The model's labels, the order of each `probabilities` row. */
  labels: string[];
  predicted: string[];
  probabilities: Float64Array[];
}

/**
 * Stratified k-fold cross-validation: every example is scored exactly once by a model that did not see it. The fold
 * assignment is seeded, so a rerun gives the same figures.
 */
export function outOfFold(examples: readonly LabelledText[], options: CrossValidationOptions = {}): OutOfFold {
  const folds = options.folds ?? 5;
  const fold = assignFolds(examples.map((e) => e.label), folds, options.seed ?? 1);
  const extra = options.alwaysTrain ?? [];
  const features = options.features ?? DEFAULT_FEATURES;
  const all = [...examples, ...extra];
  const counts = countFeatures(all.map((e) => e.text), features);
  const labels = [...(options.labels ?? [...new Set(all.map((e) => e.label))].sort())];
  const predicted: string[] = new Array<string>(examples.length).fill('');
  const probabilities: Float64Array[] = new Array<Float64Array>(examples.length);
  for (let f = 0; f < folds; f += 1) {
    const train = all.map((_, i) => i).filter((i) => i >= examples.length || fold[i] !== f);
    const model = trainFromCounts(train.map((i) => counts[i]!), train.map((i) => all[i]!), { ...options, features, labels });
    examples.forEach((example, i) => {
      if (fold[i] !== f) return;
      const scores = model.score(example.text).probabilities;
      probabilities[i] = scores;
      predicted[i] = model.labels[argmax(scores)] as string;
    });
  }
  return { labels, predicted, probabilities };
}

/** Cross-validated precision, recall and F1 over every example (see `outOfFold`). */
export function crossValidate(examples: readonly LabelledText[], options: CrossValidationOptions & { labelOrder?: readonly string[] } = {}): EvaluationReport {
  const { predicted, labels } = outOfFold(examples, options);
  return evaluatePredictions(examples.map((e, i) => ({ truth: e.label, predicted: predicted[i] as string })), options.labelOrder ?? labels);
}

/** Deals each label's examples round-robin into folds after a seeded shuffle, so every fold has every label. */
export function assignFolds(labels: readonly string[], folds: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const fold = new Int32Array(labels.length);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const members = shuffleInPlace(byLabel.get(label) as number[], random);
    // Continue the round-robin across labels so small labels do not all land in fold 0.
    members.forEach((i, k) => (fold[i] = (offset + k) % folds));
    offset += members.length;
  }
  return fold;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
