import { asc, between, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/client.js';
import { skippedChatter } from '../../db/schema/index.js';

const localDay = (at: Date, timezone: string) => DateTime.fromJSDate(at, { zone: timezone }).toISODate() as string;

/** Counts one skipped chatter message for its community and local day; the message itself is not kept. */
export async function recordSkippedChatter(db: DbOrTx, communityId: string, at: Date, timezone: string): Promise<void> {
  await db
    .insert(skippedChatter)
    .values({ communityId, day: localDay(at, timezone), count: 1 })
    .onConflictDoUpdate({ target: [skippedChatter.communityId, skippedChatter.day], set: { count: sql`${skippedChatter.count} + 1` } });
}

/** Skipped chatter per community over a half-open period whose bounds are local midnights (or now, for a running one). */
export async function skippedChatterIn(db: DbOrTx, period: { start: Date; end: Date }, timezone: string): Promise<{ community: string; skipped: number }[]> {
  return db
    .select({ community: skippedChatter.communityId, skipped: sql<number>`sum(${skippedChatter.count})::int` })
    .from(skippedChatter)
    .where(between(skippedChatter.day, localDay(period.start, timezone), localDay(new Date(period.end.getTime() - 1), timezone)))
    .groupBy(skippedChatter.communityId)
    .orderBy(asc(skippedChatter.communityId));
}

/** Every skip ever counted, per community: a monotonic total, the same whichever instance is asked. */
export async function skippedChatterTotals(db: DbOrTx): Promise<{ community: string; skipped: number }[]> {
  return db
    .select({ community: skippedChatter.communityId, skipped: sql<number>`sum(${skippedChatter.count})::int` })
    .from(skippedChatter)
    .groupBy(skippedChatter.communityId)
    .orderBy(asc(skippedChatter.communityId));
}
