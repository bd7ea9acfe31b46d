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
 * The entries most like `query`, best first: cosine similarity of tf-idf vectors, with word rarity (idf) counted over
 * the corpus itself, so that words every report shares ("app", "sensor" in a sensor company) weigh little and the
 * specific ones ("csv", "android", "frost") decide. Chosen over trigram similarity on the labelled set in
 * bench/support/duplicate-set.ts (see docs/duplicates.md for the comparison).
 */
export function rankSimilar<T>(query: string[], corpus: CorpusEntry<T>[], options: { minScore: number; limit: number }): Ranked<T>[] {
  if (query.length === 0 || corpus.length === 0) return [];
  const documentFrequency = new Map<string, number>();
  for (const entry of corpus) for (const term of new Set(entry.terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  // The query counts as a document too: a word no other report has weighs most; one that every report has, nothing.
  const documents = corpus.length + 1;
  const idf = (term: string) => Math.log((documents + 1) / ((documentFrequency.get(term) ?? 0) + 1));
  const q = vector(query, idf);
  const ranked: Ranked<T>[] = [];
  for (const entry of corpus) {
    // Most entries share no word with the query: they score 0 and need no vector.
    if (!entry.terms.some((term) => q.has(term))) continue;
    const d = vector(entry.terms, idf);
    let dot = 0;
    for (const [term, weight] of q) dot += weight * (d.get(term) ?? 0);
    if (dot >= options.minScore) ranked.push({ value: entry.value, score: Math.round(dot * 1000) / 1000 });
  }
  return ranked.sort((a, b) => b.score - a.score).slice(0, options.limit);
}

/** Unit-length tf-idf vector; a repeated word counts once (binary tf scored as well as log tf on the labelled set). */
function vector(terms: string[], idf: (term: string) => number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of new Set(terms)) weights.set(term, idf(term));
  const norm = Math.sqrt([...weights.values()].reduce((sum, w) => sum + w * w, 0)) || 1;
  for (const [term, w] of weights) weights.set(term, w / norm);
  return weights;
}
