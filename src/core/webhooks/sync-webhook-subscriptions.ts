import { notInArray, sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import { webhookKey } from '../../config/tracker-schema.js';
import type { Tx } from '../../db/client.js';
import { webhookSubscriptions } from '../../db/schema/index.js';

/**
 * Mirrors the config's outbound webhooks for the trigger that enqueues their events. A receiver removed from the
 * config is marked inactive: no new events, and its pending ones are given up on when sent.
 */
export async function syncWebhookSubscriptions(tx: Tx, config: LiaisonConfig): Promise<void> {
  const keys = config.webhooks.map(webhookKey);
  for (const hook of config.webhooks) {
    const row = { url: hook.url, events: hook.events, active: true, updatedAt: sql`now()` };
    await tx.insert(webhookSubscriptions).values({ key: webhookKey(hook), ...row }).onConflictDoUpdate({ target: webhookSubscriptions.key, set: row });
  }
  await tx.update(webhookSubscriptions).set({ active: false }).where(keys.length > 0 ? notInArray(webhookSubscriptions.key, keys) : sql`true`);
}
