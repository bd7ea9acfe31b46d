import { describe, expect, it } from 'vitest';
import { similarityIndex, type CorpusEntry } from '../../../src/core/duplicates/rank-similar.js';
import { keptSimilarityIndex } from '../../../src/core/duplicates/similarity-index.js';

/** A small seeded generator, so that a failure replays. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Texts over a skewed vocabulary: a few words most texts share, many rare ones, as in real reports. */
function textOf(next: () => number): string[] {
  const length = 3 + Math.floor(next() * 12);
  return Array.from({ length }, () => `w${Math.floor(next() ** 3 * 400)}`);
}

const options = { minScore: 0.3, limit: 5 };

describe('kept similarity index', () => {
  it('ranks like an index built from scratch after every addition and removal', () => {
    const next = random(12);
    const texts = new Map<number, string[]>();
    let open: number[] = [];
    let newest = 0;
    const kept = keptSimilarityIndex<number>();
    let offered = 0;
    for (let step = 0; step < 150; step += 1) {
      // New items arrive at the front; some are closed or merged; the oldest fall out of a window of 300.
      const arriving = Math.floor(next() * 6);
      for (let i = 0; i < arriving; i += 1) {
        newest += 1;
        texts.set(newest, textOf(next));
        open.unshift(newest);
      }
      open = open.filter(() => next() > 0.01).slice(0, 300);
      // Now and then a lookup whose corpus changed wholesale (another community, a long pause).
      if (step % 50 === 49) open = open.filter((id) => id % 3 !== 0);
      if (step % 40 === 39) open = open.filter((id) => id % 4 === 0);
      const added = kept.missing(open).map((id) => ({ terms: texts.get(id) as string[], value: id }));
      kept.update(open, added);
      const corpus: CorpusEntry<number>[] = open.map((id) => ({ terms: texts.get(id) as string[], value: id }));
      const fresh = similarityIndex(corpus);
      expect(kept.size).toBe(corpus.length);
      // Queries: the newest items themselves (a card's own item left out), an older one, a text with an unseen word.
      const queries = [...open.slice(0, 3), open[Math.floor(next() * open.length)]].flatMap((id) => (id === undefined ? [] : [{ terms: texts.get(id) as string[], without: id }]));
      queries.push({ terms: [...textOf(next), 'unseen-word'], without: -1 });
      // A near copy of an item that has just arrived: the duplicate a card should offer.
      if (open[0] !== undefined) queries.push({ terms: [...(texts.get(open[0]) as string[]), 'again'], without: -1 });
      for (const q of queries) {
        const a = kept.rank(q.terms, { ...options, without: q.without });
        const b = fresh.rank(q.terms, { ...options, without: q.without });
        expect(a).toEqual(b);
        offered += a.length;
      }
    }
    // Not an empty comparison: the queries found look-alikes throughout.
    expect(offered).toBeGreaterThan(200);
  });

  it('offers an item as a duplicate of one that arrived a moment earlier', () => {
    const kept = keptSimilarityIndex<number>();
    const older = [{ terms: ['export', 'button'], value: 1 }, { terms: ['login', 'slow'], value: 2 }];
    kept.update([2, 1], older);
    kept.update([3, 2, 1], [{ terms: ['csv', 'export', 'broken', 'android'], value: 3 }]);
    const ranked = kept.rank(['csv', 'export', 'broken', 'android', 'again'], { ...options, without: 4 });
    expect(ranked.map((r) => r.value)).toEqual([3]);
  });

  it('forgets removed items and their words', () => {
    const kept = keptSimilarityIndex<number>();
    kept.update([2, 1], [{ terms: ['frost', 'sensor'], value: 1 }, { terms: ['battery', 'sensor'], value: 2 }]);
    kept.update([2], []);
    expect(kept.rank(['frost', 'sensor'], options)).toEqual(similarityIndex([{ terms: ['battery', 'sensor'], value: 2 }]).rank(['frost', 'sensor'], options));
    expect(kept.missing([1, 2])).toEqual([1]);
  });
});
