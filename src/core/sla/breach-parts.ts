import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { routingInScope, type Scope } from '../digest/scope.js';
import { businessDurations, businessDurationsUntil, epochArray } from './business-durations.js';
import { teamCalendar } from './sla-policy.js';

/**
 * The business-time side of one team's SLA attainment over a span, as it stands at a moment: targets met late by
 * the clock but with no working time in between (due Friday 17:00, answered Friday 18:30) count as met; the
 * business time late of those really missed is kept for the median; targets still unanswered are kept as due
 * times, since how late they are depends on the end of the period they are read for.
 */
export interface BreachParts {
  acknowledgeMet: number;
  resolveMet: number;
  /** Business time late, for targets answered late before the moment. */
  lateMs: number[];
  /** Due times (epoch ms) of targets still unanswered at the moment: late up to the end of the period. */
  openDue: number[];
}

export const EMPTY_BREACH_PARTS: BreachParts = { acknowledgeMet: 0, resolveMet: 0, lateMs: [], openDue: [] };

/**
 * The same rules as `loadBreaches` (whose rows the digest lists), from one array of due and answer times per team
 * rather than a row per missed target: a quarter holds hundreds of thousands.
 */
export async function breachParts(db: DbOrTx, config: LiaisonConfig, span: { start: Date; end: Date }, scope: Scope, asOf: Date): Promise<{ teams: Record<string, BreachParts>; stableUntil: number | null }> {
  const start = span.start.toISOString();
  const end = span.end.toISOString();
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
  const at = asOf.getTime();
  const teams: Record<string, BreachParts> = {};
  let stableUntil: number | null = null;
  for (const row of rows) {
    const parts = (teams[String(row.team_id)] ??= structuredClone(EMPTY_BREACH_PARTS));
    const due = row.due as number[];
    const done = row.done as number[];
    const answered = done.map((d) => d >= 0 && d < at);
    for (const d of done) if (d >= at && (stableUntil === null || d < stableUntil)) stableUntil = d;
    const lateness = businessDurations(teamCalendar(config, String(row.team_id)), due.filter((_, i) => answered[i]), done.filter((_, i) => answered[i]));
    const met = lateness.filter((ms) => ms === 0).length;
    if (row.target === 'acknowledge') parts.acknowledgeMet += met;
    else parts.resolveMet += met;
    parts.lateMs.push(...lateness.filter((ms) => ms !== 0));
    parts.openDue.push(...due.filter((_, i) => !answered[i]));
  }
  return { teams, stableUntil };
}

/**
 * The business time late of every target missed by `endMs` over all the parts (those still open then measured up
 * to it), in one array.
 */
export function lateness(config: LiaisonConfig, team: string, all: BreachParts[], endMs: number): Float64Array {
  const calendar = teamCalendar(config, team);
  const open = all.map((p) => businessDurationsUntil(calendar, p.openDue, endMs));
  return concatenated([...all.map((p) => p.lateMs), ...open]);
}

/** Many arrays of numbers as one typed array, without the intermediate arrays a spread would make. */
export function concatenated(lists: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const list of lists) {
    out.set(list, at);
    at += list.length;
  }
  return out;
}
