import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackItems } from '../db/schema/index.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { countOutcomes, type OutcomeCounts } from './items/item-outcome.js';
import { loadItemViews, type ItemView } from './items/item-views.js';
import { parseInput } from './parse-input.js';

export const CommunityHistoryInput = z.object({ community: z.string().min(1), limit: z.number().int().min(1).max(200).default(30) });
export type CommunityHistoryInput = z.input<typeof CommunityHistoryInput>;

export interface CommunityHistory {
  community: { id: string; name: string };
  /** Each item counted once: `byOutcome` adds up to `items` (core/items/item-outcome.ts). */
  totals: { items: number; byOutcome: OutcomeCounts; byCategory: Record<string, number> };
  items: ItemView[];
}

/** A community's relationship with the company: what it raised, and what each team did about it, newest first. */
export async function communityHistory(ctx: Context, raw: CommunityHistoryInput): Promise<CommunityHistory> {
  const input = parseInput(CommunityHistoryInput, raw);
  const config = ctx.config.communities[input.community];
  if (!config) throw new DomainError('not_found', { reason: 'unknown_community', details: { community: input.community, known: Object.keys(ctx.config.communities) } });
  const live = and(eq(feedbackItems.communityId, input.community), isNull(feedbackItems.mergedIntoId));
  const recent = await ctx.db.select({ id: feedbackItems.id }).from(feedbackItems).where(live).orderBy(desc(feedbackItems.capturedAt)).limit(input.limit);
  const byCategory = await ctx.db.select({ key: feedbackItems.category, n: sql<number>`count(*)::int` }).from(feedbackItems).where(live).groupBy(feedbackItems.category);
  const outcomes = await countOutcomes(ctx.db, sql`i.community_id = ${input.community}`);
  const items = await loadItemViews(ctx.db, ctx.config, recent.map((r) => r.id), ctx.clock.now());
  return {
    community: { id: input.community, name: config.name ?? input.community },
    totals: { ...outcomes, byCategory: Object.fromEntries(byCategory.map((r) => [r.key, r.n])) },
    items,
  };
}
