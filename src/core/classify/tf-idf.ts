import type { FeatureOptions, SparseVector } from './features.js';

/** The slots some training text used, ascending, with their smoothed inverse document frequency. */
export interface Vocabulary {
  slots: Int32Array;
  idf: Float32Array;
}

export function buildVocabulary(vectors: readonly SparseVector[], dim: number): Vocabulary {
  const df = new Uint32Array(dim);
  for (const vector of vectors) for (const slot of vector.index) df[slot] = (df[slot] as number) + 1;
  const slots: number[] = [];
  for (let slot = 0; slot < dim; slot += 1) if ((df[slot] as number) > 0) slots.push(slot);
  const n = vectors.length;
  return { slots: Int32Array.from(slots), idf: Float32Array.from(slots, (slot) => Math.log((1 + n) / (1 + (df[slot] as number))) + 1) };
}

/** slot → row in the vocabulary, or -1. A dense table: a lookup per feature must be cheap. */
export function rowTable(slots: Int32Array, dim: number): Int32Array {
  const table = new Int32Array(dim).fill(-1);
  slots.forEach((slot, row) => (table[slot] = row));
  return table;
}

/**
 * Counts over slots → a vector over vocabulary rows: sublinear TF × IDF, each block (words, characters) scaled to unit
 * length and the character block then to `charBlockWeight`. Sublinear TF keeps a word repeated in a long log from
 * outweighing the sentence that says what the user wants; unit length makes a one-liner and a long post comparable.
 * Slots outside the vocabulary are dropped: the model knows nothing about them.
 */
export function weigh(counts: SparseVector, vocabulary: Vocabulary, rows: Int32Array, options: FeatureOptions): SparseVector {
  const charBlock = 1 << options.bits;
  // Plain loops into preallocated typed arrays: this runs on every classification, and TypedArray.from with a
  // callback measured 40x slower than a loop here.
  const index = new Int32Array(counts.index.length);
  const value = new Float32Array(counts.index.length);
  const isChar = new Uint8Array(counts.index.length);
  let n = 0;
  let wordNorm = 0;
  let charNorm = 0;
  for (let k = 0; k < counts.index.length; k += 1) {
    const slot = counts.index[k] as number;
    const row = rows[slot] as number;
    if (row < 0) continue;
    const x = Math.log1p(counts.value[k] as number) * (vocabulary.idf[row] as number);
    index[n] = row;
    value[n] = x;
    if (slot < charBlock) wordNorm += x * x;
    else {
      charNorm += x * x;
      isChar[n] = 1;
    }
    n += 1;
  }
  const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
  const charScale = charNorm > 0 ? options.charBlockWeight / Math.sqrt(charNorm) : 0;
  for (let k = 0; k < n; k += 1) value[k] = (value[k] as number) * (isChar[k] === 1 ? charScale : wordScale);
  return { index: index.subarray(0, n), value: value.subarray(0, n) };
}
