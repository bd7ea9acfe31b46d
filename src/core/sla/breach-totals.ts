import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from '../digest/period.js';
import { routingInScope, type Scope } from '../digest/scope.js';
import { EMPTY_METRICS, type TeamMetrics } from '../digest/team-metrics.js';
import { businessDurations, epochArray, median } from './business-durations.js';
import { teamCalendar } from './sla-policy.js';

/**
 * The business-time side of SLA attainment: per team, the targets due in the period
 * that were met late by the clock but with no working time in between (due Friday 17:00, answered Friday 18:30),
 * and the median business time late over the ones really missed. The same rules as `loadBreaches` (whose rows
 * the digest lists), from one array of due and answer times per team rather than a row per missed target: a
 * quarter holds hundreds of thousands.
 */
export async function applyBreachTotals(db: DbOrTx, config: LiaisonConfig, metrics: Map<string, TeamMetrics>, period: Period, scope: Scope): Promise<void> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const inScope = routingInScope(scope, 'r');
  const rows = await db.execute<Record<string, unknown>>(sql`
    select team_id, 'acknowledge' as target, ${sql.raw(epochArray('acknowledge_due_at', 'true'))} as due, ${sql.raw(epochArray('first_action_at', 'true'))} as done from routings r
    where r.acknowledge_due_at >= ${start} and r.acknowledge_due_at < ${end} and ${inScope} and r.status <> 'merged'
      and (r.first_action_at is null or r.first_action_at > r.acknowledge_due_at)
    group by team_id
    union all
    select team_id, 'resolve', ${sql.raw(epochArray('resolve_due_at', 'true'))}, ${sql.raw(epochArray('coalesce(resolved_at, closed_at)', 'true'))} from routings r
    where r.resolve_due_at >= ${start} and r.resolve_due_at < ${end} and ${inScope} and r.status not in ('passed_on', 'merged')
      and (coalesce(r.resolved_at, r.closed_at) is null or coalesce(r.resolved_at, r.closed_at) > r.resolve_due_at)
    group by team_id`);
  const endMs = period.end.getTime();
  const late = new Map<string, number[]>();
  for (const row of rows) {
    const team = String(row.team_id);
    if (!metrics.has(team)) metrics.set(team, structuredClone(EMPTY_METRICS));
    const m = metrics.get(team) as TeamMetrics;
    const due = row.due as number[];
    const done = row.done as number[];
    // Up to the answer, or the end of the period for a target still open then.
    const until = done.map((d) => (d >= 0 && d < endMs ? d : endMs));
    const lateness = businessDurations(teamCalendar(config, team), due, until);
    const met = lateness.filter((ms, i) => ms === 0 && (done[i] as number) >= 0 && (done[i] as number) < endMs).length;
    if (row.target === 'acknowledge') m.attainment.acknowledgedInTime += met;
    else m.attainment.resolvedInTime += met;
    m.breaches = row.target === 'acknowledge' ? { ...m.breaches, acknowledge: m.breaches.acknowledge - met } : { ...m.breaches, resolve: m.breaches.resolve - met };
    late.set(team, [...(late.get(team) ?? []), ...lateness.filter((ms, i) => !(ms === 0 && (done[i] as number) >= 0 && (done[i] as number) < endMs))]);
  }
  for (const [team, values] of late) (metrics.get(team) as TeamMetrics).attainment.medianLatenessMs = median(values);
}
