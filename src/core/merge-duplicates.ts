import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actions, feedbackItems, routings, voices } from '../db/schema/index.js';
import { enqueueCardRefresh } from './actions/card-refresh.js';
import { isActive } from './actions/transitions.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { parseInput } from './parse-input.js';

export const MergeDuplicatesInput = z.object({
  /** The item that stays. */
  into: z.number().int().positive(),
  /** Items saying the same thing; their voices join `into`. */
  duplicates: z.array(z.number().int().positive()).min(1),
  actor: Actor,
});
export type MergeDuplicatesInput = z.input<typeof MergeDuplicatesInput>;

/**
 * Several people said the same thing: one item, several voices. Every voice moves to the surviving item, so every
 * author hears its outcome. A duplicate's routing to a team the survivor lacks moves with it; one to a team the
 * survivor already reached is closed as merged.
 */
export async function mergeDuplicates(ctx: Context, raw: MergeDuplicatesInput) {
  const input = parseInput(MergeDuplicatesInput, raw);
  if (!input.actor.isCommunityManager && input.actor.teams.length === 0) {
    throw new DomainError('not_permitted', 'Only team members and community managers can merge feedback.');
  }
  const into = await resolveItemId(ctx.db, input.into);
  const duplicates = [...new Set(await Promise.all(input.duplicates.map((id) => resolveItemId(ctx.db, id))))].filter((id) => id !== into);
  if (duplicates.length === 0) throw new DomainError('invalid_input', 'Those are already the same item.');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Lock in id order so that two merges touching the same items cannot deadlock.
    const locked = await tx.select().from(feedbackItems).where(inArray(feedbackItems.id, [into, ...duplicates])).orderBy(feedbackItems.id).for('update');
    const missing = [into, ...duplicates].filter((id) => !locked.some((i) => i.id === id));
    if (missing.length > 0) throw new DomainError('not_found', `There is no item ${missing.map((id) => `#${id}`).join(', ')}.`);
    const survivorTeams = new Set((await tx.select({ team: routings.teamId }).from(routings).where(eq(routings.itemId, into))).map((r) => r.team));
    const changed: (typeof routings.$inferSelect)[] = [];
    for (const routing of await tx.select().from(routings).where(inArray(routings.itemId, duplicates)).orderBy(routings.id)) {
      const moves = !survivorTeams.has(routing.teamId);
      if (moves) survivorTeams.add(routing.teamId);
      const [row] = await tx
        .update(routings)
        .set(moves ? { itemId: into, version: sql`${routings.version} + 1`, updatedAt: now } : { status: isActive(routing.status) ? 'merged' : routing.status, closedAt: routing.closedAt ?? now, version: sql`${routings.version} + 1`, updatedAt: now })
        .where(eq(routings.id, routing.id))
        .returning();
      if (row) changed.push(row);
    }
    const moved = await tx.update(voices).set({ itemId: into }).where(inArray(voices.itemId, duplicates)).returning({ id: voices.id });
    await tx.update(feedbackItems).set({ mergedIntoId: into }).where(inArray(feedbackItems.id, duplicates));
    const actor = { actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, via: 'command' as const, createdAt: now };
    await tx.insert(actions).values([
      { ...actor, itemId: into, kind: 'merge' as const, data: { merged: duplicates } },
      ...duplicates.map((id) => ({ ...actor, itemId: id, kind: 'merge' as const, data: { into } })),
    ]);
    for (const routing of changed) await enqueueCardRefresh(tx, ctx, routing, now);
    for (const routing of await tx.select().from(routings).where(and(eq(routings.itemId, into)))) {
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
