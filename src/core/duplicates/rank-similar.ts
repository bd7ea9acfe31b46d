/** One text among those a new report is compared with, as its similarity terms. */
export interface CorpusEntry<T> {
  terms: string[];
  value: T;
}

export interface Ranked<T> {
  value: T;
  /** Cosine similarity of tf-idf vectors, 0..1. */
  score: number;
}

/**
 * The entries most like a query, best first: cosine similarity of tf-idf vectors, with word rarity (idf) counted over
 * the corpus itself, so that words every report shares ("app", "sensor" in a sensor company) weigh little and the
 * specific ones ("csv", "android", "frost") decide. Chosen over trigram similarity on the labelled set in
 * bench/support/duplicate-set.ts (see docs/duplicates.md for the comparison).
 *
 * Built once over a corpus and asked many times. Lookups use the kept index (similarity-index.ts), whose answers
 * are exactly this one's: this is the definition it is tested against. `without` leaves one entry out of the
 * answers (a card's own item); it still counts in the word weights, a difference of one document in a couple of
 * thousand.
 */
export function similarityIndex<T>(corpus: CorpusEntry<T>[]) {
  const documentFrequency = new Map<string, number>();
  for (const entry of corpus) for (const term of new Set(entry.terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  // The query counts as a document too: a word no other report has weighs most; one that every report has, nothing.
  const documents = corpus.length + 1;
  const idf = (term: string) => Math.log((documents + 1) / ((documentFrequency.get(term) ?? 0) + 1));
  // Per word, the entries that have it with their weight: a query only touches the entries that share its words.
  const postings = new Map<string, { entries: number[]; weights: number[] }>();
  for (const [index, entry] of corpus.entries()) {
    for (const [term, weight] of vector(entry.terms, idf)) {
      const list = postings.get(term) ?? { entries: [], weights: [] };
      list.entries.push(index);
      list.weights.push(weight);
      postings.set(term, list);
    }
  }
  // Scratch shared by the queries of this index (one at a time: rank is synchronous), cleared after each: a burst's
  // cards would otherwise each allocate two arrays the size of the corpus.
  const scores = new Float64Array(corpus.length);
  const seen = new Uint8Array(corpus.length);
  return {
    rank(query: string[], options: { minScore: number; limit: number; without?: T }): Ranked<T>[] {
      if (query.length === 0 || corpus.length === 0) return [];
      const touched: number[] = [];
      for (const [term, weight] of vector(query, idf)) {
        const list = postings.get(term);
        if (!list) continue;
        for (let i = 0; i < list.entries.length; i += 1) {
          const index = list.entries[i] as number;
          if (seen[index] === 0) {
            seen[index] = 1;
            touched.push(index);
          }
          scores[index] = (scores[index] as number) + weight * (list.weights[i] as number);
        }
      }
      // Only the few entries close enough are put in corpus order (a common word touches most of the corpus).
      const close: number[] = [];
      for (const index of touched) {
        if ((scores[index] as number) >= options.minScore) close.push(index);
      }
      const ranked: Ranked<T>[] = [];
      // In corpus order, so that ties stay in it (newest first) as a plain scan would leave them.
      for (const index of close.sort((a, b) => a - b)) {
        const entry = corpus[index] as CorpusEntry<T>;
        if (options.without === undefined || entry.value !== options.without) ranked.push({ value: entry.value, score: Math.round((scores[index] as number) * 1000) / 1000 });
      }
      for (const index of touched) {
        scores[index] = 0;
        seen[index] = 0;
      }
      return ranked.sort((a, b) => b.score - a.score).slice(0, options.limit);
    },
  };
}

/** Unit-length tf-idf vector; a repeated word counts once (binary tf scored as well as log tf on the labelled set). */
export function vector(terms: string[], idf: (term: string) => number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of new Set(terms)) weights.set(term, idf(term));
  const norm = Math.sqrt([...weights.values()].reduce((sum, w) => sum + w * w, 0)) || 1;
  for (const [term, w] of weights) weights.set(term, w / norm);
  return weights;
}
