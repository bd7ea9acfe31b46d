import { isCue } from './cues.js';
import { hashPaddedGram, hashPair, hashString, SEED_BIGRAM, SEED_CHAR, SEED_HEADLINE_CHAR, SEED_WORD } from './feature-hashes.js';
import { ASK_TOKEN, HEADLINE_PREFIX, type DocumentTokens } from './tokenize.js';
import { entryCount, entryOffset, MAX_CACHED_WORD, WordSlotCache } from './word-slots.js';

/**
 * Feature hashing over word unigrams, word bigrams and character n-grams inside each word. Hashing keeps the model a
 * fixed size with no vocabulary to store; character n-grams make "crashes", "crashed" and "crashing" share evidence
 * and survive typos, which community text is full of.
 *
 * Words (and word pairs) and character n-grams live in separate blocks of slots: the word block is [0, 2^bits), the
 * character block [2^bits, 2^(bits+1)), and with `headlineBlockWeight` the headline's words and pairs get
 * [2^(bits+1), 3·2^bits). Each block is scaled to unit length on its own (tf-idf.ts), so the many n-grams of a long
 * post cannot drown its few words, nor a long body its title.
 */

export interface FeatureOptions {
  /** Each block has 2^bits slots. */
  bits: number;
  /** Character n-gram lengths inside a word padded with < and >, e.g. 2..4; charMin 0 turns them off. */
  charMin: number;
  charMax: number;
  /** Weight of a word pair relative to a single word. */
  bigramWeight: number;
  /** Length of the character block relative to the word block, after each is scaled to unit length. */
  charBlockWeight: number;
  /** Add tone and length cue tokens (cues.ts). */
  cues: boolean;
  /**
   * Above 0, the headline's words and pairs get a third block of slots, scaled to this length, instead of sharing
   * the word block with the body: a long body then cannot dilute the title. 0 (models stored before it) shares.
   */
  headlineBlockWeight: number;
  /** Character n-grams of the headline's words too, hashed apart from the body's (in the character block). */
  headlineChars: boolean;
  /** Term frequency as presence (1) rather than log(1 + count): a word repeated in a long post counts once. */
  binaryTf: boolean;
}

/**
 * Chosen by 5-fold cross-validation on GitHub issues (docs/classifier.md): words and word pairs carry most of the
 * signal; binary TF, the headline's own block at 0.5 and the character block at 0.7 took macro-F1 from 0.766 to 0.786.
 */
export const DEFAULT_FEATURES: FeatureOptions = {
  bits: 17,
  charMin: 2,
  charMax: 4,
  bigramWeight: 1,
  charBlockWeight: 0.7,
  cues: true,
  headlineBlockWeight: 0.5,
  headlineChars: true,
  binaryTf: true,
};

/** Slots in the whole space (every block). */
export function featureDim(options: FeatureOptions): number {
  return options.headlineBlockWeight > 0 ? 3 << options.bits : options.charMin > 0 ? 2 << options.bits : 1 << options.bits;
}

/** Where the headline block starts (2^(bits+1)), or 0 when the headline shares the word block. */
export function headlineBlock(options: FeatureOptions): number {
  return options.headlineBlockWeight > 0 ? 2 << options.bits : 0;
}

/** A sparse vector: parallel arrays of slot indices and values. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/**
 * Feature occurrences of one text: slot (or row, see extractFeatures), weight, and the position of the word it came from (for explanations), in
 * typed arrays reused from text to text. A long post has thousands; plain arrays or a callback per occurrence
 * measured several times slower.
 */
export class FeatureBuffer {
  slot = new Int32Array(1024);
  weight = new Float32Array(1024);
  token = new Int32Array(1024);
  length = 0;
  private cache: WordSlotCache | undefined;
  private cacheOptions: FeatureOptions | undefined;
  private cacheRows: Int32Array | undefined;
  private scratch = new Int32Array(128);

  /** The word-slot cache for these options and row table (a buffer used with others starts a new one). */
  wordSlots(options: FeatureOptions, rows: Int32Array | undefined): WordSlotCache {
    if (this.cache === undefined || this.cacheOptions !== options || this.cacheRows !== rows) {
      this.cache = new WordSlotCache();
      this.cacheOptions = options;
      this.cacheRows = rows;
    }
    return this.cache;
  }

  /** Room for the slots of one word of this length (see wordSlots). */
  wordScratch(wordLength: number): Int32Array {
    const needed = 1 + 3 * (wordLength + 2);
    if (this.scratch.length < needed) this.scratch = new Int32Array(needed);
    return this.scratch;
  }

  push(slot: number, weight: number, token: number): void {
    if (this.length === this.slot.length) this.grow();
    this.slot[this.length] = slot;
    this.weight[this.length] = weight;
    this.token[this.length] = token;
    this.length += 1;
  }

  private grow(): void {
    const size = this.slot.length * 2;
    const slot = new Int32Array(size);
    slot.set(this.slot);
    const weight = new Float32Array(size);
    weight.set(this.weight);
    const token = new Int32Array(size);
    token.set(this.token);
    this.slot = slot;
    this.weight = weight;
    this.token = token;
  }
}

/**
 * Fills `out` (from empty) with the features of one document. A word's own features (unigram, n-grams) depend only
 * on the word, so each distinct word is added once with its number of occurrences as weight (in a long post most
 * words repeat), and its slots come from the buffer's word cache (word-slots.ts) when it was seen lately. Pairs
 * depend on the neighbour and are hashed per position.
 *
 * With a model's row table (tf-idf.ts rowTable), `out.slot` holds rows instead, and features the model does not know
 * are left out: the cache then keeps rows, which spares a scattered look-up in a table of 2^bits · 3 entries per
 * n-gram. The known features stay in the same order, so sums over them come out the same.
 */
export function extractFeatures(document: DocumentTokens, options: FeatureOptions, out: FeatureBuffer, rows?: Int32Array): void {
  const { tokens, bodyLength } = document;
  const mask = (1 << options.bits) - 1;
  const halfPair = options.bigramWeight / 2;
  const headBlock = headlineBlock(options);
  out.length = 0;
  const distinct = new Map<string, number>();
  const first: number[] = [];
  const times: number[] = [];
  for (let t = 0; t < tokens.length; t += 1) {
    const token = tokens[t] as string;
    const seen = distinct.get(token);
    if (seen === undefined) {
      distinct.set(token, first.length);
      first.push(t);
      times.push(1);
    } else {
      times[seen] = (times[seen] as number) + 1;
    }
    if (halfPair > 0 && t + 1 < tokens.length) {
      // Half to each word of the pair, so that an explanation can credit both.
      const hashed = (hashPair(token, tokens[t + 1] as string, SEED_BIGRAM) & mask) + (t >= bodyLength ? headBlock : 0);
      const slot = rows === undefined ? hashed : (rows[hashed] as number);
      if (slot < 0) continue;
      out.push(slot, halfPair, t);
      out.push(slot, halfPair, t + 1);
    }
  }
  const cache = out.wordSlots(options, rows);
  for (let i = 0; i < first.length; i += 1) {
    const t = first[i] as number;
    const n = times[i] as number;
    const token = tokens[t] as string;
    const headline = t >= bodyLength;
    const kept = token.length <= MAX_CACHED_WORD;
    const entry = kept ? cache.find(token, headline) : -1;
    let pool = cache.pool;
    let from = entryOffset(entry);
    let end = from + entryCount(entry);
    if (entry < 0) {
      pool = out.wordScratch(token.length);
      from = 0;
      end = wordSlots(token, headline, options, pool);
      if (rows !== undefined) end = toRows(pool, end, rows);
      if (kept) cache.store(token, headline, pool, 0, end);
    }
    for (let k = from; k < end; k += 1) out.push(pool[k] as number, n, t);
  }
}

/** Slots → rows in place, the unknown ones left out; returns how many are left. */
function toRows(slots: Int32Array, count: number, rows: Int32Array): number {
  let n = 0;
  for (let k = 0; k < count; k += 1) {
    const row = rows[slots[k] as number] as number;
    if (row >= 0) slots[n++] = row;
  }
  return n;
}

/**
 * Writes the slots of one word's own features into `into` from 0 and returns how many: its unigram, then the
 * character n-grams of a body word or of a headline word. A cue token comes after the headline but describes the
 * whole text: it stays in the word block. `into` needs 1 + 3 · (word length + 2) entries.
 */
function wordSlots(token: string, headline: boolean, options: FeatureOptions, into: Int32Array): number {
  const mask = (1 << options.bits) - 1;
  const charBlock = 1 << options.bits;
  let n = 0;
  into[n++] = (hashString(token, SEED_WORD) & mask) + (headline && !isCue(token) ? headlineBlock(options) : 0);
  if (options.headlineChars && options.charMin > 0 && headline && token.startsWith(HEADLINE_PREFIX) && token.length > 2 && token !== ASK_TOKEN) {
    const padded = token.length - HEADLINE_PREFIX.length + 2; // `<${token.slice(HEADLINE_PREFIX.length)}>`
    for (let size = options.charMin; size <= options.charMax && size < padded; size += 1) {
      for (let at = 0; at + size <= padded; at += 1) into[n++] = charBlock + (hashPaddedGram(token, HEADLINE_PREFIX.length, SEED_HEADLINE_CHAR + size, at, size) & mask);
    }
  }
  if (options.charMin > 0 && !headline && token.length > 1) {
    const padded = token.length + 2; // `<${token}>`
    for (let size = options.charMin; size <= options.charMax && size < padded; size += 1) {
      for (let at = 0; at + size <= padded; at += 1) into[n++] = charBlock + (hashPaddedGram(token, 0, SEED_CHAR + size, at, size) & mask);
    }
  }
  return n;
}

/**
 * Counts features of one text into a reusable accumulator. Reusing one dense scratch array (and remembering which
 * slots were touched) is much faster than a Map for thousands of features per text.
 */
export class FeatureCounter {
  private readonly scratch: Float64Array;
  private readonly buffer = new FeatureBuffer();
  private touched: number[] = [];

  constructor(readonly options: FeatureOptions) {
    this.scratch = new Float64Array(featureDim(options));
  }

  count(document: DocumentTokens): SparseVector {
    const { buffer } = this;
    extractFeatures(document, this.options, buffer);
    for (let k = 0; k < buffer.length; k += 1) {
      const slot = buffer.slot[k] as number;
      if (this.scratch[slot] === 0) this.touched.push(slot);
      this.scratch[slot] = (this.scratch[slot] as number) + (buffer.weight[k] as number);
    }
    const index = new Int32Array(this.touched.length);
    const value = new Float32Array(this.touched.length);
    for (let i = 0; i < index.length; i += 1) {
      const slot = this.touched[i] as number;
      index[i] = slot;
      value[i] = this.scratch[slot] as number;
      this.scratch[slot] = 0;
    }
    this.touched = [];
    return { index, value };
  }
}
