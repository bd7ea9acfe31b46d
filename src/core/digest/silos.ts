import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from './period.js';

export interface SiloItem {
  itemId: number;
  text: string;
  community: string;
  permalink: string | null;
  capturedAt: Date;
  teams: string[];
  hops: number;
}

export interface Silos {
  /** Routed to one or more teams, and none of them did anything. */
  noAction: SiloItem[];
  /** Handed from team to team at least twice. */
  passedAround: SiloItem[];
  /** Someone said "seen", and nobody resolved or declined it. */
  acknowledgedNotResolved: SiloItem[];
  counts: { noAction: number; passedAround: number; acknowledgedNotResolved: number };
}

const LIST_LIMIT = 200;

/**
 * Items captured in the period that fell between silos, as they stood at the end of the period. Lists are capped
 * (the counts are not) so that a digest stays readable; the oldest come first, because they waited longest.
 */
export async function findSilos(db: DbOrTx, period: Period, team?: string): Promise<Silos> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const rows = await db.execute<Record<string, unknown>>(sql`
    with per_item as (
      -- One index probe per item of the period (a lateral aggregate), whatever the planner thinks of the rest.
      select i.id as item_id, i.text, i.community_id, i.permalink, i.captured_at, agg.*
      from feedback_items i
      cross join lateral (
        select array_agg(distinct r.team_id order by r.team_id) as teams,
          max(r.hops) as hops,
          bool_or(r.team_id = ${team ?? ''}) as has_team,
          -- coalesce: a routing nobody touched has null times, and null must read as "no".
          coalesce(bool_or(r.first_action_at < ${end}), false) as any_action,
          coalesce(bool_or(r.first_action_at < ${end} and r.status in ('acknowledged', 'owned')), false) as acknowledged_open,
          coalesce(bool_or(r.status in ('resolved', 'declined') and r.closed_at < ${end}), false) as closed
        from routings r where r.item_id = i.id and r.status <> 'merged'
      ) agg
      where i.captured_at >= ${start} and i.captured_at < ${end} and i.merged_into_id is null and agg.teams is not null
        and ${team === undefined ? sql`true` : sql`agg.has_team`}
    ), flagged as (
      select *, not any_action as no_action, hops >= 2 as passed_around, (acknowledged_open and not closed) as ack_not_resolved
      from per_item
    ), ranked as (
      select f.*,
        row_number() over (partition by f.no_action order by f.captured_at) as rank_no_action,
        row_number() over (partition by f.passed_around order by f.captured_at) as rank_passed,
        row_number() over (partition by f.ack_not_resolved order by f.captured_at) as rank_ack,
        count(*) filter (where f.no_action) over () as n_no_action,
        count(*) filter (where f.passed_around) over () as n_passed,
        count(*) filter (where f.ack_not_resolved) over () as n_ack
      from flagged f
      where f.no_action or f.passed_around or f.ack_not_resolved
    )
    select * from ranked
    where (no_action and rank_no_action <= ${LIST_LIMIT}) or (passed_around and rank_passed <= ${LIST_LIMIT}) or (ack_not_resolved and rank_ack <= ${LIST_LIMIT})
    order by captured_at`);
  const toItem = (r: Record<string, unknown>): SiloItem => ({
    itemId: Number(r.item_id),
    text: String(r.text),
    community: String(r.community_id),
    permalink: (r.permalink as string | null) ?? null,
    capturedAt: new Date(r.captured_at as string),
    teams: r.teams as string[],
    hops: Number(r.hops),
  });
  const first = rows[0];
  return {
    noAction: rows.filter((r) => r.no_action && Number(r.rank_no_action) <= LIST_LIMIT).map(toItem),
    passedAround: rows.filter((r) => r.passed_around && Number(r.rank_passed) <= LIST_LIMIT).map(toItem),
    acknowledgedNotResolved: rows.filter((r) => r.ack_not_resolved && Number(r.rank_ack) <= LIST_LIMIT).map(toItem),
    counts: { noAction: Number(first?.n_no_action ?? 0), passedAround: Number(first?.n_passed ?? 0), acknowledgedNotResolved: Number(first?.n_ack ?? 0) },
  };
}

/** Who handed items to whom in the period: the seams between teams. */
export async function handoffMatrix(db: DbOrTx, period: Period, team?: string): Promise<{ from: string; to: string; count: number }[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select a.team_id, a.to_team_id, count(*) as n from actions a
    where a.kind = 'pass_on' and a.created_at >= ${period.start.toISOString()} and a.created_at < ${period.end.toISOString()}
      and ${team === undefined ? sql`true` : sql`(a.team_id = ${team} or a.to_team_id = ${team})`}
    group by a.team_id, a.to_team_id order by n desc, a.team_id, a.to_team_id`);
  return rows.map((r) => ({ from: String(r.team_id), to: String(r.to_team_id), count: Number(r.n) }));
}

export interface Breach {
  itemId: number;
  routingId: number;
  team: string;
  target: 'acknowledge' | 'resolve';
  dueAt: Date;
  lateByMs: number;
  text: string;
  permalink: string | null;
}

/** SLA targets that fell due in the period and were missed, latest first by lateness. */
export async function listBreaches(db: DbOrTx, period: Period, team?: string, limit = 50): Promise<Breach[]> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const rows = await db.execute<Record<string, unknown>>(sql`
    select * from (
      select r.id, r.item_id, r.team_id, 'acknowledge' as target, r.acknowledge_due_at as due_at,
        extract(epoch from least(coalesce(r.first_action_at, ${end}::timestamptz), ${end}::timestamptz) - r.acknowledge_due_at) * 1000 as late_ms
      from routings r where r.acknowledge_due_at >= ${start} and r.acknowledge_due_at < ${end}
        and (r.first_action_at is null or r.first_action_at > r.acknowledge_due_at)
      union all
      select r.id, r.item_id, r.team_id, 'resolve', r.resolve_due_at,
        extract(epoch from least(coalesce(r.resolved_at, r.closed_at, ${end}::timestamptz), ${end}::timestamptz) - r.resolve_due_at) * 1000
      from routings r where r.resolve_due_at >= ${start} and r.resolve_due_at < ${end} and r.status not in ('passed_on', 'merged')
        and (coalesce(r.resolved_at, r.closed_at) is null or coalesce(r.resolved_at, r.closed_at) > r.resolve_due_at)
    ) b join feedback_items i on i.id = b.item_id
    where ${team === undefined ? sql`true` : sql`b.team_id = ${team}`}
    order by b.late_ms desc limit ${limit}`);
  return rows.map((r) => ({ itemId: Number(r.item_id), routingId: Number(r.id), team: String(r.team_id), target: r.target as Breach['target'], dueAt: new Date(r.due_at as string), lateByMs: Math.round(Number(r.late_ms)), text: String(r.text), permalink: (r.permalink as string | null) ?? null }));
}
