import { extractFeatures, FeatureBuffer, featureDim, type FeatureOptions } from './features.js';
import { scoreInto, softmaxInPlace } from './softmax-regression.js';
import { rowTable, weighRows, weighting, type Weighting } from './tf-idf.js';
import { tellingTerms } from './telling-terms.js';
import { documentTokens, type DocumentTokens } from './tokenize.js';

/** A trained linear text model: hashed features → TF-IDF → softmax over `labels`. */
export interface TextModelData {
  labels: string[];
  features: FeatureOptions;
  /** The hashed slots training used, ascending; row i of `idf` and `weights` belongs to slots[i]. */
  slots: Int32Array;
  idf: Float32Array;
  /** Row-major, `labels.length` per row. */
  weights: Float32Array;
  bias: Float64Array;
}

export interface TextScores {
  /** Probability per label, in `labels` order. */
  probabilities: Float64Array;
  /** The `count` words of the text that pushed most towards `labelIndex` (stopwords left out). */
  explain(labelIndex: number, count: number): string[];
}

/**
 * Scores texts with a trained model. Counting works on the model's rows in scratch arrays reused between calls,
 * which keeps a call well under a millisecond; an instance is not re-entrant, and needs not be, since `classify` is
 * synchronous and `explain` is used before the next call.
 */
export class TextModel {
  private readonly rows: Int32Array;
  private readonly weighting: Weighting;
  private readonly buffer = new FeatureBuffer();
  /** Per row, zero between calls: counts while scoring, contributions while explaining. */
  private readonly scratch: Float64Array;
  /** Which score() filled the buffer, so that explain() knows whether it must extract the features again. */
  private generation = 0;
  /** Rows touched by the text being scored, and each token's contribution while explaining: reused, not garbage per call. */
  private touched = new Int32Array(1024);
  private perToken = new Float64Array(256);

  constructor(
    readonly data: TextModelData,
    rows?: Int32Array,
  ) {
    this.rows = rows ?? rowTable(data.slots, featureDim(data.features));
    this.weighting = weighting(data.idf, data.slots, data.features);
    this.scratch = new Float64Array(data.slots.length);
  }

  get labels(): string[] {
    return this.data.labels;
  }

  score(text: string): TextScores {
    return this.scoreDocument(documentTokens(text, this.data.features.cues));
  }

  /** Scores an already tokenised text (documentTokens with this model's `features.cues`). */
  scoreDocument(document: DocumentTokens): TextScores {
    const { buffer, scratch } = this;
    // The buffer gets this model's rows, the features it does not know left out (features.ts).
    extractFeatures(document, this.data.features, buffer, this.rows);
    const generation = ++this.generation;
    if (this.touched.length < buffer.length) this.touched = new Int32Array(buffer.slot.length);
    const { touched } = this;
    // Locals rather than property reads in the loop: it runs once per feature occurrence, thousands in a long post.
    const { slot: rowOf, weight, length } = buffer;
    let n = 0;
    for (let k = 0; k < length; k += 1) {
      const row = rowOf[k] as number;
      const sum = scratch[row] as number;
      if (sum === 0) touched[n++] = row;
      scratch[row] = sum + (weight[k] as number);
    }
    // A copy: explain() may come after the next score() and still needs this text's rows.
    const rows = touched.slice(0, n);
    const counts = new Float32Array(n);
    for (let k = 0; k < n; k += 1) {
      counts[k] = scratch[rows[k] as number] as number;
      scratch[rows[k] as number] = 0;
    }
    const vector = weighRows(rows, counts, this.weighting);
    const classes = this.labels.length;
    const probabilities = new Float64Array(classes);
    scoreInto(probabilities, vector, this.data.weights, this.data.bias, classes);
    softmaxInPlace(probabilities);
    return { probabilities, explain: (labelIndex, count) => this.explain(document, generation, rows, counts, vector.value, labelIndex, count) };
  }

  /**
   * Each feature occurrence gets its share of its row's contribution to the label's score; a word's contribution is
   * the sum of the shares of the features it produced (its unigram, its n-grams, half of each pair it is in).
   */
  private explain(document: DocumentTokens, generation: number, rows: Int32Array, counts: Float32Array, values: Float32Array, labelIndex: number, count: number): string[] {
    const { buffer, scratch } = this;
    const classes = this.labels.length;
    // The buffer still holds this text's features unless another text was scored in between.
    if (generation !== this.generation) {
      extractFeatures(document, this.data.features, buffer, this.rows);
      // No score() has generation 0: whoever explains next must extract again too.
      this.generation = 0;
    }
    for (let k = 0; k < rows.length; k += 1) {
      const row = rows[k] as number;
      scratch[row] = ((values[k] as number) * (this.data.weights[row * classes + labelIndex] as number)) / (counts[k] as number);
    }
    if (this.perToken.length < document.tokens.length) this.perToken = new Float64Array(document.tokens.length * 2);
    const { perToken } = this;
    perToken.fill(0, 0, document.tokens.length);
    for (let k = 0; k < buffer.length; k += 1) {
      const row = buffer.slot[k] as number;
      const token = buffer.token[k] as number;
      perToken[token] = (perToken[token] as number) + (buffer.weight[k] as number) * (scratch[row] as number);
    }
    for (const row of rows) scratch[row] = 0;
    return tellingTerms(document, perToken, count);
  }
}
