import { isCue } from './cues.js';
import { FeatureCounter, featureDim, forEachFeature, type FeatureOptions, type SparseVector } from './features.js';
import { scoreInto, softmaxInPlace } from './softmax-regression.js';
import { rowTable, weigh } from './tf-idf.js';
import { documentTokens, plainWord, STOPWORDS, type DocumentTokens } from './tokenize.js';

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
 * Scores texts with a trained model. One instance reuses its counter's scratch array between calls, which keeps a call
 * well under a millisecond; it is not re-entrant, and needs not be, since `classify` is synchronous.
 */
export class TextModel {
  private readonly rows: Int32Array;
  private readonly counter: FeatureCounter;

  constructor(
    readonly data: TextModelData,
    rows?: Int32Array,
  ) {
    this.rows = rows ?? rowTable(data.slots, featureDim(data.features));
    this.counter = new FeatureCounter(data.features);
  }

  get labels(): string[] {
    return this.data.labels;
  }

  score(text: string): TextScores {
    const document = documentTokens(text, this.data.features.cues);
    const counts = this.counter.count(document);
    const vector = weigh(counts, this.data, this.rows, this.data.features);
    const classes = this.labels.length;
    const probabilities = new Float64Array(classes);
    scoreInto(probabilities, vector, this.data.weights, this.data.bias, classes);
    softmaxInPlace(probabilities);
    return { probabilities, explain: (labelIndex, count) => this.explain(document, counts, vector, labelIndex, count) };
  }

  /**
   * Each feature occurrence gets its share of its slot's contribution to the label's score; a word's contribution is
   * the sum of the shares of the features it produced (its unigram, its n-grams, half of each pair it is in).
   */
  private explain(document: DocumentTokens, counts: SparseVector, vector: SparseVector, labelIndex: number, count: number): string[] {
    const classes = this.labels.length;
    // Contribution per unit of count for each slot the model knows; `vector` holds those slots in `counts` order.
    const perUnit = new Map<number, number>();
    for (let k = 0, n = 0; k < counts.index.length; k += 1) {
      const slot = counts.index[k] as number;
      const row = this.rows[slot] as number;
      if (row < 0) continue;
      perUnit.set(slot, ((vector.value[n] as number) * (this.data.weights[row * classes + labelIndex] as number)) / (counts.value[k] as number));
      n += 1;
    }
    const perToken = new Float64Array(document.tokens.length);
    forEachFeature(document, this.data.features, (slot, weight, token) => {
      perToken[token] = (perToken[token] as number) + weight * (perUnit.get(slot) ?? 0);
    });
    const perWord = new Map<string, number>();
    document.tokens.forEach((token, t) => {
      const word = plainWord(token);
      perWord.set(word, (perWord.get(word) ?? 0) + (perToken[t] as number));
    });
    return [...perWord]
      .filter(([word, weight]) => weight > 0 && !isCue(word) && !STOPWORDS.has(word) && word.length > 1)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, count)
      .map(([word]) => word);
  }
}
