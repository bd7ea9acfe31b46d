import { sql, type SQL } from 'drizzle-orm';

/** Which part of the organisation figures are about: one team's routings, one community's items, or everything. */
export interface Scope {
  team?: string;
  community?: string;
}

/** Conditions on a routing (or action) row `alias` for the scope: its team, and its item's community. */
export function routingInScope(scope: Scope, alias: string, teamColumn = 'team_id', itemColumn = 'item_id'): SQL {
  const parts: SQL[] = [];
  if (scope.team !== undefined) parts.push(sql`${sql.raw(`${alias}.${teamColumn}`)} = ${scope.team}`);
  if (scope.community !== undefined) parts.push(sql`exists (select 1 from feedback_items si where si.id = ${sql.raw(`${alias}.${itemColumn}`)} and si.community_id = ${scope.community})`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/**
 * Routings `alias` received in a period (created_at in a range); the scope's conditions come on top. With no team,
 * every team is named anyway (every routing's team is in the teams table, see routings.team_id), so that the range
 * is read from routings_team_created once per team: there is no index on created_at alone since migration 0015,
 * which spared every capture an entry (PostgreSQL 18 would skip from team to team by itself; earlier versions not).
 */
export function receivedBetween(scope: Scope, alias: string, start: string, end: string): SQL {
  const created = sql.raw(`${alias}.created_at`);
  const teams = scope.team === undefined ? sql` and ${sql.raw(`${alias}.team_id`)} = any(array(select id from teams))` : sql``;
  return sql`${created} >= ${start} and ${created} < ${end}${teams}`;
}
