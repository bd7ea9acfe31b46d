import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../context.js';
import { asOfPeriod, periodHandoffs } from '../digest/period-figures.js';
import { previousPeriod } from '../digest/period.js';
import { parseInput } from '../parse-input.js';
import { periodCohortCells } from './cohort-figures.js';
import { filterOf, itemsFigure, type Figure, type ItemFilter, type SiloKind } from './item-filter.js';
import { resolveImpactScope, type ReportFrame } from './impact-scope.js';
import { listFilteredItems, type ListedItem } from './list-filtered-items.js';

export const SilosInput = z.object({ period: z.string().optional(), team: z.string().optional(), community: z.string().optional() });
export type SilosInput = z.input<typeof SilosInput>;

/** One hand-off in the ledger: who passed the item to whom, when. */
export interface Hop { from: string; to: string; at: Date }

export interface SiloList {
  total: Figure;
  /** The oldest first, up to LISTED; `total.filter` lists them all. */
  items: (ListedItem & { path?: string[]; hops?: Hop[] })[];
}

export interface SilosReport extends ReportFrame {
  /** Hand-offs in the period, from team → to team; `teams` orders the matrix's rows and columns. */
  handoffs: { teams: { id: string; name: string }[]; cells: { from: string; to: string; count: number; filter: ItemFilter }[]; total: number };
  /** Items of the period, and how many fell between silos then and in the period before. */
  items: Figure;
  fellBetween: { current: Figure; previous: Figure };
  passedAround: SiloList;
  acknowledgedNotResolved: SiloList;
  untouchedPastSla: SiloList;
  noAction: SiloList;
}

const LISTED = 20;

/**
 * Where feedback fell between silos in a period: who handed what to whom, items passed around twice or more with
 * their path in the order it happened, items acknowledged and never resolved, and items nobody answered before
 * their first-response target passed. Every cell and list names the items behind it.
 */
export async function buildSilosReport(ctx: Context, raw: SilosInput = {}): Promise<SilosReport> {
  const input = parseInput(SilosInput, raw);
  const { period, scope, base, choices } = resolveImpactScope(ctx, input.period ?? 'quarter', input);
  const { asOf, effective } = asOfPeriod(period, ctx.clock.now());
  const before = previousPeriod(period);
  const list = async (silo: SiloKind): Promise<SiloList> => {
    const listed = await listFilteredItems(ctx, { filter: filterOf(base, { silo }), pageSize: LISTED });
    return { total: itemsFigure(listed.total.items, listed.filter), items: listed.items };
  };
  const [handoffs, cells, cellsBefore, passedAround, acknowledgedNotResolved, untouchedPastSla, noAction] = await Promise.all([
    periodHandoffs(ctx, effective, scope),
    periodCohortCells(ctx, effective, scope),
    periodCohortCells(ctx, before, scope),
    list('passed_around'),
    list('acknowledged_not_resolved'),
    list('untouched_past_sla'),
    list('no_action'),
  ]);
  const paths = await handOffPaths(ctx, passedAround.items.map((i) => i.id));
  for (const item of passedAround.items) Object.assign(item, paths.get(item.id) ?? { path: [], hops: [] });
  const sum = (from: typeof cells, field: 'items' | 'fellBetween') => from.reduce((n, c) => n + c[field], 0);
  const involved = new Set(handoffs.flatMap((h) => [h.from, h.to]));
  return {
    period,
    previousPeriod: before,
    asOf,
    running: asOf < period.end,
    scope,
    choices,
    handoffs: {
      teams: [...choices.teams.filter((t) => involved.has(t.id)), ...[...involved].filter((id) => !(id in ctx.config.teams)).map((id) => ({ id, name: id }))],
      cells: handoffs.map((h) => ({ ...h, filter: filterOf(base, { from: h.from, to: h.to }) })),
      total: handoffs.reduce((n, h) => n + h.count, 0),
    },
    items: itemsFigure(sum(cells, 'items'), base),
    fellBetween: {
      current: itemsFigure(sum(cells, 'fellBetween'), filterOf(base, { silo: 'fell_between' })),
      previous: itemsFigure(sum(cellsBefore, 'fellBetween'), filterOf(base, { period: before.key, silo: 'fell_between' })),
    },
    passedAround,
    acknowledgedNotResolved,
    untouchedPastSla,
    noAction,
  };
}

/**
 * Each item's hand-offs from the ledger, in the order they happened (time, then ledger order), and the path of
 * teams they make: Support → Product → Sales. A hand-off that does not start where the last one ended (an item
 * routed to two teams at once) still joins the path at its own team.
 */
async function handOffPaths(ctx: Context, itemIds: number[]): Promise<Map<number, { path: string[]; hops: Hop[] }>> {
  const out = new Map<number, { path: string[]; hops: Hop[] }>();
  if (itemIds.length === 0) return out;
  const rows = await ctx.db.execute<Record<string, unknown>>(sql`
    select item_id, team_id, to_team_id, created_at from actions
    where kind = 'pass_on' and item_id = any(${`{${itemIds.join(',')}}`}::bigint[])
      and not exists (select 1 from actions u where u.undoes_id = actions.id)
    order by item_id, created_at, id`);
  const name = (id: string) => ctx.config.teams[id]?.name ?? id;
  for (const row of rows) {
    const id = Number(row.item_id);
    const entry = out.get(id) ?? { path: [], hops: [] };
    const hop = { from: String(row.team_id), to: String(row.to_team_id), at: new Date(row.created_at as string) };
    if (entry.path.at(-1) !== name(hop.from)) entry.path.push(name(hop.from));
    entry.path.push(name(hop.to));
    entry.hops.push(hop);
    out.set(id, entry);
  }
  return out;
}
