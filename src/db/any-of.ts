import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column = any($1::bigint[])`: one parameter however many IDs. The same test as `inArray`, for the lists of hundreds
 * of IDs a batch reads (the outbox draws 200 cards at once), where building one parameter per ID costs more CPU than
 * the query itself and every list length is another statement to plan.
 */
export function anyOf(column: AnyColumn, ids: readonly number[]): SQL {
  return sql`${column} = any(${sql.param([...ids])}::bigint[])`;
}
