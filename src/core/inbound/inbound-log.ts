import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inboundEvents } from '../../db/schema/index.js';

/**
 * Persist before you forget: an adapter records each platform event here before acknowledging and working on it.
 * The key is the platform's own identity of the event, so a retry or a replay is recognised; an event whose
 * processing failed stays pending and is retried by a job, even if the process died in between.
 */
export async function recordInbound(db: Db, event: { key: string; platform: string; kind: string; payload: Record<string, unknown> }, now: Date): Promise<'new' | 'duplicate'> {
  const inserted = await db
    .insert(inboundEvents)
    .values({ ...event, payload: stripNul(event.payload), receivedAt: now })
    .onConflictDoNothing()
    .returning({ key: inboundEvents.key });
  return inserted.length > 0 ? 'new' : 'duplicate';
}

export async function completeInbound(db: Db, key: string, now: Date): Promise<void> {
  await db.update(inboundEvents).set({ status: 'done', processedAt: now, lastError: null }).where(eq(inboundEvents.key, key));
}

/** Gives up after `maxAttempts`; until then the event stays pending for the retry job. */
export async function failInbound(db: Db, key: string, error: unknown, maxAttempts = 10): Promise<void> {
  await db
    .update(inboundEvents)
    .set({ attempts: sql`${inboundEvents.attempts} + 1`, lastError: error instanceof Error ? error.message : String(error), status: sql`case when ${inboundEvents.attempts} + 1 >= ${maxAttempts} then 'failed' else 'pending' end` })
    .where(eq(inboundEvents.key, key));
}

/** Pending events older than `olderThan` (younger ones are probably still being processed right now). */
export async function pendingInbound(db: Db, olderThan: Date, limit = 100) {
  return db.select().from(inboundEvents).where(and(eq(inboundEvents.status, 'pending'), lt(inboundEvents.receivedAt, olderThan))).orderBy(inboundEvents.receivedAt).limit(limit);
}

/**
 * Deletes up to `limit` handled events processed before `before`. Failed and pending ones stay: an operator may still
 * need them. Returns how many went, so a caller can go on in batches without holding one long lock.
 */
export async function pruneInbound(db: Db, before: Date, limit = 5_000): Promise<number> {
  const batch = db.select({ key: inboundEvents.key }).from(inboundEvents).where(and(eq(inboundEvents.status, 'done'), lt(inboundEvents.processedAt, before))).limit(limit);
  const deleted = await db.delete(inboundEvents).where(inArray(inboundEvents.key, batch)).returning({ key: inboundEvents.key });
  return deleted.length;
}

/** PostgreSQL cannot store NUL in text or jsonb. */
function stripNul(payload: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(payload).replace(/\\u0000/g, '')) as Record<string, unknown>;
}
