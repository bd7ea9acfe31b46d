import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { Priority } from '../config/schema.js';
import { actions, feedbackItems, routings } from '../db/schema/index.js';
import { cardDeliveryId, enqueueCardRefresh } from './actions/card-refresh.js';
import { cardSubject } from './actions/card-subject.js';
import { isActive } from './actions/transitions.js';
import { requirePermission } from './access-rules.js';
import { Actor } from './actor.js';
import { insertRoutings } from './routing/insert-routings.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { enqueueDeliveries, teamHome } from './outbox.js';
import { userText } from './inert-text.js';
import { parseInput } from './parse-input.js';
import { dueTimes, type DueTimes } from './sla/due-times.js';

export const EscalateInput = z.object({
  itemId: z.number().int().positive(),
  /** The team to escalate to; may be omitted when the item is with exactly one team. */
  team: z.string().optional(),
  priority: Priority.exclude(['normal']).default('high'),
  reason: userText(2000).pipe(z.string().min(1, 'say why this is being escalated')),
  actor: Actor,
  via: z.enum(['command', 'modal', 'web']).default('command'),
  idempotencyKey: z.string().max(300).optional(),
});
export type EscalateInput = z.input<typeof EscalateInput>;

/**
 * A community manager raises an item: higher priority, a tighter SLA counted from now, and the team's on-call
 * paged under the card. A team the item had not reached gets it routed, with the escalation as the reason.
 */
export async function escalate(ctx: Context, raw: EscalateInput) {
  const input = parseInput(EscalateInput, raw);
  requirePermission(ctx.config, input.actor, { kind: 'escalate' });
  const itemId = await resolveItemId(ctx.db, input.itemId);
  return ctx.db.transaction(async (tx) => {
    const [item] = await tx.select().from(feedbackItems).where(eq(feedbackItems.id, itemId)).for('update');
    if (!item) throw new DomainError('not_found', { reason: 'unknown_item', details: { itemId: input.itemId } });
    if (input.idempotencyKey) {
      const [seen] = await tx.select({ routingId: actions.routingId }).from(actions).where(eq(actions.idempotencyKey, input.idempotencyKey));
      if (seen) return { status: 'duplicate' as const, itemId, routingId: seen.routingId as number };
    }
    const current = await tx.select().from(routings).where(eq(routings.itemId, itemId));
    const team = input.team ?? (current.filter((r) => isActive(r.status)).length === 1 ? current.find((r) => isActive(r.status))?.teamId : undefined);
    if (!team) throw new DomainError('invalid_input', { reason: 'escalation_needs_team', details: { fields: { team: 'choose a team' } } });
    if (!(team in ctx.config.teams)) throw new DomainError('invalid_input', { reason: 'unknown_team', details: { team, fields: { team: 'unknown team' } } });
    const now = ctx.clock.now();
    let routing = current.find((r) => r.teamId === team);
    if (!routing) {
      const [created] = await insertRoutings(tx, ctx, itemId, item.communityId, [{ team, reason: { kind: 'escalation', by: input.actor.name, note: input.reason } }], now, { priority: input.priority });
      routing = (await tx.select().from(routings).where(eq(routings.id, (created as { id: number }).id)))[0];
    }
    if (!routing) throw new Error('routing vanished');
    const reopen = !isActive(routing.status);
    // Business time from now on the team's calendar; a reopened routing's old targets no longer mean anything.
    const fresh = dueTimes(ctx.config, team, item.communityId, input.priority, now);
    const due = reopen ? fresh : tighter(routing, fresh);
    const { acknowledgeDueAt, resolveDueAt } = due;
    const [updated] = await tx
      .update(routings)
      .set({ priority: input.priority, ...due, status: reopen ? 'open' : undefined, resolvedAt: reopen ? null : undefined, closedAt: reopen ? null : undefined, version: sql`${routings.version} + 1`, updatedAt: now })
      .where(eq(routings.id, routing.id))
      .returning();
    await tx.update(feedbackItems).set({ priority: input.priority }).where(and(eq(feedbackItems.id, itemId), sql`${feedbackItems.priority} <> 'urgent'`));
    const [action] = await tx
      .insert(actions)
      .values({ itemId, routingId: routing.id, teamId: team, kind: 'escalate', via: input.via, actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, fromStatus: routing.status, toStatus: updated?.status, reason: input.reason, data: { priority: input.priority, acknowledgeDueAt: acknowledgeDueAt?.toISOString(), reopened: reopen }, idempotencyKey: input.idempotencyKey, createdAt: now })
      .returning({ id: actions.id });
    await enqueueCardRefresh(tx, ctx, updated as NonNullable<typeof updated>, now);
    const oncall = ctx.config.teams[team]?.oncall;
    await enqueueDeliveries(tx, now, [
      {
        key: `page:action:${action?.id}`,
        kind: 'page',
        target: teamHome(ctx.config, team),
        parentId: await cardDeliveryId(tx, routing.id),
        payload: { itemId, team: ctx.config.teams[team]?.name ?? team, priority: input.priority, reason: input.reason, by: input.actor.name, oncall: oncall ?? null, acknowledgeDueAt: acknowledgeDueAt?.toISOString() ?? null, card: await cardSubject(tx, itemId) },
        itemId,
        routingId: routing.id,
      },
    ]);
    ctx.logger.info({ itemId, team, priority: input.priority, actor: input.actor.id }, 'item escalated');
    return { status: 'recorded' as const, itemId, routingId: routing.id, acknowledgeDueAt, resolveDueAt, reopened: reopen };
  });
}

/** Per target, the earlier of the current and the escalated due time, with the at-risk moment that goes with it. */
function tighter(current: DueTimes, fresh: DueTimes): DueTimes {
  const pick = (a: [Date | null, Date | null], b: [Date | null, Date | null]) => (!a[0] || (b[0] && b[0] < a[0]) ? b : a);
  const [acknowledgeDueAt, acknowledgeAtRiskAt] = pick([current.acknowledgeDueAt, current.acknowledgeAtRiskAt], [fresh.acknowledgeDueAt, fresh.acknowledgeAtRiskAt]);
  const [resolveDueAt, resolveAtRiskAt] = pick([current.resolveDueAt, current.resolveAtRiskAt], [fresh.resolveDueAt, fresh.resolveAtRiskAt]);
  return { acknowledgeDueAt, acknowledgeAtRiskAt, resolveDueAt, resolveAtRiskAt };
}
