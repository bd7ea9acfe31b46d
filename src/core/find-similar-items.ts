import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackItems } from '../db/schema/index.js';
import type { Context } from './context.js';
import { similarOpenItems, type SimilarItem } from './duplicates/similar-open-items.js';
import { DomainError } from './errors.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { parseInput } from './parse-input.js';

export const FindSimilarItemsInput = z
  .object({
    /** Items like this one (itself and what was merged into it left out). */
    itemId: z.number().int().positive().optional(),
    /** Or items like a text not yet captured (a form being filled in). */
    text: z.string().max(40_000).optional(),
    /** Only this community's items; every community when left out. */
    community: z.string().optional(),
    limit: z.number().int().min(1).max(20).default(3),
  })
  .refine((i) => i.itemId !== undefined || Boolean(i.text?.trim()), { message: 'give an item or a text to compare' });
export type FindSimilarItemsInput = z.input<typeof FindSimilarItemsInput>;

/** Open items that read like an item or a text, best first: the duplicates worth offering before capturing or merging. */
export async function findSimilarItems(ctx: Context, raw: FindSimilarItemsInput): Promise<SimilarItem[]> {
  const input = parseInput(FindSimilarItemsInput, raw);
  if (input.community && !(input.community in ctx.config.communities)) throw new DomainError('not_found', { reason: 'unknown_community', details: { community: input.community } });
  let text = input.text ?? '';
  let excludeItemId: number | undefined;
  if (input.itemId !== undefined) {
    excludeItemId = await resolveItemId(ctx.db, input.itemId);
    const [item] = await ctx.db.select({ title: feedbackItems.title, text: feedbackItems.text }).from(feedbackItems).where(eq(feedbackItems.id, excludeItemId));
    if (!item) throw new DomainError('not_found', { reason: 'unknown_item', details: { itemId: input.itemId } });
    text = `${item.title ?? ''} ${item.text}`;
  }
  return similarOpenItems(ctx.db, ctx.config, { text, excludeItemId, community: input.community, limit: input.limit }, ctx.clock.now());
}
