import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { actions, deliveries, routings } from '../db/schema/index.js';
import { enqueueActionEffects } from './actions/action-effects.js';
import { passOn } from './actions/pass-on.js';
import { reopenedTargets } from './actions/reopen-targets.js';
import { TRANSITIONS, UNDOABLE, type TeamAction } from './actions/transitions.js';
import { requirePermission } from './access-rules.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { userText } from './inert-text.js';
import { parseInput } from './parse-input.js';
import { IssueLink } from './trackers/issue-link.js';

export const RecordActionInput = z
  .object({
    /** The routing acted on, or the card message the click or reaction landed on. */
    routingId: z.number().int().positive().optional(),
    card: z.object({ platform: z.enum(['slack', 'discord', 'console']), channelId: z.string(), messageId: z.string() }).optional(),
    kind: z.enum(['acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen', 'undo']),
    actor: Actor,
    via: z.enum(['button', 'reaction', 'command', 'modal', 'api', 'tracker', 'web']),
    reason: userText(2000).optional(),
    toTeam: z.string().optional(),
    /** For undo: the idempotency key of the action to reverse (a removed reaction names the one it added). */
    undoesKey: z.string().optional(),
    idempotencyKey: z.string().max(300).optional(),
    /** The tracker issue behind an action taken by the tracker: kept in the ledger, and its link told to the authors. */
    issue: IssueLink.optional(),
  })
  .refine((i) => i.routingId !== undefined || i.card !== undefined, 'routingId or card is required')
  .refine((i) => i.kind !== 'decline' || (i.reason && i.reason.length > 0), { path: ['reason'], message: 'a reason is required to decline' })
  .refine((i) => i.kind !== 'pass_on' || i.toTeam, { path: ['toTeam'], message: 'say which team to pass it on to' });
export type RecordActionInput = z.input<typeof RecordActionInput>;

export interface RecordActionResult {
  status: 'recorded' | 'duplicate';
  actionId: number;
  routingId: number;
  routingStatus: string;
  team: string;
  /** The routing a pass-on created or reopened. */
  passedToRoutingId?: number;
}

/**
 * A team member acts on a routing. The routing row is locked, so of two concurrent clicks exactly one changes the
 * state; the other is told who got there first. The same interaction delivered twice records one action.
 */
export async function recordAction(ctx: Context, raw: RecordActionInput): Promise<RecordActionResult> {
  const input = parseInput(RecordActionInput, raw);
  if (input.idempotencyKey) {
    const seen = await findByKey(ctx, input.idempotencyKey);
    if (seen) return seen;
  }
  const routingId = input.routingId ?? (await routingForCard(ctx, input.card as NonNullable<typeof input.card>));
  try {
    return await ctx.db.transaction(async (tx) => {
      const [routing] = await tx.select().from(routings).where(eq(routings.id, routingId)).for('update');
      if (!routing) throw new DomainError('not_found', { reason: 'unknown_routing', details: { routingId } });
      // A duplicate delivered concurrently waited on the lock above; the winner has committed, so look again.
      if (input.idempotencyKey && (await tx.$count(actions, eq(actions.idempotencyKey, input.idempotencyKey))) > 0) throw new DuplicateAction();
      requirePermission(ctx.config, input.actor, { kind: 'routing_action', action: input.kind, team: routing.teamId });
      const now = ctx.clock.now();
      const undone = input.kind === 'undo' ? await findUndoTarget(tx, input, routing.id) : undefined;
      const kind = input.kind;
      const to = undone ? (undone.fromStatus as typeof routing.status) : TRANSITIONS[kind as TeamAction].to;
      if (undone) {
        if (routing.status !== undone.toStatus) throw await tooLate(tx, ctx, routing.id, { action: kind, undoing: undone.kind }, input.actor);
      } else if (!TRANSITIONS[kind as TeamAction].from.includes(routing.status)) {
        throw await tooLate(tx, ctx, routing.id, { action: kind }, input.actor);
      }
      const passed = kind === 'pass_on' ? await passOn(tx, ctx, { routing, toTeam: input.toTeam as string, note: input.reason, actor: input.actor, now }) : undefined;
      const firstResponse = kind !== 'reopen' && kind !== 'undo';
      const targets = kind === 'reopen' ? await reopenedTargets(tx, ctx, routing, now) : {};
      await tx
        .update(routings)
        .set({
          status: to,
          version: sql`${routings.version} + 1`,
          updatedAt: now,
          firstActionAt: firstResponse ? sql`coalesce(${routings.firstActionAt}, ${now.toISOString()}::timestamptz)` : undefined,
          owner: kind === 'own' ? { platform: input.actor.platform, id: input.actor.id, name: input.actor.name } : undone?.kind === 'own' ? null : undefined,
          resolvedAt: to === 'resolved' ? now : null,
          closedAt: to === 'resolved' || to === 'declined' || to === 'passed_on' ? now : null,
          declineReason: to === 'declined' ? input.reason : null,
          ...targets,
        })
        .where(eq(routings.id, routing.id));
      const [action] = await tx
        .insert(actions)
        .values({ itemId: routing.itemId, routingId: routing.id, teamId: routing.teamId, kind, via: input.via, actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, fromStatus: routing.status, toStatus: to, reason: input.reason, toTeamId: input.toTeam, undoesId: undone?.id, data: input.issue ? { issue: input.issue } : undefined, idempotencyKey: input.idempotencyKey, createdAt: now })
        .onConflictDoNothing({ target: actions.idempotencyKey, where: sql`idempotency_key is not null` })
        .returning({ id: actions.id });
      if (!action) throw new DuplicateAction();
      await enqueueActionEffects(tx, ctx, { actionId: action.id, kind, undoneId: undone?.id, routing: { ...routing, status: to, version: routing.version + 1 }, actor: input.actor, reason: input.reason, toTeam: input.toTeam, issue: input.issue, now });
      ctx.logger.info({ routingId: routing.id, team: routing.teamId, kind, actor: input.actor.id, to }, 'action recorded');
      return { status: 'recorded' as const, actionId: action.id, routingId: routing.id, routingStatus: to, team: routing.teamId, passedToRoutingId: passed };
    });
  } catch (error) {
    if (error instanceof DuplicateAction && input.idempotencyKey) return (await findByKey(ctx, input.idempotencyKey)) as RecordActionResult;
    throw error;
  }
}

class DuplicateAction extends Error {}

/** The action an undo reverses: the one named by key, else the actor's own latest reversible action. */
async function findUndoTarget(tx: Tx, input: z.infer<typeof RecordActionInput>, routingId: number) {
  const undo = alias(actions, 'undo');
  const conditions = input.undoesKey
    ? [eq(actions.idempotencyKey, input.undoesKey)]
    : [eq(actions.routingId, routingId), eq(actions.actorPlatform, input.actor.platform), eq(actions.actorId, input.actor.id), sql`${actions.kind} in ('acknowledge', 'own', 'resolve', 'decline')`];
  const [target] = await tx
    .select({ action: actions })
    .from(actions)
    .leftJoin(undo, eq(undo.undoesId, actions.id))
    .where(and(...conditions, isNull(undo.id)))
    .orderBy(desc(actions.id))
    .limit(1);
  if (!target || target.action.routingId !== routingId || !UNDOABLE.has(target.action.kind)) {
    throw new DomainError('not_found', { reason: 'nothing_to_undo', details: {} });
  }
  return target.action;
}

/**
 * The loser of a race learns who won ("You cannot resolve this now: Priya (Product) already resolved it at 14:02
 * UTC"), and whether it was themselves: the routing's last team step, for the presenter to word.
 */
async function tooLate(tx: Tx, ctx: Context, routingId: number, step: { action: string; undoing?: string }, actor: { platform: string; id: string }): Promise<DomainError> {
  const [last] = await tx
    .select()
    .from(actions)
    .where(and(eq(actions.routingId, routingId), sql`${actions.kind} in ('acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen', 'undo')`))
    .orderBy(desc(actions.id))
    .limit(1);
  if (!last) return new DomainError('invalid_transition', { reason: 'too_late', details: step });
  const name = (team: string | null) => (team ? (ctx.config.teams[team]?.name ?? team) : null);
  const at = last.createdAt.toISOString();
  const mine = last.actorPlatform === actor.platform && last.actorId === actor.id;
  const lastStep = { by: last.actorName, kind: last.kind, team: last.teamId, teamName: name(last.teamId), toTeamName: last.kind === 'pass_on' ? name(last.toTeamId) : null, at, mine };
  return new DomainError('already_done', { reason: 'too_late', details: { ...step, last: lastStep, by: last.actorName, kind: last.kind, team: last.teamId, at } });
}

async function findByKey(ctx: Context, key: string): Promise<RecordActionResult | undefined> {
  const [row] = await ctx.db
    .select({ id: actions.id, routingId: actions.routingId, status: routings.status, team: routings.teamId })
    .from(actions)
    .innerJoin(routings, eq(routings.id, actions.routingId))
    .where(eq(actions.idempotencyKey, key));
  return row ? { status: 'duplicate', actionId: row.id, routingId: row.routingId as number, routingStatus: row.status, team: row.team } : undefined;
}

/** The routing whose card is this message. */
export async function routingForCard(ctx: Context, card: { platform: string; channelId: string; messageId: string }): Promise<number> {
  const [row] = await ctx.db
    .select({ routingId: deliveries.routingId })
    .from(deliveries)
    .where(and(eq(deliveries.platform, card.platform as 'slack'), eq(deliveries.channelId, card.channelId), eq(deliveries.messageId, card.messageId), eq(deliveries.kind, 'card')));
  if (!row?.routingId) throw new DomainError('not_found', { reason: 'not_a_card', details: {} });
  return row.routingId;
}

