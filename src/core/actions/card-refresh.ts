import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { deliveries } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome } from '../outbox.js';

/** The outbox ID of a routing's card, which updates edit and thread logs reply under. */
export async function cardDeliveryId(tx: Tx, routingId: number): Promise<number | undefined> {
  const [card] = await tx.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.key, `card:routing:${routingId}`));
  return card?.id;
}

/**
 * Asks for the card to be redrawn. The update carries no snapshot: it is rendered from the routing's state when sent,
 * so updates sent out of order still leave the card showing the latest state. Keyed by version: one per change.
 */
export async function enqueueCardRefresh(tx: Tx, ctx: Context, routing: { id: number; itemId: number; teamId: string; version: number }, now: Date, knownCardId?: number): Promise<void> {
  const cardId = knownCardId ?? (await cardDeliveryId(tx, routing.id));
  if (cardId === undefined) return;
  await enqueueDeliveries(tx, now, [
    { key: `card_update:routing:${routing.id}:v${routing.version}`, kind: 'card_update', target: teamHome(ctx.config, routing.teamId), payload: {}, editsId: cardId, itemId: routing.itemId, routingId: routing.id },
  ]);
}
