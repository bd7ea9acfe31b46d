import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { deliveries, feedbackItems, routings } from '../../db/schema/index.js';
import { excerpt } from '../inert-text.js';
import { routingSlaStatus, type SlaStatus } from './sla-status.js';

/** An active routing the pass looks at: the routing, its item's community (who the ladder tells) and its state now. */
export interface WatchedRow {
  routing: typeof routings.$inferSelect;
  communityId: string;
  sla: SlaStatus;
}

/** A watched routing with what a reminder shows about its item: loaded only for the few a message lists. */
export interface AttentionRow extends WatchedRow {
  excerpt: string;
  permalink: string | null;
  /** The team's card for this routing, once posted: where a reminder's link should take the team. */
  card: { platform: string; channelId: string; messageId: string } | null;
}

/**
 * Which routings a page holds: any that one of the pass's parts needs. Each narrowing is conservative: SQL leaves
 * out only rows the JavaScript check would leave out too, and where SQL cannot tell (a row without a stored at-risk
 * moment, whose moment is computed on the team's calendar), the row is kept and the JavaScript decides.
 * - `changes`: the recorded state (or the deadline it is about) may differ from the state now;
 * - `remind`: at risk or overdue now and not snoozed (what a reminder lists; the ladder climbs a part of them);
 * - `ladder`: overdue now, not snoozed, and due since `ladderSince` (what the ladder alone needs).
 */
export interface Watch {
  changes: boolean;
  remind: boolean;
  ladder: boolean;
  ladderSince?: Date;
}

/**
 * Where a page ended: the next page starts after this routing, in the pass's order (oldest first). The creation
 * time is the database's own text for it, microseconds included: a JavaScript date would round it to the
 * millisecond and the page's last row would come again.
 */
export interface WatchCursor {
  createdAt: string;
  id: number;
}

export interface WatchPage {
  rows: WatchedRow[];
  /** Null after the last page. */
  next: WatchCursor | null;
}

/** Rows per page: small enough that a pass holds a few megabytes, large enough that round trips do not dominate. */
export const WATCH_PAGE_SIZE = 2000;

const dueNow = sql`case when ${routings.status} = 'open' then ${routings.acknowledgeDueAt} else ${routings.resolveDueAt} end`;
const riskNow = sql`case when ${routings.status} = 'open' then ${routings.acknowledgeAtRiskAt} else ${routings.resolveAtRiskAt} end`;

function watchFilter(watch: Watch, at: string): SQL {
  const now = sql`${at}::timestamptz`;
  // The state `slaStatus` gives, where SQL can tell; null for a row whose at-risk moment is not stored.
  const stateNow = sql`case when ${now} > ${dueNow} then 'breached' when ${riskNow} is null then null when ${now} >= ${riskNow} then 'at_risk' else 'on_track' end`;
  const notSnoozed = sql`(${routings.snoozedUntil} is null or ${routings.snoozedUntil} <= ${now})`;
  const since = watch.ladderSince ? sql` and ${dueNow} >= ${watch.ladderSince.toISOString()}::timestamptz` : sql``;
  const parts = [
    watch.changes ? sql`(${stateNow} is null or ${stateNow} <> ${routings.slaState} or (${stateNow} <> 'on_track' and ${routings.slaStateDueAt} is distinct from ${dueNow}))` : undefined,
    watch.remind ? sql`(${notSnoozed} and (${stateNow} is null or ${stateNow} <> 'on_track'))` : undefined,
    watch.ladder && !watch.remind ? sql`(${notSnoozed} and ${now} > ${dueNow}${since})` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * One page of a team's active routings to watch, oldest first (creation time, then id: a unique order that new
 * routings join at the end), after `after`. Keyset paging on the `routings_open` index: each page starts where the
 * last ended, so a pass reads every row once and holds one page at a time. Routings still comfortably on track
 * are filtered out by their stored at-risk moment, as before paging.
 */
export async function loadWatchPage(db: DbOrTx, config: LiaisonConfig, team: string, now: Date, watch: Watch, after: WatchCursor | null, limit = WATCH_PAGE_SIZE): Promise<WatchPage> {
  const at = now.toISOString();
  // Spelled out rather than as a row comparison, so that the creation time bounds the index scan.
  const from = after
    ? sql`${routings.createdAt} >= ${after.createdAt}::timestamptz and (${routings.createdAt} > ${after.createdAt}::timestamptz or ${routings.id} > ${after.id})`
    : sql`true`;
  const rows = await db
    .select({ routing: routings, communityId: feedbackItems.communityId, position: sql<string>`${routings.createdAt}::text` })
    .from(routings)
    .innerJoin(feedbackItems, eq(feedbackItems.id, routings.itemId))
    .where(
      and(
        eq(routings.teamId, team),
        inArray(routings.status, ['open', 'acknowledged', 'owned']),
        from,
        sql`${dueNow} is not null`,
        sql`(${routings.slaState} <> 'on_track' or coalesce(${riskNow}, '-infinity'::timestamptz) <= ${at}::timestamptz)`,
        watchFilter(watch, at),
      ),
    )
    .orderBy(routings.createdAt, routings.id)
    .limit(limit);
  const last = rows.at(-1);
  return {
    rows: rows.map((r) => ({ routing: r.routing, communityId: r.communityId, sla: routingSlaStatus(config, r.routing, now) })),
    next: rows.length < limit || !last ? null : { createdAt: last.position, id: last.routing.id },
  };
}

/** Every page of a team's routings to watch, one at a time. */
export async function* watchPages(db: DbOrTx, config: LiaisonConfig, team: string, now: Date, watch: Watch, limit = WATCH_PAGE_SIZE): AsyncGenerator<WatchedRow[]> {
  let after: WatchCursor | null = null;
  do {
    const page = await loadWatchPage(db, config, team, now, watch, after, limit);
    if (page.rows.length > 0) yield page.rows;
    after = page.next;
  } while (after);
}

/** What a message shows about each listed routing: its item's excerpt and link, and the team's card. */
export async function describeRows(db: DbOrTx, rows: WatchedRow[]): Promise<AttentionRow[]> {
  if (rows.length === 0) return [];
  const found = await db
    .select({
      routingId: routings.id, title: feedbackItems.title, text: sql<string>`left(${feedbackItems.text}, 400)`, permalink: feedbackItems.permalink,
      cardPlatform: deliveries.platform, cardChannel: deliveries.channelId, cardMessage: deliveries.messageId,
    })
    .from(routings)
    .innerJoin(feedbackItems, eq(feedbackItems.id, routings.itemId))
    // The card's delivery is keyed by its routing (unique key): one row at most, through the key's index.
    .leftJoin(deliveries, and(eq(deliveries.key, sql`'card:routing:' || ${routings.id}`), isNotNull(deliveries.messageId)))
    .where(inArray(routings.id, rows.map((row) => row.routing.id)));
  const byId = new Map(found.map((r) => [r.routingId, r]));
  return rows.map((row) => {
    const r = byId.get(row.routing.id);
    const card = r?.cardPlatform && r.cardChannel && r.cardMessage ? { platform: r.cardPlatform, channelId: r.cardChannel, messageId: r.cardMessage } : null;
    return { ...row, excerpt: r ? excerpt(r.title ? `${r.title}: ${r.text}` : r.text, 200) : '', permalink: r?.permalink ?? null, card };
  });
}

/** Needs someone now: at risk or overdue. */
export const needsAttention = (row: WatchedRow) => row.sla.state === 'at_risk' || row.sla.state === 'breached';
