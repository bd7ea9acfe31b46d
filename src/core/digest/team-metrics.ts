import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { businessDurations, epochArray, median } from '../sla/business-durations.js';
import { teamCalendar } from '../sla/sla-policy.js';
import type { Period } from './period.js';
import { routingInScope, type Scope } from './scope.js';

export interface TeamMetrics {
  received: number;
  acknowledged: number;
  resolved: number;
  declined: number;
  passedOn: number;
  /** Routings whose reminders someone paused in the period (always set here; optional for payloads from before). */
  snoozed?: number;
  /** Median business time (on the team's calendar) from routing to the team's first response, for responses made in the period. */
  medianFirstActionMs: number | null;
  /** Median business time from routing to resolution, for resolutions in the period. */
  medianResolutionMs: number | null;
  /** How many first responses and resolutions the medians are taken over (optional for payloads from before). */
  firstActions?: number;
  resolutions?: number;
  breaches: { acknowledge: number; resolve: number };
  /** SLA attainment among routings whose target fell due in the period; lateness in business time (see core/sla/breach-totals.ts). */
  attainment: { acknowledgeDue: number; acknowledgedInTime: number; resolveDue: number; resolvedInTime: number; medianLatenessMs: number | null };
}

export const EMPTY_METRICS: TeamMetrics = {
  received: 0, acknowledged: 0, resolved: 0, declined: 0, passedOn: 0, snoozed: 0, medianFirstActionMs: null, medianResolutionMs: null, firstActions: 0, resolutions: 0,
  breaches: { acknowledge: 0, resolve: 0 }, attainment: { acknowledgeDue: 0, acknowledgedInTime: 0, resolveDue: 0, resolvedInTime: 0, medianLatenessMs: null },
};

type Row = Record<string, string | number | null>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

/**
 * Per-team figures for a period, from three aggregate queries over indexed time ranges. Actions that were later
 * undone do not count: an acknowledge taken back is not an acknowledgement. Durations are business time on each
 * team's calendar (core/sla/business-durations.ts).
 */
export async function teamMetrics(db: DbOrTx, config: LiaisonConfig, period: Period, scope: Scope = {}): Promise<Map<string, TeamMetrics>> {
  const { start, end } = { start: period.start.toISOString(), end: period.end.toISOString() };
  const inScope = routingInScope(scope, 'r');
  const received = await db.execute<Row>(sql`
    select r.team_id, count(*) as received from routings r
    where r.created_at >= ${start} and r.created_at < ${end} and ${inScope} group by r.team_id`);
  const acted = await db.execute<Row>(sql`
    select a.team_id,
      count(distinct a.routing_id) filter (where a.kind in ('acknowledge', 'own')) as acknowledged,
      count(distinct a.routing_id) filter (where a.kind = 'resolve') as resolved,
      count(distinct a.routing_id) filter (where a.kind = 'decline') as declined,
      count(distinct a.routing_id) filter (where a.kind = 'pass_on') as passed_on,
      count(distinct a.routing_id) filter (where a.kind = 'snooze') as snoozed
    from actions a
    where a.created_at >= ${start} and a.created_at < ${end} and a.kind in ('acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'snooze')
      and ${routingInScope(scope, 'a')}
      and not exists (select 1 from actions u where u.undoes_id = a.id and u.created_at < ${end})
    group by a.team_id`);
  const timing = await db.execute<Row>(sql`
    with r as (select * from routings r where ${inScope} and (
      (r.first_action_at >= ${start} and r.first_action_at < ${end}) or (r.resolved_at >= ${start} and r.resolved_at < ${end})
      or (r.acknowledge_due_at >= ${start} and r.acknowledge_due_at < ${end}) or (r.resolve_due_at >= ${start} and r.resolve_due_at < ${end})))
    select team_id,
      ${sql.raw(epochArray('created_at', `first_action_at >= '${start}' and first_action_at < '${end}'`))} as first_from,
      ${sql.raw(epochArray('first_action_at', `first_action_at >= '${start}' and first_action_at < '${end}'`))} as first_to,
      ${sql.raw(epochArray('created_at', `resolved_at >= '${start}' and resolved_at < '${end}'`))} as resolution_from,
      ${sql.raw(epochArray('resolved_at', `resolved_at >= '${start}' and resolved_at < '${end}'`))} as resolution_to,
      count(*) filter (where first_action_at >= ${start} and first_action_at < ${end}) as first_actions,
      count(*) filter (where resolved_at >= ${start} and resolved_at < ${end}) as resolutions,
      count(*) filter (where acknowledge_due_at >= ${start} and acknowledge_due_at < ${end} and status <> 'merged') as ack_due,
      count(*) filter (where acknowledge_due_at >= ${start} and acknowledge_due_at < ${end} and status <> 'merged' and first_action_at <= acknowledge_due_at) as ack_in_time,
      count(*) filter (where resolve_due_at >= ${start} and resolve_due_at < ${end} and status not in ('passed_on', 'merged')) as resolve_due,
      count(*) filter (where resolve_due_at >= ${start} and resolve_due_at < ${end} and status not in ('passed_on', 'merged') and coalesce(resolved_at, closed_at) <= resolve_due_at) as resolve_in_time
    from r group by team_id`);
  for (const row of timing) {
    const calendar = teamCalendar(config, String(row.team_id));
    row.median_first_action_ms = median(businessDurations(calendar, row.first_from as unknown as number[], row.first_to as unknown as number[]));
    row.median_resolution_ms = median(businessDurations(calendar, row.resolution_from as unknown as number[], row.resolution_to as unknown as number[]));
  }
  return collect(received, acted, timing);
}

function collect(received: Row[], acted: Row[], timing: Row[]): Map<string, TeamMetrics> {
  const out = new Map<string, TeamMetrics>();
  const get = (id: unknown) => {
    const key = String(id);
    if (!out.has(key)) out.set(key, structuredClone(EMPTY_METRICS));
    return out.get(key) as TeamMetrics;
  };
  for (const row of received) get(row.team_id).received = num(row.received);
  for (const row of acted) Object.assign(get(row.team_id), { acknowledged: num(row.acknowledged), resolved: num(row.resolved), declined: num(row.declined), passedOn: num(row.passed_on), snoozed: num(row.snoozed) });
  for (const row of timing) {
    const m = get(row.team_id);
    m.medianFirstActionMs = ms(row.median_first_action_ms);
    m.medianResolutionMs = ms(row.median_resolution_ms);
    m.firstActions = num(row.first_actions);
    m.resolutions = num(row.resolutions);
    m.attainment = { acknowledgeDue: num(row.ack_due), acknowledgedInTime: num(row.ack_in_time), resolveDue: num(row.resolve_due), resolvedInTime: num(row.resolve_in_time), medianLatenessMs: null };
    m.breaches = { acknowledge: m.attainment.acknowledgeDue - m.attainment.acknowledgedInTime, resolve: m.attainment.resolveDue - m.attainment.resolvedInTime };
  }
  return out;
}
