import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { breachParts, EMPTY_BREACH_PARTS, type BreachParts } from '../sla/breach-parts.js';
import { businessDurations, epochArray } from '../sla/business-durations.js';
import { teamCalendar } from '../sla/sla-policy.js';
import { receivedBetween, routingInScope, type Scope } from './scope.js';

/** A span of time whose events are counted (half-open), and the moment they are judged at (`asOf` ≥ `end`). */
export interface Span {
  start: Date;
  end: Date;
}

export const ACTED = ['acknowledged', 'resolved', 'declined', 'passedOn', 'snoozed'] as const;
export type Acted = (typeof ACTED)[number];

/**
 * One team's raw figures over one span, in a form that adds up across spans: counts sum, routing IDs unite (a
 * routing acknowledged on Monday and taken on Tuesday is acknowledged once), business durations concatenate (a
 * median is taken over all of them), and the targets still open are kept as due times, to be measured up to the
 * end of whatever period they are read for.
 */
export interface TeamParts {
  received: number;
  /** Distinct routings acted on in the span, by what was done, sorted. */
  acted: Record<Acted, number[]>;
  /** Business time from routing to first response, for responses in the span; likewise to resolution. */
  firstActionMs: number[];
  resolutionMs: number[];
  /** Targets due in the span, and met by the clock. */
  due: { acknowledge: number; acknowledgedInTime: number; resolve: number; resolvedInTime: number };
  breach: BreachParts;
}

export interface SpanParts {
  teams: Record<string, TeamParts>;
  /**
   * The first moment at or after `asOf` at which one of the times these figures compare with "the end" falls
   * (an undo, a due time, an answer recorded ahead of the clock): up to then the same rows give the same parts.
   * Null when there is none.
   */
  stableUntil: number | null;
}

const KINDS: Record<string, Acted> = { acknowledge: 'acknowledged', own: 'acknowledged', resolve: 'resolved', decline: 'declined', pass_on: 'passedOn', snooze: 'snoozed' };

export function emptyTeamParts(): TeamParts {
  return {
    received: 0,
    acted: { acknowledged: [], resolved: [], declined: [], passedOn: [], snoozed: [] },
    firstActionMs: [],
    resolutionMs: [],
    due: { acknowledge: 0, acknowledgedInTime: 0, resolve: 0, resolvedInTime: 0 },
    breach: structuredClone(EMPTY_BREACH_PARTS),
  };
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The parts of a span's per-team figures as they stand at `asOf`: routings received, what teams did (actions
 * later undone before `asOf` do not count: an acknowledge taken back is not an acknowledgement), speed in business
 * time on each team's calendar, and SLA attainment (core/sla/breach-parts.ts). Four aggregate queries over indexed
 * time ranges.
 */
export async function teamMetricParts(db: DbOrTx, config: LiaisonConfig, span: Span, scope: Scope, asOf: Date, options: { stability: boolean } = { stability: true }): Promise<SpanParts> {
  const start = span.start.toISOString();
  const end = span.end.toISOString();
  const judged = asOf.toISOString();
  const inScope = routingInScope(scope, 'r');
  const [received, acted, undone, timing, breaches] = await Promise.all([
    db.execute<Row>(sql`
      select r.team_id, count(*) as received from routings r
      where ${receivedBetween(scope, 'r', start, end)} and ${inScope} group by r.team_id`),
    db.execute<Row>(sql`
      select a.team_id, a.kind, array_agg(distinct a.routing_id) as ids from actions a
      where a.created_at >= ${start} and a.created_at < ${end} and a.kind in ('acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'snooze') and a.routing_id is not null
        and ${routingInScope(scope, 'a')}
        and not exists (select 1 from actions u where u.undoes_id = a.id and u.created_at < ${judged})
      group by a.team_id, a.kind`),
    // An undo recorded at or after `asOf` does not count yet, and will from its own time on.
    !options.stability ? Promise.resolve([] as Row[]) : db.execute<Row>(sql`
      select min(u.created_at) as at from actions u join actions a on a.id = u.undoes_id
      where u.undoes_id is not null and u.created_at >= ${judged} and a.created_at >= ${start} and a.created_at < ${end}`),
    db.execute<Row>(sql`
      with r as (select * from routings r where ${inScope} and (
        (r.first_action_at >= ${start} and r.first_action_at < ${end}) or (r.resolved_at >= ${start} and r.resolved_at < ${end})
        or (r.acknowledge_due_at >= ${start} and r.acknowledge_due_at < ${end}) or (r.resolve_due_at >= ${start} and r.resolve_due_at < ${end})))
      select team_id,
        ${sql.raw(epochArray('created_at', `first_action_at >= '${start}' and first_action_at < '${end}'`))} as first_from,
        ${sql.raw(epochArray('first_action_at', `first_action_at >= '${start}' and first_action_at < '${end}'`))} as first_to,
        ${sql.raw(epochArray('created_at', `resolved_at >= '${start}' and resolved_at < '${end}'`))} as resolution_from,
        ${sql.raw(epochArray('resolved_at', `resolved_at >= '${start}' and resolved_at < '${end}'`))} as resolution_to,
        count(*) filter (where acknowledge_due_at >= ${start} and acknowledge_due_at < ${end} and status <> 'merged') as ack_due,
        count(*) filter (where acknowledge_due_at >= ${start} and acknowledge_due_at < ${end} and status <> 'merged' and first_action_at <= acknowledge_due_at) as ack_in_time,
        count(*) filter (where resolve_due_at >= ${start} and resolve_due_at < ${end} and status not in ('passed_on', 'merged')) as resolve_due,
        count(*) filter (where resolve_due_at >= ${start} and resolve_due_at < ${end} and status not in ('passed_on', 'merged') and coalesce(resolved_at, closed_at) <= resolve_due_at) as resolve_in_time
      from r group by team_id`),
    breachParts(db, config, span, scope, asOf),
  ]);
  const teams: Record<string, TeamParts> = {};
  const get = (id: unknown) => (teams[String(id)] ??= emptyTeamParts());
  for (const row of received) get(row.team_id).received = num(row.received);
  for (const row of acted) {
    const ids = (row.ids as (number | string)[]).map(Number);
    const into = get(row.team_id).acted[KINDS[String(row.kind)] as Acted];
    into.push(...ids);
  }
  for (const parts of Object.values(teams)) for (const kind of ACTED) parts.acted[kind] = [...new Set(parts.acted[kind])].sort((a, b) => a - b);
  for (const row of timing) {
    const calendar = teamCalendar(config, String(row.team_id));
    const parts = get(row.team_id);
    parts.firstActionMs = businessDurations(calendar, row.first_from as number[] | null, row.first_to as number[] | null);
    parts.resolutionMs = businessDurations(calendar, row.resolution_from as number[] | null, row.resolution_to as number[] | null);
    parts.due = { acknowledge: num(row.ack_due), acknowledgedInTime: num(row.ack_in_time), resolve: num(row.resolve_due), resolvedInTime: num(row.resolve_in_time) };
  }
  for (const [team, parts] of Object.entries(breaches.teams)) get(team).breach = parts;
  const undoneAt = undone[0]?.at ? new Date(undone[0].at as string).getTime() : null;
  return { teams, stableUntil: earliest(undoneAt, breaches.stableUntil) };
}

/** The earlier of two moments, either possibly absent. */
export function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
