import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { parseInput } from '../parse-input.js';

export const ReplayWebhookInput = z.object({ deliveryId: z.number().int().positive() });

/**
 * Sends a given-up event again, with the same event id, and with it every later event for the same item and
 * receiver that was held behind it, in their order. Replaying an event that was held replays the one it waits for.
 * Returns the deliveries queued again, oldest first.
 */
export async function replayWebhook(ctx: Context, raw: z.input<typeof ReplayWebhookInput>): Promise<number[]> {
  const { deliveryId } = parseInput(ReplayWebhookInput, raw);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction(async (tx) => {
    const [target] = await tx.execute<{ status: string }>(sql`select status from deliveries where id = ${deliveryId} and platform = 'webhook' for update`);
    if (!target) throw new DomainError('not_found', { reason: 'unknown_delivery', details: { deliveryId } });
    if (target.status !== 'failed' && target.status !== 'skipped') throw new DomainError('invalid_input', { reason: 'delivery_not_failed', details: { deliveryId, status: target.status } });
    const rows = await tx.execute<{ id: string }>(sql`
      with recursive up as (
        select id, parent_id from deliveries where id = ${deliveryId}
        union all
        select p.id, p.parent_id from deliveries p join up on p.id = up.parent_id where p.status in ('failed', 'skipped')
      ), head as (select id from up order by id limit 1),
      down as (
        select id from head
        union all
        select c.id from deliveries c join down on c.parent_id = down.id where c.platform = 'webhook' and c.status in ('failed', 'skipped')
      )
      update deliveries d set status = 'pending', attempts = 0, next_attempt_at = ${now}, locked_until = null, last_error = null,
        payload = d.payload || jsonb_build_object('replayedAt', ${now}::text)
      from down where d.id = down.id
      returning d.id`);
    const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    ctx.logger.info({ deliveryId, replayed: ids }, 'webhook events replayed');
    return ids;
  });
}
