import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { deliveries } from '../../db/schema/index.js';

/** A close-the-loop reply to one author, and how its delivery went. */
export interface ReplyToAuthor {
  id: number;
  platform: string;
  /** The outcome it told: resolved, declined, acknowledged. */
  outcome: string;
  team: string;
  reason: string | null;
  /** The message it answers (a voice's message), or a direct message when `dm`. */
  replyTo: string | null;
  dm: boolean;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  /** The platform's last refusal or the reason it was withdrawn, for a reply that did not go out. */
  lastError: string | null;
  queuedAt: Date;
  sentAt: Date | null;
}

const LoopPayload = z.object({
  outcome: z.string().catch('unknown'),
  team: z.string().catch(''),
  reason: z.string().nullish().catch(null),
  replyTo: z.string().nullish().catch(null),
  dm: z.boolean().catch(false),
});

/** Every reply the outbox holds for these items' authors, oldest first. */
export async function loadReplies(db: DbOrTx, itemIds: number[]): Promise<ReplyToAuthor[]> {
  if (itemIds.length === 0) return [];
  const rows = await db.select().from(deliveries).where(and(inArray(deliveries.itemId, itemIds), eq(deliveries.kind, 'loop_reply'))).orderBy(asc(deliveries.id));
  return rows.map((d) => {
    const p = LoopPayload.parse(d.payload);
    return { id: d.id, platform: d.platform, outcome: p.outcome, team: p.team, reason: p.reason ?? null, replyTo: p.replyTo ?? null, dm: p.dm, state: d.status, attempts: d.attempts, lastError: d.status === 'sent' ? null : d.lastError, queuedAt: d.createdAt, sentAt: d.sentAt };
  });
}
