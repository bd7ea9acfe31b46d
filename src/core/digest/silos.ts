import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Context } from '../context.js';
import { closedPeriodFigures } from './closed-period-cache.js';
import { itemStatesSql } from './item-states.js';
import type { Period } from './period.js';
import { routingInScope, type Scope } from './scope.js';

export interface SiloItem {
  itemId: number;
  text: string;
  community: string;
  permalink: string | null;
  capturedAt: Date;
  teams: string[];
  /** The teams in the order the item reached them (keys; build-digest gives names). */
  path: string[];
  hops: number;
  /** A team never answered it and its acknowledge target has passed (else it is still new, within its target). */
  pastAcknowledgeTarget: boolean;
}

export interface Silos {
  /** Routed to one or more teams, and none of them did anything. */
  noAction: SiloItem[];
  /** Handed from team to team at least twice. */
  passedAround: SiloItem[];
  /** Someone said "seen", and nobody resolved or declined it. */
  acknowledgedNotResolved: SiloItem[];
  counts: { noAction: number; passedAround: number; acknowledgedNotResolved: number; noActionPastTarget?: number };
}

const LIST_LIMIT = 200;

/**
 * Items captured in the period that fell between silos, as they stood at the end of the period. Lists are capped
 * (the counts are not) so that a digest stays readable; the oldest come first, because they waited longest.
 */
export async function findSilos(db: DbOrTx, period: Period, scope: Scope = {}): Promise<Silos> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    with states as (${itemStatesSql(period, scope)}),
    flagged as (select * from states where no_action or passed_around or ack_not_resolved),
    ranked as (
      select f.*,
        row_number() over (partition by f.no_action order by f.captured_at, f.id) as rank_no_action,
        row_number() over (partition by f.passed_around order by f.captured_at, f.id) as rank_passed,
        row_number() over (partition by f.ack_not_resolved order by f.captured_at, f.id) as rank_ack,
        count(*) filter (where f.no_action) over () as n_no_action,
        count(*) filter (where f.passed_around) over () as n_passed,
        count(*) filter (where f.ack_not_resolved) over () as n_ack,
        count(*) filter (where f.no_action and f.untouched_past_sla) over () as n_no_action_late
      from flagged f
    )
    select id, text, community_id, permalink, captured_at, teams, path, hops, untouched_past_sla, no_action, passed_around, ack_not_resolved, rank_no_action, rank_passed, rank_ack, n_no_action, n_passed, n_ack, n_no_action_late
    from ranked
    where (no_action and rank_no_action <= ${LIST_LIMIT}) or (passed_around and rank_passed <= ${LIST_LIMIT}) or (ack_not_resolved and rank_ack <= ${LIST_LIMIT})
    order by captured_at, id`);
  const toItem = (r: Record<string, unknown>): SiloItem => ({
    itemId: Number(r.id),
    text: String(r.text),
    community: String(r.community_id),
    permalink: (r.permalink as string | null) ?? null,
    capturedAt: new Date(r.captured_at as string),
    teams: r.teams as string[],
    path: (r.path as string[] | null) ?? (r.teams as string[]),
    hops: Number(r.hops),
    pastAcknowledgeTarget: Boolean(r.untouched_past_sla),
  });
  const first = rows[0];
  return {
    noAction: rows.filter((r) => r.no_action && Number(r.rank_no_action) <= LIST_LIMIT).map(toItem),
    passedAround: rows.filter((r) => r.passed_around && Number(r.rank_passed) <= LIST_LIMIT).map(toItem),
    acknowledgedNotResolved: rows.filter((r) => r.ack_not_resolved && Number(r.rank_ack) <= LIST_LIMIT).map(toItem),
    counts: { noAction: Number(first?.n_no_action ?? 0), passedAround: Number(first?.n_passed ?? 0), acknowledgedNotResolved: Number(first?.n_ack ?? 0), noActionPastTarget: Number(first?.n_no_action_late ?? 0) },
  };
}

/** `findSilos`, kept once the period is over (core/digest/closed-period-cache.ts). */
export async function periodSilos(ctx: Context, period: Period, scope: Scope = {}): Promise<Silos> {
  const silos = await closedPeriodFigures(ctx, { kind: 'silos', key: period.key, covers: period, scope }, (db) => findSilos(db, period, scope));
  const revive = (items: SiloItem[]) => items.map((i) => ({ ...i, capturedAt: new Date(i.capturedAt) }));
  return { noAction: revive(silos.noAction), passedAround: revive(silos.passedAround), acknowledgedNotResolved: revive(silos.acknowledgedNotResolved), counts: silos.counts };
}

/** Who handed items to whom in the period: the seams between teams. */
export async function handoffMatrix(db: DbOrTx, period: Pick<Period, 'start' | 'end'>, scope: Scope = {}): Promise<{ from: string; to: string; count: number }[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select a.team_id, a.to_team_id, count(*) as n from actions a
    where a.kind = 'pass_on' and a.created_at >= ${period.start.toISOString()} and a.created_at < ${period.end.toISOString()}
      and ${scope.team === undefined ? sql`true` : sql`(a.team_id = ${scope.team} or a.to_team_id = ${scope.team})`}
      and ${routingInScope({ community: scope.community }, 'a')}
    group by a.team_id, a.to_team_id order by n desc, a.team_id, a.to_team_id`);
  return rows.map((r) => ({ from: String(r.team_id), to: String(r.to_team_id), count: Number(r.n) }));
}

/** A missed SLA target (listed by `loadBreaches` in core/sla/list-breaches.ts). */
export interface Breach {
  itemId: number;
  routingId: number;
  team: string;
  target: 'acknowledge' | 'resolve';
  dueAt: Date;
  /** Business time on the team's calendar from the due time to the answer (or the end of the period). */
  lateByMs: number;
  text: string;
  permalink: string | null;
  /** The highest step of the breach ladder taken; `leadership` puts it at the top of the leadership digest. */
  ladder?: 'team' | 'oncall' | 'ambassador' | 'leadership';
}
