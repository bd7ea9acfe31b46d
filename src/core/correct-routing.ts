import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { Category } from '../config/schema.js';
import { actions, feedbackItems, routings } from '../db/schema/index.js';
import { enqueueCardRefresh } from './actions/card-refresh.js';
import { requirePermission } from './access-rules.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { parseInput } from './parse-input.js';
import { recordAction } from './record-action.js';
import { teamForCategory } from './routing/plan-routing.js';

export const CorrectRoutingInput = z
  .object({
    routingId: z.number().int().positive(),
    category: Category.optional(),
    /** The team it should be with; derived from the category's rule when omitted. */
    team: z.string().optional(),
    actor: Actor,
    via: z.enum(['button', 'command', 'modal', 'api']),
    idempotencyKey: z.string().max(280).optional(),
  })
  .refine((i) => i.category || i.team, 'give a category or a team');
export type CorrectRoutingInput = z.input<typeof CorrectRoutingInput>;

/**
 * Someone says what an item really is (a card's suggestion, a re-categorisation): the category is corrected in the
 * ledger, and the item passed on to the right team. Both become examples the router learns from.
 */
export async function correctRouting(ctx: Context, raw: CorrectRoutingInput) {
  const input = parseInput(CorrectRoutingInput, raw);
  const [row] = await ctx.db.select({ routing: routings, item: feedbackItems }).from(routings).innerJoin(feedbackItems, eq(feedbackItems.id, routings.itemId)).where(eq(routings.id, input.routingId));
  if (!row) throw new DomainError('not_found', { reason: 'unknown_routing', details: { routingId: input.routingId } });
  const { routing, item } = row;
  requirePermission(ctx.config, input.actor, { kind: 'correct', team: routing.teamId });
  const team = input.team ?? (input.category ? teamForCategory(ctx.config, input.category, { text: item.text, community: item.communityId }) : undefined);
  if (team !== undefined && !(team in ctx.config.teams)) throw new DomainError('invalid_input', { reason: 'unknown_team', details: { team } });
  if (input.category && input.category !== item.category) {
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await tx.update(feedbackItems).set({ category: input.category }).where(eq(feedbackItems.id, item.id));
      await tx
        .insert(actions)
        .values({ itemId: item.id, routingId: routing.id, teamId: routing.teamId, kind: 'recategorize', via: input.via, actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, data: { from: item.category, to: input.category }, idempotencyKey: input.idempotencyKey && `${input.idempotencyKey}:category`, createdAt: now })
        .onConflictDoNothing({ target: actions.idempotencyKey, where: sql`idempotency_key is not null` });
      const [bumped] = await tx.update(routings).set({ version: sql`${routings.version} + 1`, updatedAt: now }).where(eq(routings.id, routing.id)).returning();
      await enqueueCardRefresh(tx, ctx, bumped ?? routing, now);
    });
  }
  if (team === undefined || team === routing.teamId) return { itemId: item.id, category: input.category ?? item.category, team: routing.teamId, routingId: routing.id };
  const passed = await recordAction(ctx, {
    routingId: routing.id,
    kind: 'pass_on',
    toTeam: team,
    reason: input.category ? `Corrected to ${input.category.replace('_', ' ')}` : 'Corrected routing',
    actor: { ...input.actor, teams: [...input.actor.teams, routing.teamId] },
    via: input.via === 'api' ? 'api' : input.via,
    idempotencyKey: input.idempotencyKey && `${input.idempotencyKey}:pass`,
  });
  return { itemId: item.id, category: input.category ?? item.category, team, routingId: passed.passedToRoutingId ?? routing.id };
}
