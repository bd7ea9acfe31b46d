import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { deliveries, voices } from '../db/schema/index.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { parseInput } from './parse-input.js';

export const ItemReference = z.union([
  /** "42" or "#42", as people type it after seeing it on a card. */
  z.object({ text: z.string().regex(/^#?\d+$/, 'expected an item number such as #42') }),
  /** A message the adapter found in a link: the original feedback, or a Liaison card. */
  z.object({ message: z.object({ platform: z.enum(['slack', 'discord', 'webhook', 'console']), channelId: z.string().min(1), messageId: z.string().min(1) }) }),
]);
export type ItemReference = z.input<typeof ItemReference>;

/** The item a person means, whether they typed its number or pasted a link to its message or its card. */
export async function findItem(ctx: Context, raw: ItemReference): Promise<{ itemId: number; routingId?: number }> {
  const ref = parseInput(ItemReference, raw);
  if ('text' in ref) return { itemId: await resolveItemId(ctx.db, Number(ref.text.replace('#', ''))) };
  const { platform, channelId, messageId } = ref.message;
  const [voice] = await ctx.db.select({ itemId: voices.itemId }).from(voices).where(and(eq(voices.platform, platform), eq(voices.channelId, channelId), eq(voices.messageId, messageId)));
  if (voice) return { itemId: await resolveItemId(ctx.db, voice.itemId) };
  if (platform !== 'webhook') {
    const [card] = await ctx.db
      .select({ itemId: deliveries.itemId, routingId: deliveries.routingId })
      .from(deliveries)
      .where(and(eq(deliveries.platform, platform), eq(deliveries.channelId, channelId), eq(deliveries.messageId, messageId), eq(deliveries.kind, 'card')));
    if (card?.itemId) return { itemId: await resolveItemId(ctx.db, card.itemId), routingId: card.routingId ?? undefined };
  }
  throw new DomainError('not_found', { reason: 'not_feedback', details: {} });
}
