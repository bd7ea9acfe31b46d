import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { deliveries } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, type NewDelivery, teamHome } from '../outbox.js';

type RedrawnRouting = { id: number; itemId: number; teamId: string; version: number };

const cardKey = (routingId: number) => `card:routing:${routingId}`;

/** The outbox ID of a routing's card, which updates edit and thread logs reply under. */
export async function cardDeliveryId(tx: Tx, routingId: number): Promise<number | undefined> {
  const [card] = await tx.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.key, cardKey(routingId)));
  return card?.id;
}

/**
 * Asks for the card to be redrawn. The update carries no snapshot: it is rendered from the routing's state when sent,
 * so updates sent out of order still leave the card showing the latest state. Keyed by version: one per change.
 */
export async function enqueueCardRefresh(tx: Tx, ctx: Context, routing: RedrawnRouting, now: Date, knownCardId?: number): Promise<void> {
  const cardId = knownCardId ?? (await cardDeliveryId(tx, routing.id));
  if (cardId === undefined) return;
  await enqueueDeliveries(tx, now, [cardUpdate(ctx, routing, cardId)]);
}

/** `enqueueCardRefresh` for many routings at once (an SLA pass redraws a page of them): one read, one insert. */
export async function enqueueCardRefreshes(tx: Tx, ctx: Context, redrawn: RedrawnRouting[], now: Date): Promise<void> {
  if (redrawn.length === 0) return;
  const cards = await tx.select({ id: deliveries.id, key: deliveries.key }).from(deliveries).where(inArray(deliveries.key, redrawn.map((r) => cardKey(r.id))));
  const cardOf = new Map(cards.map((c) => [c.key, c.id]));
  await enqueueDeliveries(
    tx,
    now,
    redrawn.flatMap((routing) => {
      const cardId = cardOf.get(cardKey(routing.id));
      return cardId === undefined ? [] : [cardUpdate(ctx, routing, cardId)];
    }),
  );
}

function cardUpdate(ctx: Context, routing: RedrawnRouting, cardId: number): NewDelivery {
  return { key: `card_update:routing:${routing.id}:v${routing.version}`, kind: 'card_update', target: teamHome(ctx.config, routing.teamId), payload: {}, editsId: cardId, itemId: routing.itemId, routingId: routing.id };
}
