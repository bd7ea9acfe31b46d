import { and, asc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import { anyOf } from '../../db/any-of.js';
import type { DbOrTx } from '../../db/client.js';
import { feedbackItems, routings } from '../../db/schema/index.js';
import { excerpt } from '../inert-text.js';
import { timeSlices } from '../time-slices.js';
import type { Ranked } from './rank-similar.js';
import { keptSimilarityIndex } from './similarity-index.js';
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
/** Longest a batch of lookups ranks back to back before it gives the event loop a turn (ms). */
const RANK_SLICE_MS = 5;
const ACTIVE_STATUSES = ['open', 'acknowledged', 'owned'] as const;
const ACTIVE = sql.raw(`('open', 'acknowledged', 'owned')`);
const openWithSomeTeam = sql`exists (select 1 from routings r where r.item_id = feedback_items.id and r.status in ${ACTIVE})`;

/**
 * Open items (not merged, still open with some team) whose text is like `text`, best first. Runs after capture (when
 * a card is drawn, or when someone asks), never inside it, so capture stays one statement. Only the open items' IDs
 * are read each time; their words are kept in memory once read, since an item's text never changes.
 */
export async function similarOpenItems(db: DbOrTx, config: LiaisonConfig, query: { text: string; excludeItemId?: number; community?: string; limit: number }, now: Date): Promise<SimilarItem[]> {
  const terms = similarityTerms(query.text);
  if (terms.length === 0) return [];
  const open = await openItemIds(db, now, CORPUS_LIMIT, { community: query.community, excludeItemId: query.excludeItemId });
  // The kept index of all communities differs from this corpus by an item or two (the one in hand, the oldest), so
  // an item page or a search shares it with the cards instead of weighing 2,000 texts of its own.
  const best = await rankKept(db, query.community ?? '', open, (index) => index.rank(terms, { minScore: MIN_SIMILARITY, limit: query.limit }));
  return (await shownItems(db, config, [best]))[0] ?? [];
}

/**
 * The same lookup for many items at once (the cards of a burst), sharing one corpus: each item is compared with
 * exactly the items `similarOpenItems` would compare it with, in a fixed number of queries however many are asked.
 */
export async function similarOpenItemsOfMany(db: DbOrTx, config: LiaisonConfig, queries: { itemId: number; text: string }[], limit: number, now: Date): Promise<Map<number, SimilarItem[]>> {
  const asked = queries.map((q) => ({ ...q, terms: similarityTerms(q.text) })).filter((q) => q.terms.length > 0);
  if (asked.length === 0) return new Map();
  // One more than a lookup reads: leaving out the item itself, or else the oldest, gives each item its own 2,000.
  const open = await openItemIds(db, now, CORPUS_LIMIT + 1, {});
  const fullWindow = open.length > CORPUS_LIMIT;
  const best = await rankKept(db, '', open, async (index) => {
    const ranked: Ranked<number>[][] = [];
    const turn = timeSlices(RANK_SLICE_MS);
    for (const q of asked) {
      // A backlog's 200 cards are some 100-200 ms of ranking: other work (intake answers) gets turns in between.
      await turn();
      ranked.push(index.rank(q.terms, { minScore: MIN_SIMILARITY, limit, without: open.includes(q.itemId) || !fullWindow ? q.itemId : open.at(-1) }));
    }
    return ranked;
  });
  const shown = await shownItems(db, config, best);
  return new Map(asked.map((q, i) => [q.itemId, shown[i] ?? []]));
}

/**
 * One kept index per database handle and community ('' for all), brought up to the open items of each lookup by difference (a few items come and
 * go between two batches of cards under a steady intake) rather than rebuilt. Lookups take turns: the index is
 * updated and asked within one turn, so a batch never ranks against another batch's open items.
 */
const kept = new WeakMap<object, Map<string, { index: KeptIndex; turn: Promise<unknown> }>>();
type KeptIndex = ReturnType<typeof keptSimilarityIndex<number>>;

function rankKept<R>(db: DbOrTx, community: string, open: number[], ask: (index: KeptIndex) => R): Promise<R> {
  const ofDb = kept.get(db) ?? new Map<string, { index: KeptIndex; turn: Promise<unknown> }>();
  kept.set(db, ofDb);
  const state = ofDb.get(community) ?? { index: keptSimilarityIndex<number>(), turn: Promise.resolve() };
  ofDb.set(community, state);
  const result = state.turn.then(async () => {
    const added = await termsOf(db, state.index.missing(open));
    state.index.update(open, added.map(([id, t]) => ({ terms: t, value: id })));
    // The index is not updated again before `ask` has settled, also when it takes turns.
    return await ask(state.index);
  });
  state.turn = result.catch(() => undefined);
  return result;
}

/**
 * The newest open items' IDs, newest first, as one row: a lookup reads up to 2,001 of them for every batch of cards,
 * and as many rows cost the driver and the query builder far more than the query itself (the outbox's largest CPU
 * cost per claim under a steady intake, profiled at 200 posts/s).
 */
async function openItemIds(db: DbOrTx, now: Date, limit: number, filter: { community?: string; excludeItemId?: number }): Promise<number[]> {
  const where = and(
    isNull(feedbackItems.mergedIntoId),
    gte(feedbackItems.capturedAt, new Date(now.getTime() - WINDOW_MS)),
    filter.community ? eq(feedbackItems.communityId, filter.community) : undefined,
    filter.excludeItemId ? ne(feedbackItems.id, filter.excludeItemId) : undefined,
    openWithSomeTeam,
  );
  const [row] = await db.execute<{ ids: string | null }>(sql`
    select string_agg(id::text, ',' order by captured_at desc, id desc) as ids
    from (select id, captured_at from feedback_items where ${where} order by captured_at desc, id desc limit ${limit}) as newest`);
  return row?.ids ? row.ids.split(',').map(Number) : [];
}

/** What each ranked list shows of its items, read once for all lists. */
async function shownItems(db: DbOrTx, config: LiaisonConfig, lists: Ranked<number>[][]): Promise<SimilarItem[][]> {
  const ids = [...new Set(lists.flat().map((b) => b.value))];
  if (ids.length === 0) return lists.map(() => []);
  // Two plain lookups by key: a per-row subquery for the teams was planned against the open-routings index on every
  // row when the statistics were stale, a scan of all open routings per item shown.
  const [shown, open] = await Promise.all([
    db
      .select({ id: feedbackItems.id, communityId: feedbackItems.communityId, title: feedbackItems.title, text: sql<string>`left(${feedbackItems.text}, 201)` })
      .from(feedbackItems)
      .where(anyOf(feedbackItems.id, ids)),
    db
      .select({ itemId: routings.itemId, teamId: routings.teamId })
      .from(routings)
      .where(and(anyOf(routings.itemId, ids), inArray(routings.status, ACTIVE_STATUSES)))
      .orderBy(asc(routings.id)),
  ]);
  const teams = new Map<number, string[]>();
  for (const r of open) teams.set(r.itemId, [...(teams.get(r.itemId) ?? []), r.teamId]);
  const byId = new Map(shown.map((row) => [row.id, row]));
  return lists.map((best) => best.flatMap(({ value, score }) => {
    const row = byId.get(value);
    if (!row) return [];
    return [{
      itemId: row.id,
      score,
      community: { id: row.communityId, name: config.communities[row.communityId]?.name ?? row.communityId },
      title: row.title,
      excerpt: excerpt(row.text, 201),
      teams: teams.get(row.id) ?? [],
    }];
  }));
}
