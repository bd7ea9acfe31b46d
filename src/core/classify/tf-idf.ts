import type { FeatureOptions, SparseVector } from './features.js';

/** The slots some training text used, ascending, with their smoothed inverse document frequency. */
export interface Vocabulary {
  slots: Int32Array;
  idf: Float32Array;
}

/**
 * Slots used by fewer than `minDocumentFrequency` training texts are left out: a word seen in one text is mostly a
 * name or a typo, and its weight fits that one text rather than anything general.
 */
export function buildVocabulary(vectors: readonly SparseVector[], dim: number, minDocumentFrequency = 1): Vocabulary {
  const df = new Uint32Array(dim);
  for (const vector of vectors) for (const slot of vector.index) df[slot] = (df[slot] as number) + 1;
  const slots: number[] = [];
  for (let slot = 0; slot < dim; slot += 1) if ((df[slot] as number) >= minDocumentFrequency) slots.push(slot);
  const n = vectors.length;
  return { slots: Int32Array.from(slots), idf: Float32Array.from(slots, (slot) => Math.log((1 + n) / (1 + (df[slot] as number))) + 1) };
}

/** slot → row in the vocabulary, or -1. A dense table: a lookup per feature must be cheap. */
export function rowTable(slots: Int32Array, dim: number): Int32Array {
  const table = new Int32Array(dim).fill(-1);
  slots.forEach((slot, row) => (table[slot] = row));
  return table;
}

/** The first row whose slot is `blockStart` or later: where a block begins (slots are ascending, blocks in order). */
function firstRowFrom(slots: Int32Array, blockStart: number): number {
  let low = 0;
  let high = slots.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((slots[middle] as number) < blockStart) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Counts over slots → counts over vocabulary rows; slots the model never saw are dropped. */
export function countsByRow(counts: SparseVector, table: Int32Array): { rows: Int32Array; counts: Float32Array } {
  const rows = new Int32Array(counts.index.length);
  const values = new Float32Array(counts.index.length);
  let n = 0;
  for (let k = 0; k < counts.index.length; k += 1) {
    const row = table[counts.index[k] as number] as number;
    if (row < 0) continue;
    rows[n] = row;
    values[n] = counts.value[k] as number;
    n += 1;
  }
  return { rows: rows.subarray(0, n), counts: values.subarray(0, n) };
}

export interface Weighting {
  idf: Float32Array;
  /** Rows from here on are character n-grams. */
  firstCharRow: number;
  /** Length of the character block relative to the word block. */
  charBlockWeight: number;
  /** Rows from here on are the headline block (the row count when there is none). */
  firstHeadlineRow: number;
  headlineBlockWeight: number;
  binaryTf: boolean;
}

/** A model's weighting: where its blocks start and how each is scaled. */
export function weighting(idf: Float32Array, slots: Int32Array, features: FeatureOptions): Weighting {
  return {
    idf,
    firstCharRow: firstRowFrom(slots, 1 << features.bits),
    charBlockWeight: features.charBlockWeight,
    firstHeadlineRow: features.headlineBlockWeight > 0 ? firstRowFrom(slots, 2 << features.bits) : slots.length,
    headlineBlockWeight: features.headlineBlockWeight,
    binaryTf: features.binaryTf,
  };
}

/**
 * Counts per row → TF (sublinear, or presence with `binaryTf`) × IDF, each block (words, characters, headline) scaled
 * to unit length, then the character block to `charBlockWeight` and the headline block to `headlineBlockWeight`. Sublinear TF keeps a word repeated in a long log from outweighing the sentence that says
 * what the user wants; unit length makes a one-liner and a long post comparable. Training and classification both
 * come here, so they cannot drift apart.
 */
export function weighRows(rows: Int32Array, counts: ArrayLike<number>, weighting: Weighting): SparseVector {
  const value = new Float32Array(rows.length);
  let wordNorm = 0;
  let charNorm = 0;
  let headNorm = 0;
  const fh = weighting.firstHeadlineRow;
  for (let k = 0; k < rows.length; k += 1) {
    const row = rows[k] as number;
    const x = (weighting.binaryTf ? 1 : Math.log1p(counts[k] as number)) * (weighting.idf[row] as number);
    value[k] = x;
    if (row < weighting.firstCharRow) wordNorm += x * x;
    else if (row < fh) charNorm += x * x;
    else headNorm += x * x;
  }
  const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
  const charScale = charNorm > 0 ? weighting.charBlockWeight / Math.sqrt(charNorm) : 0;
  const headScale = headNorm > 0 ? weighting.headlineBlockWeight / Math.sqrt(headNorm) : 0;
  for (let k = 0; k < rows.length; k += 1) {
    const row = rows[k] as number;
    value[k] = (value[k] as number) * (row < weighting.firstCharRow ? wordScale : row < fh ? charScale : headScale);
  }
  return { index: rows, value };
}
