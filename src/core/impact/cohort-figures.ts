import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Context } from '../context.js';
import { closedPeriodFigures } from '../digest/closed-period-cache.js';
import { itemStatesSql, itemStatesStableUntil } from '../digest/item-states.js';
import type { Period } from '../digest/period.js';
import type { Scope } from '../digest/scope.js';
import { settledDayFigures } from '../digest/settled-days.js';

/** Counts of the period's items in one (ISO week, category, sentiment) cell; the Impact page adds cells up. */
export interface CohortCell {
  week: string;
  category: string;
  sentiment: string;
  items: number;
  resolved: number;
  declined: number;
  inProgress: number;
  untouched: number;
  noAction: number;
  passedAround: number;
  acknowledgedNotResolved: number;
  fellBetween: number;
  untouchedPastSla: number;
}

/**
 * The period's items by week (local ISO week), category and sentiment, with what became of them: one pass over the
 * same item states the digest's "fell between silos" uses, so its counts are the digest's.
 */
export async function cohortCells(db: DbOrTx, period: Pick<Period, 'start' | 'end' | 'timezone'>, scope: Scope, asOf: Date = period.end): Promise<CohortCell[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    with states as (${itemStatesSql(period, scope, asOf)})
    select to_char(captured_at at time zone ${period.timezone}, 'IYYY-"W"IW') as week, category, sentiment, count(*) as items,
      count(*) filter (where outcome = 'resolved') as resolved, count(*) filter (where outcome = 'declined') as declined,
      count(*) filter (where outcome = 'in_progress') as in_progress, count(*) filter (where outcome = 'untouched') as untouched,
      count(*) filter (where no_action) as no_action, count(*) filter (where passed_around) as passed_around,
      count(*) filter (where ack_not_resolved) as ack_not_resolved,
      count(*) filter (where no_action or passed_around or ack_not_resolved) as fell_between,
      count(*) filter (where untouched_past_sla) as untouched_past_sla
    from states group by 1, 2, 3 order by 1, 2, 3`);
  return rows.map((r) => ({
    week: String(r.week), category: String(r.category), sentiment: String(r.sentiment), items: Number(r.items),
    resolved: Number(r.resolved), declined: Number(r.declined), inProgress: Number(r.in_progress), untouched: Number(r.untouched),
    noAction: Number(r.no_action), passedAround: Number(r.passed_around), acknowledgedNotResolved: Number(r.ack_not_resolved),
    fellBetween: Number(r.fell_between), untouchedPastSla: Number(r.untouched_past_sla),
  }));
}

/**
 * `cohortCells`, kept once the period is over (core/digest/closed-period-cache.ts); while it runs, kept for each
 * day that is over (core/digest/settled-days.ts) and added up.
 */
export async function periodCohortCells(ctx: Context, period: Period, scope: Scope): Promise<CohortCell[]> {
  if (period.end <= ctx.clock.now()) return closedPeriodFigures(ctx, { kind: 'cohort_cells', key: period.key, covers: period, scope }, (db) => cohortCells(db, period, scope));
  const days = await settledDayFigures(ctx, { kind: 'cohort_cells', span: period, timezone: period.timezone, scope }, async (db, span, asOf, keeping) => {
    const [cells, stableUntil] = await Promise.all([cohortCells(db, { ...span, timezone: period.timezone }, scope, asOf), keeping ? itemStatesStableUntil(db, span, scope, asOf) : null]);
    return { value: cells, stableUntil };
  });
  return addCells(days.flat());
}

const NUMBERS = ['items', 'resolved', 'declined', 'inProgress', 'untouched', 'noAction', 'passedAround', 'acknowledgedNotResolved', 'fellBetween', 'untouchedPastSla'] as const;

/** Cells of the same week, category and sentiment from different days, as one (in the query's order). */
function addCells(cells: CohortCell[]): CohortCell[] {
  const byKey = new Map<string, CohortCell>();
  for (const cell of cells) {
    const key = [cell.week, cell.category, cell.sentiment].join('\u0000');
    const sum = byKey.get(key);
    if (!sum) byKey.set(key, { ...cell });
    else for (const n of NUMBERS) sum[n] += cell[n];
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cell]) => cell);
}
