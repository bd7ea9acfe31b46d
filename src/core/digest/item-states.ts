import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { itemOutcomeSql } from '../items/item-outcome.js';
import type { Period } from './period.js';
import type { Scope } from './scope.js';

/**
 * One row per item captured in the period (and in scope), as it stood at the end of the period (or at `asOf`): its teams, its
 * outcome and the ways it fell between silos. The one definition behind the digest's "fell between silos" and the
 * Impact page's outcomes, so the two cannot disagree.
 *
 * - `no_action`: routed, and no team did anything; `passed_around`: handed on twice or more; `ack_not_resolved`:
 *   someone acknowledged or took it and no team resolved or declined it; `untouched_past_sla`: a team never
 *   answered it and its first-response target passed.
 * - `outcome`: as of the end of the period, by the rule every count of outcomes shares (core/items/item-outcome.ts).
 *
 * The routings of those items are read by item-ID range (a merge join on the routings' (item, team) index) instead
 * of one probe per item: an item's routings can be created long after the period (a late pass-on), but never
 * outside the ID range of the period's items.
 */
export function itemStatesSql(period: Pick<Period, 'start' | 'end'>, scope: Scope, asOf: Date = period.end): SQL {
  const start = period.start.toISOString();
  const captureEnd = period.end.toISOString();
  const end = asOf.toISOString();
  const community = scope.community === undefined ? sql`true` : sql`i.community_id = ${scope.community}`;
  return sql`
    with period_items as (
      select i.id, i.title, i.text, i.community_id, i.permalink, i.captured_at, i.category, i.sentiment from feedback_items i
      where i.captured_at >= ${start} and i.captured_at < ${captureEnd} and i.merged_into_id is null and ${community}
    ), bounds as (select min(id) as lo, max(id) as hi from period_items),
    per_routing as (
      select r.item_id,
        array_agg(distinct r.team_id order by r.team_id) as teams,
        -- The order the item travelled in: the first team, then each one it was passed on to.
        array_agg(r.team_id order by r.created_at, r.id) as path,
        max(r.hops) as hops,
        bool_or(r.team_id = ${scope.team ?? ''}) as has_team,
        -- coalesce: a routing nobody touched has null times, and null must read as "no".
        coalesce(bool_or(r.first_action_at < ${end}), false) as any_action,
        coalesce(bool_or(r.first_action_at < ${end} and r.status in ('acknowledged', 'owned')), false) as acknowledged_open,
        coalesce(bool_or(r.status in ('resolved', 'declined') and r.closed_at < ${end}), false) as closed,
        ${itemOutcomeSql(asOf)} as outcome,
        coalesce(bool_or((r.first_action_at is null or r.first_action_at >= ${end}) and r.acknowledge_due_at < ${end}), false) as untouched_past_sla
      from routings r, bounds
      where r.item_id between bounds.lo and bounds.hi and r.status <> 'merged'
      group by r.item_id
    ), joined as (
      select i.*, pr.teams, pr.path, coalesce(pr.hops, 0) as hops, pr.any_action, pr.acknowledged_open, pr.closed,
        -- An item no team received never had anyone act on it.
        coalesce(pr.outcome, 'untouched') as outcome, coalesce(pr.untouched_past_sla, false) as untouched_past_sla,
        pr.teams is not null as routed
      from period_items i left join per_routing pr on pr.item_id = i.id
      where ${scope.team === undefined ? sql`true` : sql`pr.has_team`}
    )
    select j.*,
      j.routed and not j.any_action as no_action,
      j.hops >= 2 as passed_around,
      j.routed and j.acknowledged_open and not j.closed as ack_not_resolved
    from joined j`;
}

/**
 * The first moment at or after `asOf` at which an item state of the span's items would change with no write:
 * a first-response target falling due, or an answer recorded ahead of the clock (see core/digest/settled-days.ts).
 */
export async function itemStatesStableUntil(db: DbOrTx, span: Pick<Period, 'start' | 'end'>, scope: Scope, asOf: Date): Promise<number | null> {
  const community = scope.community === undefined ? sql`true` : sql`i.community_id = ${scope.community}`;
  const [row] = await db.execute<{ at: string | null }>(sql`
    select min(x) as at from feedback_items i
    join routings r on r.item_id = i.id
    cross join lateral (values (r.first_action_at), (r.closed_at), (r.resolved_at), (r.acknowledge_due_at)) v(x)
    where i.captured_at >= ${span.start.toISOString()} and i.captured_at < ${span.end.toISOString()} and i.merged_into_id is null and ${community}
      and x >= ${asOf.toISOString()}`);
  return row?.at ? new Date(row.at).getTime() : null;
}
