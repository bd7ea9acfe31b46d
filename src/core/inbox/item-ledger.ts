import { asc, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { actions, feedbackItems } from '../../db/schema/index.js';

/** One ledger entry as the item page lists it: who, for which team, did what, through what, when. */
export interface LedgerEntry {
  id: number;
  /** The item it was recorded on: this one, or a duplicate since merged into it. */
  itemId: number;
  routingId: number | null;
  kind: string;
  via: string;
  actorName: string;
  team: { id: string; name: string } | null;
  toTeam: { id: string; name: string } | null;
  reason: string | null;
  createdAt: Date;
  /** What some kinds carry: a merge's items, an escalation's priority, a snooze's end, a tracker issue. */
  merged?: number[];
  mergedInto?: number;
  priority?: string;
  snoozedUntil?: Date;
  issue?: { key: string; url: string | null };
  undoesId: number | null;
}

const Detail = z.object({
  merged: z.array(z.number()).optional().catch(undefined),
  into: z.number().optional().catch(undefined),
  priority: z.string().optional().catch(undefined),
  until: z.coerce.date().optional().catch(undefined),
  issue: z.object({ key: z.string(), url: z.string().nullable().optional() }).optional().catch(undefined),
}).catch({});

/** The item and every duplicate merged into it, however many merges deep. */
export async function itemAndMerged(db: DbOrTx, itemId: number): Promise<number[]> {
  const rows = await db.execute<{ id: string | number }>(sql`
    with recursive family(id) as (
      select ${itemId}::bigint
      union
      select f.id from ${feedbackItems} f join family on f.merged_into_id = family.id
    )
    select id from family`);
  return [...rows].map((r) => Number(r.id));
}

/** Every action recorded on these items, oldest first. */
export async function loadLedger(db: DbOrTx, config: LiaisonConfig, itemIds: number[]): Promise<LedgerEntry[]> {
  if (itemIds.length === 0) return [];
  const rows = await db.select().from(actions).where(inArray(actions.itemId, itemIds)).orderBy(asc(actions.createdAt), asc(actions.id));
  const team = (id: string | null) => (id ? { id, name: config.teams[id]?.name ?? id } : null);
  return rows.map((a) => {
    const detail = Detail.parse(a.data ?? {});
    return {
      id: a.id,
      itemId: a.itemId as number,
      routingId: a.routingId,
      kind: a.kind,
      via: a.via,
      actorName: a.actorName,
      team: team(a.teamId),
      toTeam: team(a.toTeamId),
      reason: a.reason,
      createdAt: a.createdAt,
      undoesId: a.undoesId,
      ...(detail.merged ? { merged: detail.merged } : {}),
      ...(detail.into ? { mergedInto: detail.into } : {}),
      ...(a.kind === 'escalate' && detail.priority ? { priority: detail.priority } : {}),
      ...(a.kind === 'snooze' && detail.until ? { snoozedUntil: detail.until } : {}),
      ...(detail.issue ? { issue: { key: detail.issue.key, url: detail.issue.url ?? null } } : {}),
    };
  });
}
