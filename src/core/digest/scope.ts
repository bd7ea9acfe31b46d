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
