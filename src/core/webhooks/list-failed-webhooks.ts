import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

export interface FailedWebhook {
  deliveryId: number;
  receiver: string;
  itemId: number | null;
  type: string;
  eventId: string;
  /** `failed`: given up on; `skipped`: waits behind an earlier event for the same item that was given up on. */
  status: 'failed' | 'skipped';
  attempts: number;
  lastError: string | null;
  occurredAt: string;
}

/** Events given up on (and those held behind them), oldest first: what `liaison webhooks failed` lists. */
export async function listFailedWebhooks(db: DbOrTx, limit = 200): Promise<FailedWebhook[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select id, item_id, status, attempts, last_error, payload->>'subscription' as receiver, payload->>'type' as type,
      payload->>'eventId' as event_id, payload->>'occurredAt' as occurred_at
    from deliveries where platform = 'webhook' and status in ('failed', 'skipped') order by id limit ${limit}`);
  return rows.map((r) => ({
    deliveryId: Number(r.id), receiver: String(r.receiver), itemId: r.item_id === null ? null : Number(r.item_id), type: String(r.type), eventId: String(r.event_id),
    status: r.status as FailedWebhook['status'], attempts: Number(r.attempts), lastError: (r.last_error as string | null) ?? null, occurredAt: String(r.occurred_at),
  }));
}

/** How many events are given up on or held behind one, for /metrics. */
export async function countFailedWebhooks(db: DbOrTx): Promise<number> {
  const [row] = await db.execute<{ n: string }>(sql`select count(*) as n from deliveries where platform = 'webhook' and status in ('failed', 'skipped')`);
  return Number(row?.n ?? 0);
}
