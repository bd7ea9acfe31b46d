import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actions, routings } from '../db/schema/index.js';
import { enqueueCardRefresh } from './actions/card-refresh.js';
import { isActive } from './actions/transitions.js';
import { requirePermission } from './access-rules.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { userText } from './inert-text.js';
import { parseInput } from './parse-input.js';

const MAX_SNOOZE_MS = 30 * 86_400_000;

export const SnoozeRoutingInput = z.object({
  routingId: z.number().int().positive(),
  /** How long reminders pause, in milliseconds (the config's duration syntax is parsed at the edge). */
  forMs: z.number().int().positive().max(MAX_SNOOZE_MS, 'a snooze lasts at most 30 days'),
  reason: userText(500).pipe(z.string().min(1, 'say why reminders should pause')),
  actor: Actor,
  via: z.enum(['button', 'command', 'modal', 'api', 'web']).default('command'),
  /** The same form submitted twice snoozes once. */
  idempotencyKey: z.string().max(300).optional(),
});
export type SnoozeRoutingInput = z.input<typeof SnoozeRoutingInput>;

/** A team member pauses reminders about an item, with a reason that the card shows and digests count. */
export async function snoozeRouting(ctx: Context, raw: SnoozeRoutingInput) {
  const input = parseInput(SnoozeRoutingInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [routing] = await tx.select().from(routings).where(eq(routings.id, input.routingId)).for('update');
    if (!routing) throw new DomainError('not_found', { reason: 'unknown_routing', details: { routingId: input.routingId } });
    if (input.idempotencyKey) {
      const [seen] = await tx.select({ data: actions.data }).from(actions).where(eq(actions.idempotencyKey, input.idempotencyKey));
      if (seen) return { status: 'duplicate' as const, routingId: routing.id, team: routing.teamId, snoozedUntil: new Date(String(seen.data?.until)) };
    }
    requirePermission(ctx.config, input.actor, { kind: 'snooze', team: routing.teamId });
    if (!isActive(routing.status)) throw new DomainError('invalid_transition', { reason: 'snooze_closed', details: {} });
    const now = ctx.clock.now();
    const until = new Date(now.getTime() + input.forMs);
    const [updated] = await tx.update(routings).set({ snoozedUntil: until, snoozeReason: input.reason, version: sql`${routings.version} + 1`, updatedAt: now }).where(eq(routings.id, routing.id)).returning();
    await tx.insert(actions).values({ itemId: routing.itemId, routingId: routing.id, teamId: routing.teamId, kind: 'snooze', via: input.via, actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, reason: input.reason, data: { until: until.toISOString() }, idempotencyKey: input.idempotencyKey, createdAt: now });
    await enqueueCardRefresh(tx, ctx, updated as typeof routing, now);
    return { status: 'recorded' as const, routingId: routing.id, team: routing.teamId, snoozedUntil: until };
  });
}
