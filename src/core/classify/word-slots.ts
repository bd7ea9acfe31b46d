/**
 * A word's own feature slots (its unigram and character n-grams) depend only on the word and on whether it stands in
 * the body or the headline, yet hashing them is most of feature extraction: "the", "app" or "crash" come back in
 * nearly every text. This remembers the slots of recently seen words so that each is hashed once, not once per text.
 *
 * Two generations approximate least-recently-used at the cost of a map lookup: words go into the young generation;
 * when it is full it becomes the old one and the previous old one is dropped, and a word found in the old generation
 * is copied back into the young one. Slots sit in one typed array per generation, so an entry is a number, not an
 * object for the collector to trace.
 */

/** Words per generation: a long post has about 200 distinct words; a day of chat reuses a few thousand. */
const MAX_WORDS = 8192;
/** Slot storage per generation: about 16 slots per word. */
const POOL_SLOTS = 1 << 17;
/** Longer tokens (a pasted hash, a run of letters) are rarely seen twice and would crowd the pool: not kept. */
export const MAX_CACHED_WORD = 40;
/** An entry is offset << COUNT_BITS | count (a small integer); a kept word has at most 1 + 3 · (MAX_CACHED_WORD + 2) slots. */
const COUNT_BITS = 8;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

class Generation {
  readonly body = new Map<string, number>();
  readonly headline = new Map<string, number>();
  readonly pool = new Int32Array(POOL_SLOTS);
  used = 0;

  get size(): number {
    return this.body.size + this.headline.size;
  }
}

export class WordSlotCache {
  private young = new Generation();
  private old = new Generation();
  /** The slots the last `find` or `store` answered about. */
  pool: Int32Array = this.young.pool;

  /** The word's slots as `offset << 8 | count` into `pool` (until the next call), or -1 when not kept. */
  find(word: string, headline: boolean): number {
    const young = this.young;
    const hit = (headline ? young.headline : young.body).get(word);
    if (hit !== undefined) {
      this.pool = young.pool;
      return hit;
    }
    const old = this.old;
    const aged = (headline ? old.headline : old.body).get(word);
    if (aged === undefined) return -1;
    const count = aged & COUNT_MASK;
    if (this.full(count)) {
      this.pool = old.pool;
      return aged;
    }
    return this.store(word, headline, old.pool, aged >>> COUNT_BITS, count);
  }

  /** Keeps `count` slots of `source` from `offset` for the word; answers as `find` does. */
  store(word: string, headline: boolean, source: Int32Array, offset: number, count: number): number {
    if (this.full(count)) this.age();
    const young = this.young;
    const at = young.used;
    young.pool.set(source.subarray(offset, offset + count), at);
    young.used = at + count;
    const entry = (at << COUNT_BITS) | count;
    (headline ? young.headline : young.body).set(word, entry);
    this.pool = young.pool;
    return entry;
  }

  private full(count: number): boolean {
    return this.young.size >= MAX_WORDS || this.young.used + count > POOL_SLOTS;
  }

  /** The young generation becomes the old one; the old one's arrays, emptied, are reused rather than reallocated. */
  private age(): void {
    const dropped = this.old;
    dropped.body.clear();
    dropped.headline.clear();
    dropped.used = 0;
    this.old = this.young;
    this.young = dropped;
  }
}

export function entryOffset(entry: number): number {
  return entry >>> COUNT_BITS;
}

export function entryCount(entry: number): number {
  return entry & COUNT_MASK;
}
