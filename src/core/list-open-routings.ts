import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { deliveries, feedbackItems, routings } from '../db/schema/index.js';
import type { Context } from './context.js';
import { parseInput } from './parse-input.js';
import { routingSlaStatus, type SlaStatus } from './sla/sla-status.js';

export const ListOpenRoutingsInput = z.object({
  teams: z.array(z.string()).max(50),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListOpenRoutingsInput = z.input<typeof ListOpenRoutingsInput>;

export interface OpenRouting {
  routingId: number;
  itemId: number;
  team: { id: string; name: string };
  status: 'open' | 'acknowledged' | 'owned';
  priority: 'normal' | 'high' | 'urgent';
  text: string;
  permalink: string | null;
  createdAt: Date;
  sla: SlaStatus;
  /** The team's card for it, where one has been posted. */
  card: { platform: string; channelId: string; messageId: string } | null;
}

/** What the given teams still owe an answer on, oldest first, each with its SLA state now (an App Home, a CLI). */
export async function listOpenRoutings(ctx: Context, raw: ListOpenRoutingsInput): Promise<{ items: OpenRouting[]; total: number }> {
  const input = parseInput(ListOpenRoutingsInput, raw);
  if (input.teams.length === 0) return { items: [], total: 0 };
  const active = and(inArray(routings.teamId, input.teams), inArray(routings.status, ['open', 'acknowledged', 'owned']));
  const total = await ctx.db.$count(routings, active);
  const rows = await ctx.db
    .select({ routing: routings, text: feedbackItems.text, permalink: feedbackItems.permalink, card: { platform: deliveries.platform, channelId: deliveries.channelId, messageId: deliveries.messageId } })
    .from(routings)
    .innerJoin(feedbackItems, eq(feedbackItems.id, routings.itemId))
    .leftJoin(deliveries, and(eq(deliveries.routingId, routings.id), eq(deliveries.kind, 'card')))
    .where(active)
    .orderBy(asc(routings.createdAt), asc(routings.id))
    .limit(input.limit);
  const now = ctx.clock.now();
  return {
    total,
    items: rows.map(({ routing, text, permalink, card }) => ({
      routingId: routing.id,
      itemId: routing.itemId,
      team: { id: routing.teamId, name: ctx.config.teams[routing.teamId]?.name ?? routing.teamId },
      status: routing.status as OpenRouting['status'],
      priority: routing.priority,
      text,
      permalink,
      createdAt: routing.createdAt,
      sla: routingSlaStatus(ctx.config, routing, now),
      card: card?.messageId && card.channelId && card.platform ? { platform: card.platform, channelId: card.channelId, messageId: card.messageId } : null,
    })),
  };
}
