import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { deliveries, feedbackItems, routings } from '../../db/schema/index.js';
import { excerpt } from '../inert-text.js';
import { routingSlaStatus, type SlaStatus } from './sla-status.js';

/** An active routing that needs watching, with what a reminder shows about its item. */
export interface AttentionRow {
  routing: typeof routings.$inferSelect;
  excerpt: string;
  permalink: string | null;
  /** The team's card for this routing, once posted: where a reminder's link should take the team. */
  card: { platform: string; channelId: string; messageId: string } | null;
  communityId: string;
  sla: SlaStatus;
}

const dueNow = sql`case when ${routings.status} = 'open' then ${routings.acknowledgeDueAt} else ${routings.resolveDueAt} end`;
const riskNow = sql`case when ${routings.status} = 'open' then ${routings.acknowledgeAtRiskAt} else ${routings.resolveAtRiskAt} end`;

/**
 * A team's active routings that are at risk or breached now, or were last recorded so (they may have recovered),
 * oldest first. Routings still comfortably on track are filtered out in SQL by their stored at-risk moment.
 */
export async function loadAttention(db: DbOrTx, config: LiaisonConfig, team: string, now: Date): Promise<AttentionRow[]> {
  const rows = await db
    .select({
      routing: routings, title: feedbackItems.title, text: sql<string>`left(${feedbackItems.text}, 400)`, permalink: feedbackItems.permalink, communityId: feedbackItems.communityId,
      cardPlatform: deliveries.platform, cardChannel: deliveries.channelId, cardMessage: deliveries.messageId,
    })
    .from(routings)
    .innerJoin(feedbackItems, eq(feedbackItems.id, routings.itemId))
    // The card's delivery is keyed by its routing (unique key): one row at most, through the key's index.
    .leftJoin(deliveries, and(eq(deliveries.key, sql`'card:routing:' || ${routings.id}`), isNotNull(deliveries.messageId)))
    .where(
      and(
        eq(routings.teamId, team),
        inArray(routings.status, ['open', 'acknowledged', 'owned']),
        sql`${dueNow} is not null`,
        sql`(${routings.slaState} <> 'on_track' or coalesce(${riskNow}, '-infinity'::timestamptz) <= ${now.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(asc(routings.createdAt), asc(routings.id));
  return rows.map((r) => ({
    routing: r.routing,
    excerpt: excerpt(r.title ? `${r.title}: ${r.text}` : r.text, 200),
    permalink: r.permalink,
    card: r.cardPlatform && r.cardChannel && r.cardMessage ? { platform: r.cardPlatform, channelId: r.cardChannel, messageId: r.cardMessage } : null,
    communityId: r.communityId,
    sla: routingSlaStatus(config, r.routing, now),
  }));
}

/** Needs someone now: at risk or overdue. */
export const needsAttention = (row: AttentionRow) => row.sla.state === 'at_risk' || row.sla.state === 'breached';
