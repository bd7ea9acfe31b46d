import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { feedbackItems, routings } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { insertRoutings } from '../routing/insert-routings.js';
import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { dueTimes } from '../sla/due-times.js';
import { enqueueCardRefresh } from './card-refresh.js';
import { isActive } from './transitions.js';

type Routing = typeof routings.$inferSelect;

/**
 * Hands an item from one team to another: a fresh routing for the receiving team (or its old one, reopened), one
 * hop further along, with the note that explains why. Returns the receiving routing's ID.
 */
export async function passOn(tx: Tx, ctx: Context, args: { routing: Routing; toTeam: string; note?: string; actor: Actor; now: Date }): Promise<number> {
  const { routing, toTeam, note, actor, now } = args;
  const target = ctx.config.teams[toTeam];
  if (!target) throw new DomainError('invalid_input', { reason: 'unknown_team', details: { team: toTeam, fields: { toTeam: 'unknown team' } } });
  if (toTeam === routing.teamId) throw new DomainError('invalid_input', { reason: 'already_with_team', details: { fields: { toTeam: 'same team' } } });
  const fromName = ctx.config.teams[routing.teamId]?.name ?? routing.teamId;
  const reason = { kind: 'pass_on' as const, by: actor.name, from: fromName, ...(note ? { note } : {}) };
  const [item] = await tx.select({ communityId: feedbackItems.communityId }).from(feedbackItems).where(eq(feedbackItems.id, routing.itemId));
  const communityId = (item as { communityId: string }).communityId;
  const [existing] = await tx.select().from(routings).where(and(eq(routings.itemId, routing.itemId), eq(routings.teamId, toTeam))).for('update');
  if (existing && isActive(existing.status)) {
    throw new DomainError('already_done', { reason: 'team_has_item', details: { team: toTeam, teamName: target.name ?? toTeam } });
  }
  if (existing) {
    const [reopened] = await tx
      .update(routings)
      .set({ status: 'open', reason, passedFromId: routing.id, hops: routing.hops + 1, owner: null, declineReason: null, resolvedAt: null, closedAt: null, ...dueTimes(ctx.config, toTeam, communityId, routing.priority, now), version: sql`${routings.version} + 1`, updatedAt: now })
      .where(eq(routings.id, existing.id))
      .returning({ version: routings.version });
    await enqueueCardRefresh(tx, ctx, { ...existing, version: (reopened as { version: number }).version }, now);
    return existing.id;
  }
  const [created] = await insertRoutings(tx, ctx, routing.itemId, communityId, [{ team: toTeam, reason }], now, { priority: routing.priority, passedFromId: routing.id, hops: routing.hops + 1 });
  return (created as { id: number }).id;
}

