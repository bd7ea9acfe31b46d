import { vector, type CorpusEntry, type Ranked } from './rank-similar.js';

/**
 * A similarity index kept from one lookup to the next and updated by difference: under a steady intake the newest
 * open items change by a few with every batch of cards, and rebuilding the whole index over 2,001 texts each time was
 * a sixth of the bot's CPU at 200 posts/s.
 *
 * Answers are exactly those of `similarityIndex` built from scratch over the same entries in the same order (same
 * scores to the last bit, same ties): tf-idf weights depend on the corpus size and every word's document frequency,
 * which move with each update, so only what does not depend on them is kept (each entry's words, the document
 * frequencies, which entries have each word), and the weights are worked out again from them when the corpus has
 * changed since the last query: one logarithm per word and one sum per entry, far less than rebuilding the maps and
 * postings. Exact rather than approximate, so a new item is offered as a duplicate of one that arrived seconds earlier
 * with the very score a fresh index would give, and no drift bound or periodic rebuild is needed.
 */
export function keptSimilarityIndex<T>() {
  const slotOf = new Map<T, number>();
  // Per slot: the entry's value and its words as word numbers, in the order its terms came (the norm sums in it).
  const values: (T | undefined)[] = [];
  const words: Int32Array[] = [];
  const freeSlots: number[] = [];
  const wordOf = new Map<string, number>();
  const documentFrequency: number[] = [];
  const postings: number[][] = [];
  const freeWords: number[] = [];
  const termOf: string[] = [];
  /** Where each entry stands in the list last given to `update` (newest first): ties are ranked in that order. */
  let position = new Map<T, number>();
  let idf = new Float64Array(0);
  let norms = new Float64Array(0);
  let scores = new Float64Array(0);
  let seen = new Uint8Array(0);
  let weighed = false;

  function add(entry: CorpusEntry<T>) {
    const slot = freeSlots.pop() ?? values.length;
    const ids = new Int32Array(entry.terms.length);
    let count = 0;
    for (const term of new Set(entry.terms)) {
      let word = wordOf.get(term);
      if (word === undefined) {
        word = freeWords.pop() ?? documentFrequency.length;
        wordOf.set(term, word);
        termOf[word] = term;
        documentFrequency[word] = 0;
        postings[word] = [];
      }
      documentFrequency[word] = (documentFrequency[word] as number) + 1;
      (postings[word] as number[]).push(slot);
      ids[count] = word;
      count += 1;
    }
    values[slot] = entry.value;
    words[slot] = ids.subarray(0, count);
    slotOf.set(entry.value, slot);
  }

  function remove(value: T) {
    const slot = slotOf.get(value) as number;
    for (const word of words[slot] as Int32Array) {
      const list = postings[word] as number[];
      // Order within a posting list does not matter: each entry's score is summed in the query's word order.
      const at = list.indexOf(slot);
      list[at] = list[list.length - 1] as number;
      list.pop();
      documentFrequency[word] = (documentFrequency[word] as number) - 1;
      if (documentFrequency[word] === 0) {
        wordOf.delete(termOf[word] as string);
        freeWords.push(word);
      }
    }
    values[slot] = undefined;
    words[slot] = new Int32Array(0);
    freeSlots.push(slot);
    slotOf.delete(value);
  }

  function termsOfSlot(slot: number): string[] {
    return [...(words[slot] as Int32Array)].map((word) => termOf[word] as string);
  }

  function clear() {
    slotOf.clear();
    wordOf.clear();
    for (const list of [values, words, freeSlots, documentFrequency, postings, freeWords, termOf]) list.length = 0;
  }

  /** idf and each entry's norm for the corpus as it stands, with the same arithmetic as `similarityIndex`. */
  function weigh() {
    const documents = slotOf.size + 1;
    if (idf.length < documentFrequency.length) idf = new Float64Array(documentFrequency.length * 2);
    for (let word = 0; word < documentFrequency.length; word += 1) idf[word] = Math.log((documents + 1) / ((documentFrequency[word] as number) + 1));
    if (norms.length < values.length) {
      norms = new Float64Array(values.length * 2);
      scores = new Float64Array(values.length * 2);
      seen = new Uint8Array(values.length * 2);
    }
    for (let slot = 0; slot < values.length; slot += 1) {
      let sum = 0;
      for (const word of words[slot] as Int32Array) sum += (idf[word] as number) * (idf[word] as number);
      norms[slot] = Math.sqrt(sum) || 1;
    }
    weighed = true;
  }

  return {
    /** The entries of `values` not yet in the index, whose terms `update` needs. */
    missing(list: T[]): T[] {
      return list.filter((value) => !slotOf.has(value));
    },

    /**
     * Makes the index hold exactly the entries of `list` that are in it already or in `added`, in the order of `list`
     * (entries of `list` missing from both are left out, as a corpus built from scratch would lack them).
     */
    update(list: T[], added: CorpusEntry<T>[]) {
      const next = new Map<T, number>();
      for (const [i, value] of list.entries()) next.set(value, i);
      const before = slotOf.size;
      const leaving = [...slotOf.keys()].filter((value) => !next.has(value));
      // Each removal searches the posting lists of its words; when most entries go (another corpus altogether), it
      // is cheaper to start again, and the entries that stay are taken back from the ones kept.
      if (leaving.length > before / 2) {
        const staying = [...slotOf.keys()].filter((value) => next.has(value)).map((value) => ({ terms: termsOfSlot(slotOf.get(value) as number), value }));
        clear();
        for (const entry of staying) add(entry);
      } else {
        for (const value of leaving) remove(value);
      }
      let arrived = 0;
      for (const entry of added) {
        if (next.has(entry.value) && !slotOf.has(entry.value)) {
          add(entry);
          arrived += 1;
        }
      }
      if (leaving.length > 0 || arrived > 0) weighed = false;
      position = next;
    },

    get size() {
      return slotOf.size;
    },

    rank(query: string[], options: { minScore: number; limit: number; without?: T }): Ranked<T>[] {
      if (query.length === 0 || slotOf.size === 0) return [];
      if (!weighed) weigh();
      const documents = slotOf.size + 1;
      const touched: number[] = [];
      for (const [term, weight] of vector(query, (t) => {
        const word = wordOf.get(t);
        return word === undefined ? Math.log((documents + 1) / 1) : (idf[word] as number);
      })) {
        const word = wordOf.get(term);
        if (word === undefined) continue;
        const w = idf[word] as number;
        for (const slot of postings[word] as number[]) {
          if (seen[slot] === 0) {
            seen[slot] = 1;
            touched.push(slot);
          }
          scores[slot] = (scores[slot] as number) + weight * (w / (norms[slot] as number));
        }
      }
      const close: { slot: number; at: number }[] = [];
      for (const slot of touched) {
        if ((scores[slot] as number) >= options.minScore) close.push({ slot, at: position.get(values[slot] as T) as number });
      }
      const ranked: Ranked<T>[] = [];
      for (const { slot } of close.sort((a, b) => a.at - b.at)) {
        const value = values[slot] as T;
        if (options.without === undefined || value !== options.without) ranked.push({ value, score: Math.round((scores[slot] as number) * 1000) / 1000 });
      }
      for (const slot of touched) {
        scores[slot] = 0;
        seen[slot] = 0;
      }
      return ranked.sort((a, b) => b.score - a.score).slice(0, options.limit);
    },
  };
}

