import { inArray, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { feedbackItems, routings } from '../../db/schema/index.js';
import { excerpt } from '../inert-text.js';

/** What a combined card's outbox row keeps: whose burst, since when, and its routings in the order they came. */
export const CardBurstPayload = z.object({
  team: z.string(),
  since: z.iso.datetime({ offset: true }),
  routingIds: z.array(z.number().int().positive()).min(1),
});
export type CardBurstPayload = z.infer<typeof CardBurstPayload>;

/** One line of a combined card; the item's own card, with its buttons, is in the combined card's thread. */
export interface BurstItem { itemId: number; routingId: number; category: string; firstLine: string }

/** A combined card: "14 new items for Support since 10:02", the first ones listed. */
export interface CardBurst {
  team: string;
  teamName: string;
  since: string;
  total: number;
  items: BurstItem[];
}

/** Listed on the card; the rest are counted ("…and 86 more"), so that a card stays within every platform's limits. */
export const BURST_LISTED = 25;
const FIRST_LINE_MAX = 90;

/** Draws a combined card from its row, with the items as they read now (a merged item shows the one it went into). */
export async function loadCardBurst(db: DbOrTx, config: LiaisonConfig, raw: unknown): Promise<CardBurst> {
  const payload = CardBurstPayload.parse(raw);
  const listed = payload.routingIds.slice(0, BURST_LISTED);
  const rows = await db
    .select({ routingId: routings.id, itemId: feedbackItems.id, category: feedbackItems.category, title: feedbackItems.title, text: feedbackItems.text })
    .from(routings)
    .innerJoin(feedbackItems, eq(feedbackItems.id, routings.itemId))
    .where(inArray(routings.id, listed));
  const byRouting = new Map(rows.map((r) => [r.routingId, r]));
  const items = listed.flatMap((routingId) => {
    const row = byRouting.get(routingId);
    if (!row) return [];
    const firstLine = row.title?.trim() || (row.text.split('\n').find((line) => line.trim() !== '') ?? '');
    return [{ itemId: row.itemId, routingId, category: row.category, firstLine: excerpt(firstLine.trim(), FIRST_LINE_MAX) }];
  });
  return { team: payload.team, teamName: config.teams[payload.team]?.name ?? payload.team, since: payload.since, total: payload.routingIds.length, items };
}
