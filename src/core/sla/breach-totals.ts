import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from '../digest/period.js';
import { routingInScope, type Scope } from '../digest/scope.js';
import { EMPTY_METRICS, type TeamMetrics } from '../digest/team-metrics.js';
import { businessMsSql, teamCalendarsSql } from './business-time-sql.js';

/**
 * The business-time side of SLA attainment, aggregated inside PostgreSQL: per team, the targets due in the period
 * that were met late by the clock but with no working time in between (due Friday 17:00, answered Friday 18:30),
 * and the median business time late over the ones really missed. The same rules as `loadBreaches` (whose rows
 * the digest lists), without sending every missed target to Node: a quarter holds hundreds of thousands.
 */
export async function applyBreachTotals(db: DbOrTx, config: LiaisonConfig, metrics: Map<string, TeamMetrics>, period: Period, scope: Scope): Promise<void> {
  const teams = scope.team === undefined ? Object.keys(config.teams) : [scope.team];
  if (teams.length === 0) return;
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const inScope = routingInScope(scope, 'r');
  const late = businessMsSql(sql`b.due_at`, sql`least(coalesce(b.done_at, ${end}::timestamptz), ${end}::timestamptz)`);
  const rows = await db.execute<Record<string, unknown>>(sql`
    with b as (
      select r.team_id, 'acknowledge' as target, r.acknowledge_due_at as due_at, r.first_action_at as done_at from routings r
      where r.acknowledge_due_at >= ${start} and r.acknowledge_due_at < ${end} and ${inScope} and r.status <> 'merged'
        and (r.first_action_at is null or r.first_action_at > r.acknowledge_due_at)
      union all
      select r.team_id, 'resolve', r.resolve_due_at, coalesce(r.resolved_at, r.closed_at) from routings r
      where r.resolve_due_at >= ${start} and r.resolve_due_at < ${end} and ${inScope} and r.status not in ('passed_on', 'merged')
        and (coalesce(r.resolved_at, r.closed_at) is null or coalesce(r.resolved_at, r.closed_at) > r.resolve_due_at)
    ), late as (
      select b.team_id, b.target, ${late} as late_ms, (b.done_at is not null and b.done_at < ${end}) as done_in_period
      from b join ${teamCalendarsSql(config, teams, period.end)} using (team_id)
    )
    select team_id,
      count(*) filter (where target = 'acknowledge' and done_in_period and late_ms = 0) as ack_met,
      count(*) filter (where target = 'resolve' and done_in_period and late_ms = 0) as resolve_met,
      percentile_cont(0.5) within group (order by late_ms) filter (where not (done_in_period and late_ms = 0)) as median_late_ms
    from late group by team_id`);
  for (const row of rows) {
    const team = String(row.team_id);
    if (!metrics.has(team)) metrics.set(team, structuredClone(EMPTY_METRICS));
    const m = metrics.get(team) as TeamMetrics;
    const ackMet = Number(row.ack_met);
    const resolveMet = Number(row.resolve_met);
    m.attainment.acknowledgedInTime += ackMet;
    m.attainment.resolvedInTime += resolveMet;
    m.breaches = { acknowledge: m.breaches.acknowledge - ackMet, resolve: m.breaches.resolve - resolveMet };
    m.attainment.medianLatenessMs = row.median_late_ms === null ? null : Math.round(Number(row.median_late_ms));
  }
}
