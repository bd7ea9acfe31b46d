import { sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { itemOutcomeSql } from '../items/item-outcome.js';
import { businessDurations, epochArray, median } from '../sla/business-durations.js';
import { teamCalendar } from '../sla/sla-policy.js';

/** What became of items as they stand now (core/items/item-outcome.ts); `open` is in progress or untouched. */
export interface ItemCounts { raised: number; resolved: number; declined: number; open: number }

export interface TeamAnswers {
  team: string;
  name: string;
  /** Team assignments (routings) of these items; one item sent to two teams counts once for each. */
  routings: number; answered: number; resolved: number; declined: number; passedOn: number; open: number;
  /** Business time on the team's calendar, from the item reaching the team. */
  medianFirstActionMs: number | null; medianResolutionMs: number | null;
}

/** One community's side of a relationship over the last quarters: what it raised, who answered, how fast. */
export interface CommunityFigures {
  community: { id: string; name: string };
  totals: ItemCounts;
  quarters: ({ quarter: string } & ItemCounts)[];
  teams: TeamAnswers[];
}

export const DOSSIER_QUARTERS = 8;

/** The quarter keys (2026-Q4) from the oldest shown to the running one, and when the oldest starts. */
export function dossierQuarters(now: Date, timezone: string, count = DOSSIER_QUARTERS): { keys: string[]; since: Date } {
  const current = DateTime.fromJSDate(now, { zone: timezone }).startOf('quarter');
  const starts = Array.from({ length: count }, (_, i) => current.minus({ quarters: count - 1 - i }));
  return { keys: starts.map((s) => `${s.year}-Q${s.quarter}`), since: (starts[0] as DateTime).toJSDate() };
}

/**
 * Per community, per quarter and per team, for the items `itemCondition` selects (on `feedback_items i`) captured
 * since `since`. Three grouped queries; durations leave PostgreSQL as one epoch array per community and team.
 */
export async function relationshipFigures(db: DbOrTx, config: LiaisonConfig, itemCondition: SQL, quarters: { keys: string[]; since: Date }): Promise<CommunityFigures[]> {
  const tz = config.timezone;
  const items = sql`select i.id, i.community_id, i.captured_at from feedback_items i where ${itemCondition} and i.merged_into_id is null and i.captured_at >= ${quarters.since.toISOString()}`;
  const states = await db.execute<Record<string, unknown>>(sql`
    with items as (${items}), per_item as (
      select i.id, i.community_id, to_char(i.captured_at at time zone ${tz}, 'YYYY-"Q"Q') as quarter, ${itemOutcomeSql()} as outcome
      from items i left join routings r on r.item_id = i.id and r.status <> 'merged'
      group by i.id, i.community_id, i.captured_at
    )
    select community_id, quarter, count(*)::int as raised,
      count(*) filter (where outcome = 'resolved')::int as resolved,
      count(*) filter (where outcome = 'declined')::int as declined,
      count(*) filter (where outcome in ('in_progress', 'untouched'))::int as open
    from per_item group by community_id, quarter`);
  const teams = await db.execute<Record<string, unknown>>(sql`
    with items as (${items})
    select i.community_id, r.team_id, count(*)::int as routings,
      count(*) filter (where r.first_action_at is not null)::int as answered,
      count(*) filter (where r.status = 'resolved')::int as resolved,
      count(*) filter (where r.status = 'declined')::int as declined,
      count(*) filter (where r.status = 'passed_on')::int as passed_on,
      count(*) filter (where r.status in ('open', 'acknowledged', 'owned'))::int as open,
      ${sql.raw(epochArray('r.created_at', 'r.first_action_at is not null'))} as first_from,
      ${sql.raw(epochArray('r.first_action_at', 'r.first_action_at is not null'))} as first_to,
      ${sql.raw(epochArray('r.created_at', 'r.resolved_at is not null'))} as resolution_from,
      ${sql.raw(epochArray('r.resolved_at', 'r.resolved_at is not null'))} as resolution_to
    from items i join routings r on r.item_id = i.id and r.status <> 'merged'
    group by i.community_id, r.team_id order by r.team_id`);
  const communities = [...new Set(states.map((r) => String(r.community_id)))].sort();
  const counts = (rows: Record<string, unknown>[]): ItemCounts => ({
    raised: rows.reduce((n, r) => n + Number(r.raised), 0),
    resolved: rows.reduce((n, r) => n + Number(r.resolved), 0),
    declined: rows.reduce((n, r) => n + Number(r.declined), 0),
    open: rows.reduce((n, r) => n + Number(r.open), 0),
  });
  return communities.map((id) => {
    const mine = states.filter((r) => String(r.community_id) === id);
    return {
      community: { id, name: config.communities[id]?.name ?? id },
      totals: counts(mine),
      quarters: quarters.keys.map((quarter) => ({ quarter, ...counts(mine.filter((r) => r.quarter === quarter)) })),
      teams: teams.filter((r) => String(r.community_id) === id).map((r) => teamAnswers(config, r)),
    };
  });
}

function teamAnswers(config: LiaisonConfig, r: Record<string, unknown>): TeamAnswers {
  const team = String(r.team_id);
  const calendar = teamCalendar(config, team);
  return {
    team,
    name: config.teams[team]?.name ?? team,
    routings: Number(r.routings), answered: Number(r.answered), resolved: Number(r.resolved), declined: Number(r.declined), passedOn: Number(r.passed_on), open: Number(r.open),
    medianFirstActionMs: median(businessDurations(calendar, r.first_from as number[] | null, r.first_to as number[] | null)),
    medianResolutionMs: median(businessDurations(calendar, r.resolution_from as number[] | null, r.resolution_to as number[] | null)),
  };
}

/** Items of the selection with a team still holding them (open, acknowledged or taken), oldest first. */
export async function openItemIds(db: DbOrTx, itemCondition: SQL, limit: number): Promise<{ total: number; ids: number[] }> {
  const open = sql`select i.id, i.captured_at from feedback_items i where ${itemCondition} and i.merged_into_id is null
    and exists (select 1 from routings r where r.item_id = i.id and r.status in ('open', 'acknowledged', 'owned'))`;
  const [count] = await db.execute<{ n: number }>(sql`select count(*)::int as n from (${open}) o`);
  const rows = await db.execute<{ id: number }>(sql`select id from (${open}) o order by captured_at, id limit ${limit}`);
  return { total: Number(count?.n ?? 0), ids: rows.map((r) => Number(r.id)) };
}
