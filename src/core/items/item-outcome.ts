import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/** What became of an item across all the teams it reached: each item has exactly one. */
export const OUTCOMES = ['resolved', 'declined', 'in_progress', 'untouched'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The one rule for an item's outcome, behind the digest, the Impact page, histories and dossiers, so that none of
 * them can count an item differently: resolved if some team resolved it; declined if every team that kept it (did
 * not pass it on) declined it; untouched if no team did anything; in progress otherwise (an item waiting for one
 * team that another declined is in progress, not declined).
 *
 * An aggregate over the item's routings as `r`, merged routings left out by the caller; a routing-less row of a left
 * join reads as untouched. With `asOf`, as the item stood at that moment (the end of a digest's period), else now.
 */
export function itemOutcomeSql(asOf?: Date): SQL {
  // Statuses are as they stand now; as of a past moment, a status counts only if it was reached before then.
  const before = (column: 'resolved_at' | 'closed_at' | 'first_action_at') => (asOf ? sql`${sql.raw(`r.${column}`)} < ${asOf.toISOString()}` : sql`true`);
  const acted = asOf ? before('first_action_at') : sql`r.first_action_at is not null`;
  return sql`case
    when coalesce(bool_or(r.status = 'resolved' and ${before('resolved_at')}), false) then 'resolved'
    when coalesce(bool_and(r.status = 'declined' and ${before('closed_at')}) filter (where r.status <> 'passed_on'), false) then 'declined'
    when coalesce(bool_or(${acted}), false) then 'in_progress'
    else 'untouched' end`;
}

export type OutcomeCounts = Record<Outcome, number>;

/** Items and their outcomes as they stand now, each item once, for the items `itemCondition` selects (on `feedback_items i`). */
export async function countOutcomes(db: DbOrTx, itemCondition: SQL): Promise<{ items: number; byOutcome: OutcomeCounts }> {
  const rows = await db.execute<{ outcome: Outcome; n: number }>(sql`
    select outcome, count(*)::int as n from (
      select i.id, ${itemOutcomeSql()} as outcome
      from feedback_items i left join routings r on r.item_id = i.id and r.status <> 'merged'
      where ${itemCondition} and i.merged_into_id is null
      group by i.id
    ) per_item group by outcome`);
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  for (const row of rows) byOutcome[row.outcome] = Number(row.n);
  return { items: OUTCOMES.reduce((n, o) => n + byOutcome[o], 0), byOutcome };
}
