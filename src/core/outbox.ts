import { channelId, channelPlatform, type ChannelRef } from '../config/refs.js';
import type { LiaisonConfig } from '../config/schema.js';
import type { DbOrTx } from '../db/client.js';
import { deliveries, type DeliveryKind, type DeliveryPlatform } from '../db/schema/index.js';

export interface NewDelivery {
  /** Names the cause and the target: a retried cause finds its delivery already there. */
  key: string;
  kind: DeliveryKind;
  target: { platform: DeliveryPlatform; channelId: string };
  payload: Record<string, unknown>;
  parentId?: number;
  threadId?: string;
  editsId?: number;
  itemId?: number;
  routingId?: number;
  /** Not sent before this moment (a reply held for its grace period); sent as soon as possible when unset. */
  notBefore?: Date;
}

export function channelTarget(ref: ChannelRef): { platform: 'slack' | 'discord'; channelId: string } {
  return { platform: channelPlatform(ref), channelId: channelId(ref) };
}

export function teamHome(config: LiaisonConfig, team: string): { platform: 'slack' | 'discord'; channelId: string } {
  const home = config.teams[team]?.home;
  if (!home) throw new Error(`team ${team} is not in the config`);
  return channelTarget(home);
}

/** Writes deliveries in the caller's transaction; a delivery whose key exists is left alone. Returns ids by key. */
export async function enqueueDeliveries(tx: DbOrTx, now: Date, items: NewDelivery[]): Promise<Map<string, number>> {
  if (items.length === 0) return new Map();
  const rows = await tx
    .insert(deliveries)
    .values(
      items.map((d) => ({
        key: d.key,
        kind: d.kind,
        platform: d.target.platform,
        channelId: d.target.channelId,
        payload: d.payload,
        parentId: d.parentId,
        threadId: d.threadId,
        editsId: d.editsId,
        itemId: d.itemId,
        routingId: d.routingId,
        nextAttemptAt: d.notBefore ?? now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: deliveries.key })
    .returning({ id: deliveries.id, key: deliveries.key });
  return new Map(rows.map((r) => [r.key, r.id]));
}
