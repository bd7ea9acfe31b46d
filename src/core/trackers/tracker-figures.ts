import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from '../digest/period.js';

/** Per team, for a period: how many items became issues, and how long feedback took to ship through the tracker. */
export interface TrackerFigures {
  /** Items that got an issue (created or linked) in the period. */
  issues: number;
  /** Routings the tracker resolved in the period (an issue closed as completed). */
  shipped: number;
  /** Median time from the feedback being posted to its issue being closed as completed, for those shipped. */
  medianToShippedMs: number | null;
}

export const EMPTY_TRACKER_FIGURES: TrackerFigures = { issues: 0, shipped: 0, medianToShippedMs: null };

/**
 * The one query behind these figures wherever they are shown (the digest, the web app's Impact page). Both come from
 * the ledger: the create/link entries, and the resolutions the tracker recorded.
 */
export async function trackerFigures(db: DbOrTx, period: Pick<Period, 'start' | 'end'>, team?: string): Promise<Map<string, TrackerFigures>> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const rows = await db.execute<Record<string, unknown>>(sql`
    select a.team_id,
      count(distinct a.item_id) filter (where a.kind in ('create_issue', 'link_issue')) as issues,
      count(distinct a.routing_id) filter (where a.kind = 'resolve') as shipped,
      percentile_cont(0.5) within group (order by extract(epoch from a.created_at - i.posted_at) * 1000) filter (where a.kind = 'resolve') as median_ms
    from actions a join feedback_items i on i.id = a.item_id
    where a.created_at >= ${start} and a.created_at < ${end} and a.team_id is not null
      and (a.kind in ('create_issue', 'link_issue') or (a.kind = 'resolve' and a.via = 'tracker'))
      and ${team === undefined ? sql`true` : sql`a.team_id = ${team}`}
      and not exists (select 1 from actions u where u.undoes_id = a.id and u.created_at < ${end})
    group by a.team_id`);
  return new Map(rows.map((r) => [String(r.team_id), { issues: Number(r.issues ?? 0), shipped: Number(r.shipped ?? 0), medianToShippedMs: r.median_ms === null || r.median_ms === undefined ? null : Math.round(Number(r.median_ms)) }]));
}
