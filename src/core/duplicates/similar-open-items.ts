import { and, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { feedbackItems } from '../../db/schema/index.js';
import { excerpt } from '../inert-text.js';
import { rankSimilar } from './rank-similar.js';
import { similarityTerms } from './similarity-terms.js';
import { termsOf } from './terms-cache.js';

/** An open item that reads like the one in hand, with where it is and who has it. */
export interface SimilarItem {
  itemId: number;
  /** Cosine similarity of the two texts' tf-idf vectors, 0..1. */
  score: number;
  community: { id: string; name: string };
  title: string | null;
  excerpt: string;
  /** Teams the item is open with. */
  teams: string[];
}

/**
 * Below this score a pair is not offered. Chosen on the labelled set in bench/support/duplicate-set.ts, where it
 * gave the best balance of precision and recall (figures: `npm run bench -- duplicates`, docs/duplicates.md).
 */
export const MIN_SIMILARITY = 0.3;
/** Items are compared with the newest open items of this window, at most this many: a bounded cost per lookup. */
const WINDOW_MS = 180 * 86_400_000;
const CORPUS_LIMIT = 2_000;
const ACTIVE = sql.raw(`('open', 'acknowledged', 'owned')`);
const openWithSomeTeam = sql`exists (select 1 from routings r where r.item_id = ${feedbackItems.id} and r.status in ${ACTIVE})`;

/**
 * Open items (not merged, still open with some team) whose text is like `text`, best first. Runs after capture (when
 * a card is drawn, or when someone asks), never inside it, so capture stays one statement. Only the open items' IDs
 * are read each time; their words are kept in memory once read, since an item's text never changes.
 */
export async function similarOpenItems(db: DbOrTx, config: LiaisonConfig, query: { text: string; excludeItemId?: number; community?: string; limit: number }, now: Date): Promise<SimilarItem[]> {
  const terms = similarityTerms(query.text);
  if (terms.length === 0) return [];
  const open = await db
    .select({ id: feedbackItems.id })
    .from(feedbackItems)
    .where(and(
      isNull(feedbackItems.mergedIntoId),
      gte(feedbackItems.capturedAt, new Date(now.getTime() - WINDOW_MS)),
      query.community ? eq(feedbackItems.communityId, query.community) : undefined,
      query.excludeItemId ? ne(feedbackItems.id, query.excludeItemId) : undefined,
      openWithSomeTeam,
    ))
    .orderBy(desc(feedbackItems.capturedAt))
    .limit(CORPUS_LIMIT);
  const corpus = await termsOf(db, open.map((o) => o.id));
  const best = rankSimilar(terms, corpus.map(([id, t]) => ({ terms: t, value: id })), { minScore: MIN_SIMILARITY, limit: query.limit });
  if (best.length === 0) return [];
  const shown = await db
    .select({
      id: feedbackItems.id,
      communityId: feedbackItems.communityId,
      title: feedbackItems.title,
      text: sql<string>`left(${feedbackItems.text}, 201)`,
      teams: sql<string[] | null>`(select array_agg(r.team_id order by r.id) from routings r where r.item_id = ${feedbackItems.id} and r.status in ${ACTIVE})`,
    })
    .from(feedbackItems)
    .where(inArray(feedbackItems.id, best.map((b) => b.value)));
  return best.flatMap(({ value, score }) => {
    const row = shown.find((s) => s.id === value);
    if (!row) return [];
    return [{
      itemId: row.id,
      score,
      community: { id: row.communityId, name: config.communities[row.communityId]?.name ?? row.communityId },
      title: row.title,
      excerpt: excerpt(row.text, 201),
      teams: row.teams ?? [],
    }];
  });
}
