import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackItems, routings } from '../db/schema/index.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { loadItemViews, outcomeOf, type ItemView } from './items/item-views.js';
import { parseInput } from './parse-input.js';

export const CommunityHistoryInput = z.object({ community: z.string().min(1), limit: z.number().int().min(1).max(200).default(30) });
export type CommunityHistoryInput = z.input<typeof CommunityHistoryInput>;

export interface CommunityHistory {
  community: { id: string; name: string };
  /** Each item counted once: `byOutcome` adds up to `items` (resolved, declined, in_progress, open). */
  totals: { items: number; byOutcome: Record<string, number>; byCategory: Record<string, number> };
  items: (ItemView & { outcome: string })[];
}

/** A community's relationship with the company: what it raised, and what each team did about it, newest first. */
export async function communityHistory(ctx: Context, raw: CommunityHistoryInput): Promise<CommunityHistory> {
  const input = parseInput(CommunityHistoryInput, raw);
  const config = ctx.config.communities[input.community];
  if (!config) throw new DomainError('not_found', `There is no community called "${input.community}". Known: ${Object.keys(ctx.config.communities).join(', ')}.`);
  const live = and(eq(feedbackItems.communityId, input.community), isNull(feedbackItems.mergedIntoId));
  const recent = await ctx.db.select({ id: feedbackItems.id }).from(feedbackItems).where(live).orderBy(desc(feedbackItems.capturedAt)).limit(input.limit);
  const byCategory = await ctx.db.select({ key: feedbackItems.category, n: sql<number>`count(*)::int` }).from(feedbackItems).where(live).groupBy(feedbackItems.category);
  // One outcome per item across its teams (an item routed to two teams is still one item): resolved if any team
  // resolved it, declined if every team that kept it declined it, in progress if a team answered, else open.
  const outcome = sql<string>`case when bool_or(${routings.status} = 'resolved') then 'resolved'
    when bool_or(${routings.status} = 'declined') and bool_and(${routings.status} in ('declined', 'passed_on')) then 'declined'
    when bool_or(${routings.status} in ('acknowledged', 'owned')) then 'in_progress' else 'open' end`;
  const perItem = ctx.db.select({ id: feedbackItems.id, outcome: outcome.as('outcome') }).from(feedbackItems).leftJoin(routings, and(eq(routings.itemId, feedbackItems.id), sql`${routings.status} <> 'merged'`)).where(live).groupBy(feedbackItems.id).as('per_item');
  const byOutcome = await ctx.db.select({ key: perItem.outcome, n: sql<number>`count(*)::int` }).from(perItem).groupBy(perItem.outcome);
  const items = await loadItemViews(ctx.db, ctx.config, recent.map((r) => r.id), ctx.clock.now());
  return {
    community: { id: input.community, name: config.name ?? input.community },
    totals: { items: byCategory.reduce((n, r) => n + r.n, 0), byOutcome: Object.fromEntries(byOutcome.map((r) => [r.key, r.n])), byCategory: Object.fromEntries(byCategory.map((r) => [r.key, r.n])) },
    items: items.map((item) => ({ ...item, outcome: outcomeOf(item) })),
  };
}
