import { DEFAULT_FEATURES, FeatureCounter, featureDim, type FeatureOptions, type SparseVector } from './features.js';
import { DEFAULT_SOFTMAX, fitSoftmax, type SoftmaxOptions } from './softmax-regression.js';
import { TextModel } from './text-model.js';
import { buildVocabulary, countsByRow, rowTable, weighRows, weighting } from './tf-idf.js';
import { documentTokens } from './tokenize.js';

/** Features in fewer training texts are dropped (tf-idf.ts buildVocabulary). */
const MIN_DOCUMENT_FREQUENCY = 2;

export interface LabelledText {
  text: string;
  label: string;
  /** How much this example counts relative to others (default 1). */
  weight?: number;
}

export interface TrainTextOptions {
  /** Label order of the model; defaults to the labels of the examples, sorted. */
  labels?: readonly string[];
  features?: FeatureOptions;
  softmax?: SoftmaxOptions;
  /**
   * Weigh each label's examples so that every label counts alike (prior correction): a label with 40 examples out
   * of 2,000 would otherwise be predicted only when nothing else fits.
   */
  balance?: boolean;
}

/** Texts → counted features, once; cross-validation reuses them across folds. */
export function countFeatures(texts: readonly string[], features: FeatureOptions = DEFAULT_FEATURES): SparseVector[] {
  const counter = new FeatureCounter(features);
  return texts.map((text) => counter.count(documentTokens(text, features.cues)));
}

export function trainTextModel(examples: readonly LabelledText[], options: TrainTextOptions = {}): TextModel {
  const features = options.features ?? DEFAULT_FEATURES;
  return trainFromCounts(countFeatures(examples.map((e) => e.text), features), examples, { ...options, features });
}

/** Trains on already counted features (`counts[i]` belongs to `examples[i]`). */
export function trainFromCounts(counts: readonly SparseVector[], examples: readonly LabelledText[], options: TrainTextOptions = {}): TextModel {
  if (examples.length === 0) throw new Error('cannot train a model on no examples');
  const features = options.features ?? DEFAULT_FEATURES;
  const labels = [...(options.labels ?? [...new Set(examples.map((e) => e.label))].sort())];
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const dim = featureDim(features);
  // Training works on the rows of the slots actually used: a compact weight table stays in cache, where the full
  // hashed space (2^19 slots × classes) made every update a cache miss and training 5× slower.
  const vocabulary = buildVocabulary(counts, dim, MIN_DOCUMENT_FREQUENCY);
  const rows = rowTable(vocabulary.slots, dim);
  const weights = weighting(vocabulary.idf, vocabulary.slots, features);
  const vectors = counts.map((c) => {
    const byRow = countsByRow(c, rows);
    return weighRows(byRow.rows, byRow.counts, weights);
  });
  const y = Int32Array.from(examples, (e) => {
    const index = labelIndex.get(e.label);
    if (index === undefined) throw new Error(`label "${e.label}" is not one of ${labels.join(', ')}`);
    return index;
  });
  const weighted = options.balance || examples.some((e) => e.weight !== undefined && e.weight !== 1);
  const perLabel = options.balance ? labelWeights(y, labels.length) : undefined;
  const sampleWeights = weighted ? Float32Array.from(examples, (e, i) => (e.weight ?? 1) * (perLabel ? (perLabel[y[i] as number] as number) : 1)) : undefined;
  const fitted = fitSoftmax(vectors, y, labels.length, vocabulary.slots.length, options.softmax ?? DEFAULT_SOFTMAX, sampleWeights);
  return new TextModel({ labels, features, slots: vocabulary.slots, idf: vocabulary.idf, weights: fitted.weights, bias: fitted.bias }, rows);
}

/** total / (labels present × count of the label): each label present weighs as much as an average label. */
function labelWeights(y: Int32Array, labels: number): Float64Array {
  const counts = new Float64Array(labels);
  for (const label of y) counts[label] = (counts[label] as number) + 1;
  const present = counts.filter((n) => n > 0).length;
  return counts.map((n) => (n > 0 ? y.length / (present * n) : 0));
}
