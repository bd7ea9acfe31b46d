import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sources } from '../../db/schema/index.js';

export interface SourceCursor {
  externalId: string;
  kind: string;
  guildId: string | null;
  lastMessageId: string | null;
  /** When Liaison started watching: with no message seen yet, catch up from here. */
  watchedSince: Date;
  /** Where an unfinished catch-up stopped (see sources.catchUpFrom): the next one resumes here. */
  catchUpFrom: string | null;
}

/** Where each active source of a platform was last read, so that an adapter can fetch what it missed while down. */
export async function sourceCursors(db: DbOrTx, platform: 'slack' | 'discord'): Promise<SourceCursor[]> {
  return db
    .select({ externalId: sources.externalId, kind: sources.kind, guildId: sources.guildId, lastMessageId: sources.lastMessageId, watchedSince: sources.watchedSince, catchUpFrom: sources.catchUpFrom })
    .from(sources)
    .where(and(eq(sources.platform, platform), eq(sources.active, true), sql`${sources.kind} in ('channel', 'forum')`))
    .orderBy(sources.id);
}

/**
 * Moves a source's cursor forward to `messageId`, never back: live events and a catch-up may finish in any order.
 * Message IDs are compared as numbers (Discord snowflakes and Slack timestamps both sort numerically), not as text.
 */
export async function advanceSourceCursor(db: DbOrTx, platform: 'slack' | 'discord', externalId: string, messageId: string): Promise<void> {
  await db
    .update(sources)
    .set({ lastMessageId: messageId })
    .where(and(
      eq(sources.platform, platform),
      eq(sources.externalId, externalId),
      sql`(${sources.lastMessageId} is null or ${sources.lastMessageId}::numeric < ${messageId}::numeric)`,
    ));
}

/** Records how far an unfinished catch-up has read a source (null: it has read up to the present). */
export async function recordCatchUpPosition(db: DbOrTx, platform: 'slack' | 'discord', externalId: string, position: string | null): Promise<void> {
  await db.update(sources).set({ catchUpFrom: position }).where(and(eq(sources.platform, platform), eq(sources.externalId, externalId)));
}
