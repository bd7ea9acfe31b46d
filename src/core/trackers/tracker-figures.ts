import { sql, type SQL } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from '../digest/period.js';
import { routingInScope, type Scope } from '../digest/scope.js';

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
 * The ledger entries `a` behind the figures: an issue created or linked, and a resolution the tracker recorded.
 * The Impact page lists the items behind each figure with these same conditions.
 */
export const TRACKER_ENTRIES = {
  issue: sql`a.kind in ('create_issue', 'link_issue')`,
  shipped: sql`(a.kind = 'resolve' and a.via = 'tracker')`,
} satisfies Record<string, SQL>;

/** Entries of the period that were not undone before its end (the same rule as every other count of actions). */
export function trackerEntriesIn(period: Pick<Period, 'start' | 'end'>, scope: Scope, which: SQL): SQL {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  return sql`a.created_at >= ${start} and a.created_at < ${end} and a.team_id is not null and ${which} and ${routingInScope(scope, 'a')}
    and not exists (select 1 from actions u where u.undoes_id = a.id and u.created_at < ${end})`;
}

/**
 * The one query behind these figures wherever they are shown (the digest, the web app's Impact page). Both come from
 * the ledger: the create/link entries, and the resolutions the tracker recorded.
 */
export async function trackerFigures(db: DbOrTx, period: Pick<Period, 'start' | 'end'>, scope: Scope = {}): Promise<Map<string, TrackerFigures>> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select a.team_id,
      count(distinct a.item_id) filter (where ${TRACKER_ENTRIES.issue}) as issues,
      count(distinct a.routing_id) filter (where ${TRACKER_ENTRIES.shipped}) as shipped,
      percentile_cont(0.5) within group (order by extract(epoch from a.created_at - i.posted_at) * 1000) filter (where ${TRACKER_ENTRIES.shipped}) as median_ms
    from actions a join feedback_items i on i.id = a.item_id
    where ${trackerEntriesIn(period, scope, sql`(${TRACKER_ENTRIES.issue} or ${TRACKER_ENTRIES.shipped})`)}
    group by a.team_id`);
  return new Map(rows.map((r) => [String(r.team_id), { issues: Number(r.issues ?? 0), shipped: Number(r.shipped ?? 0), medianToShippedMs: r.median_ms === null || r.median_ms === undefined ? null : Math.round(Number(r.median_ms)) }]));
}

/** A team shows tracker figures when it has a tracker, or when issues were linked for it in the period anyway. */
export function teamTrackerFigures(config: LiaisonConfig, figures: Map<string, TrackerFigures>, team: string): TrackerFigures | undefined {
  const found = figures.get(team);
  return found ?? (config.teams[team]?.tracker ? { ...EMPTY_TRACKER_FIGURES } : undefined);
}
