import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { actions } from '../db/schema/index.js';
import type { Context } from './context.js';
import { parseInput } from './parse-input.js';
import { routingForCard } from './record-action.js';

export const FindUndoableActionInput = z.object({
  card: z.object({ platform: z.enum(['slack', 'discord', 'console']), channelId: z.string().min(1), messageId: z.string().min(1) }),
  /** The start of the idempotency keys the adapter gave such actions, e.g. a reaction's keys by channel, message, user, emoji. */
  keyPrefix: z.string().min(1).max(280),
});
export type FindUndoableActionInput = z.input<typeof FindUndoableActionInput>;

/**
 * The latest action on a card, recorded under keys with this prefix, that has not been undone yet. A removed
 * reaction names the reaction it takes back this way: each add gets its own key (so adding it again after a
 * removal counts again), and the removal finds the one still standing.
 */
export async function findUndoableAction(ctx: Context, raw: FindUndoableActionInput): Promise<{ routingId: number; idempotencyKey: string } | undefined> {
  const input = parseInput(FindUndoableActionInput, raw);
  const routingId = await routingForCard(ctx, input.card);
  const undo = alias(actions, 'undo');
  const [row] = await ctx.db
    .select({ key: actions.idempotencyKey })
    .from(actions)
    .leftJoin(undo, eq(undo.undoesId, actions.id))
    .where(and(eq(actions.routingId, routingId), sql`starts_with(${actions.idempotencyKey}, ${input.keyPrefix})`, sql`${actions.kind} <> 'undo'`, isNull(undo.id)))
    .orderBy(desc(actions.id))
    .limit(1);
  return row?.key ? { routingId, idempotencyKey: row.key } : undefined;
}
