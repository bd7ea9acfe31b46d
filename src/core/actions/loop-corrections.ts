import { and, eq, inArray, like, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import { deliveries } from '../../db/schema/index.js';
import { enqueueDeliveries } from '../outbox.js';

/**
 * A reply that told the author "resolved" or "declined" must not stand once that is no longer true. Replies still
 * held in their grace period are withdrawn (never sent); replies already out get a one-line correction in the same
 * place (the same thread, or the same direct message). Called after an undo (only the undone action's replies) and
 * after a reopen (every reply about this routing).
 */
export async function correctLoopReplies(tx: Tx, now: Date, change: { routingId: number; undoneId?: number }): Promise<void> {
  const ofChange = change.undoneId === undefined
    ? and(eq(deliveries.routingId, change.routingId), like(deliveries.key, 'loop:action:%'))
    : or(like(deliveries.key, `loop:action:${change.undoneId}:%`), eq(deliveries.key, `ambassador:action:${change.undoneId}`));
  await tx
    .update(deliveries)
    .set({ status: 'skipped', lastError: change.undoneId === undefined ? 'withdrawn: the routing was reopened' : `withdrawn: action ${change.undoneId} was undone` })
    .where(and(eq(deliveries.status, 'pending'), ofChange));
  const correction = alias(deliveries, 'correction');
  const sent = await tx
    .select()
    .from(deliveries)
    .where(and(
      ofChange,
      eq(deliveries.kind, 'loop_reply'),
      inArray(deliveries.status, ['sending', 'sent']),
      sql`${deliveries.payload}->>'outcome' in ('resolved', 'declined')`,
      notExists(tx.select({ id: correction.id }).from(correction).where(eq(correction.key, sql`'loop:correction:' || ${deliveries.id}`))),
    ));
  await enqueueDeliveries(tx, now, sent.map((reply) => {
    const { reason: _reason, shipped: _shipped, ...said } = reply.payload as Record<string, unknown>;
    return {
      key: `loop:correction:${reply.id}`,
      kind: 'loop_reply' as const,
      target: { platform: reply.platform, channelId: reply.channelId },
      threadId: reply.threadId ?? undefined,
      payload: { ...said, outcome: 'reopened' },
      itemId: reply.itemId ?? undefined,
      routingId: reply.routingId ?? undefined,
    };
  }));
}
