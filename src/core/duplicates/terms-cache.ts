import { sql } from 'drizzle-orm';
import { anyOf } from '../../db/any-of.js';
import type { DbOrTx } from '../../db/client.js';
import { feedbackItems } from '../../db/schema/index.js';
import { similarityTerms } from './similarity-terms.js';

/** Enough for every open item a lookup reads (2,000) several times over; about 1 MB at this size. */
const CAPACITY = 20_000;
const caches = new WeakMap<object, Map<number, string[]>>();

/**
 * Each item's similarity terms, read from the database once and then kept: an item's text never changes, so a kept
 * entry is never stale, and a lookup reads only the IDs of open items. Per database handle, oldest entries first out.
 */
export async function termsOf(db: DbOrTx, itemIds: number[]): Promise<[number, string[]][]> {
  const cache = caches.get(db) ?? new Map<number, string[]>();
  caches.set(db, cache);
  const missing = itemIds.filter((id) => !cache.has(id));
  for (let start = 0; start < missing.length; start += 500) {
    const rows = await db
      .select({ id: feedbackItems.id, text: sql<string>`coalesce(${feedbackItems.title}, '') || ' ' || left(${feedbackItems.text}, 2000)` })
      .from(feedbackItems)
      .where(anyOf(feedbackItems.id, missing.slice(start, start + 500)));
    for (const row of rows) cache.set(row.id, [...new Set(similarityTerms(row.text))]);
  }
  while (cache.size > CAPACITY) cache.delete(cache.keys().next().value as number);
  return itemIds.flatMap((id) => {
    const terms = cache.get(id);
    return terms ? [[id, terms] as [number, string[]]] : [];
  });
}
