import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '../db/client.js';
import { actions, feedbackItems, routings, voices } from '../db/schema/index.js';
import { repliesToVoices } from './actions/action-effects.js';
import { enqueueCardRefresh } from './actions/card-refresh.js';
import { isActive } from './actions/transitions.js';
import { requirePermission } from './access-rules.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { enqueueDeliveries } from './outbox.js';
import { parseInput } from './parse-input.js';

export const MergeDuplicatesInput = z.object({
  /** The item that stays; when left out, the oldest of `duplicates` stays (one-click merges and commands). */
  into: z.number().int().positive().optional(),
  /** Items saying the same thing; their voices join `into`. */
  duplicates: z.array(z.number().int().positive()).min(1),
  actor: Actor,
  via: z.enum(['button', 'command', 'api', 'web']).default('command'),
  /** The same form or click delivered twice merges once, and answers as the first time did. */
  idempotencyKey: z.string().max(300).optional(),
});
export type MergeDuplicatesInput = z.input<typeof MergeDuplicatesInput>;

type Routing = typeof routings.$inferSelect;

/**
 * Several people said the same thing: one item, several voices. Every voice moves to the surviving item, so every
 * author hears its outcome. A duplicate's routing to a team the survivor lacks moves with it; one to a team the
 * survivor already reached is closed as merged, and if that team has already answered the survivor, the duplicate's
 * authors are told that answer now (they would otherwise never hear it).
 */
export async function mergeDuplicates(ctx: Context, raw: MergeDuplicatesInput) {
  const input = parseInput(MergeDuplicatesInput, raw);
  const seen = input.idempotencyKey ? await mergedBefore(ctx.db, input.idempotencyKey) : undefined;
  if (seen) return seen;
  const named = [...new Set(await Promise.all(input.duplicates.map((id) => resolveItemId(ctx.db, id))))];
  // The oldest item has the longest history (and the first voice): it is the one people already refer to.
  const into = input.into === undefined ? Math.min(...named) : await resolveItemId(ctx.db, input.into);
  const duplicates = named.filter((id) => id !== into);
  if (duplicates.length === 0) throw new DomainError('invalid_input', { reason: 'same_item', details: {} });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Lock in id order so that two merges touching the same items cannot deadlock.
    const locked = await tx.select().from(feedbackItems).where(inArray(feedbackItems.id, [into, ...duplicates])).orderBy(feedbackItems.id).for('update');
    // A duplicate delivered concurrently waited on the locks above; the winner has committed, so look again.
    const raced = input.idempotencyKey ? await mergedBefore(tx, input.idempotencyKey) : undefined;
    if (raced) return raced;
    const missing = [into, ...duplicates].filter((id) => !locked.some((i) => i.id === id));
    if (missing.length > 0) throw new DomainError('not_found', { reason: 'unknown_items', details: { itemIds: missing } });
    const all = await tx.select().from(routings).where(inArray(routings.itemId, [into, ...duplicates])).orderBy(routings.id);
    requirePermission(ctx.config, input.actor, { kind: 'merge', items: [into, ...duplicates].map((id) => ({ id, teams: all.filter((r) => r.itemId === id).map((r) => r.teamId) })) });
    const survivor = new Map(all.filter((r) => r.itemId === into).map((r) => [r.teamId, r]));
    const changed: Routing[] = [];
    const answered: { routing: Routing; duplicate: number }[] = [];
    for (const routing of all.filter((r) => r.itemId !== into)) {
      const kept = survivor.get(routing.teamId);
      if (!kept) survivor.set(routing.teamId, routing);
      else if (isActive(routing.status) && (kept.status === 'resolved' || kept.status === 'declined')) answered.push({ routing: kept, duplicate: routing.itemId });
      const [row] = await tx
        .update(routings)
        .set(!kept ? { itemId: into, version: sql`${routings.version} + 1`, updatedAt: now } : { status: isActive(routing.status) ? 'merged' : routing.status, closedAt: routing.closedAt ?? now, version: sql`${routings.version} + 1`, updatedAt: now })
        .where(eq(routings.id, routing.id))
        .returning();
      if (row) changed.push(row);
    }
    const moved = await tx.select().from(voices).where(inArray(voices.itemId, duplicates));
    await tx.update(voices).set({ itemId: into }).where(inArray(voices.itemId, duplicates));
    await tx.update(feedbackItems).set({ mergedIntoId: into }).where(inArray(feedbackItems.id, duplicates));
    const actor = { actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, via: input.via, createdAt: now };
    const [merge] = await tx.insert(actions).values([
      { ...actor, itemId: into, kind: 'merge' as const, data: { merged: duplicates }, idempotencyKey: input.idempotencyKey },
      ...duplicates.map((id) => ({ ...actor, itemId: id, kind: 'merge' as const, data: { into } })),
    ]).returning({ id: actions.id });
    await tellAnswered(tx, ctx, answered, moved, `loop:merge:${merge?.id}`, now);
    for (const routing of changed) await enqueueCardRefresh(tx, ctx, routing, now);
    for (const routing of await tx.select().from(routings).where(eq(routings.itemId, into))) {
      if (!changed.some((c) => c.id === routing.id)) {
        const [bumped] = await tx.update(routings).set({ version: sql`${routings.version} + 1` }).where(eq(routings.id, routing.id)).returning();
        await enqueueCardRefresh(tx, ctx, bumped as typeof routing, now);
      }
    }
    const voiceCount = await tx.$count(voices, eq(voices.itemId, into));
    ctx.logger.info({ into, duplicates, voicesMoved: moved.length }, 'duplicates merged');
    return { itemId: into, merged: duplicates, voices: voiceCount };
  });
}

/** The merge recorded under this key, answered as it was then. */
async function mergedBefore(db: DbOrTx, key: string) {
  const [action] = await db.select({ itemId: actions.itemId, data: actions.data }).from(actions).where(eq(actions.idempotencyKey, key));
  if (!action?.itemId) return undefined;
  const merged = z.array(z.number()).catch([]).parse(action.data?.merged);
  return { itemId: action.itemId, merged, voices: await db.$count(voices, eq(voices.itemId, action.itemId)) };
}

/** The duplicates' authors (voices as they were before the merge) hear the answer the surviving item already got from a team. */
async function tellAnswered(tx: Tx, ctx: Context, answered: { routing: Routing; duplicate: number }[], moved: (typeof voices.$inferSelect)[], key: string, now: Date) {
  for (const { routing, duplicate } of answered) {
    const mode = routing.status === 'resolved' ? ctx.config.closeTheLoop.onResolved : ctx.config.closeTheLoop.onDeclined;
    if (mode === 'none') continue;
    const heard = moved.filter((v) => v.itemId === duplicate);
    const message = { outcome: routing.status, team: ctx.config.teams[routing.teamId]?.name ?? routing.teamId, reason: routing.status === 'declined' ? (routing.declineReason ?? undefined) : undefined, itemId: routing.itemId, organisation: ctx.config.organisation.name };
    await enqueueDeliveries(tx, now, repliesToVoices(heard, mode, message, routing, `${key}:${routing.teamId}`));
  }
}
