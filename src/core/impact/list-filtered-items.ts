import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../context.js';
import { itemStatesSql } from '../digest/item-states.js';
import { asOfPeriod } from '../digest/period-figures.js';
import type { Period } from '../digest/period.js';
import { receivedBetween, routingInScope, type Scope } from '../digest/scope.js';
import { excerpt } from '../inert-text.js';
import { parseInput } from '../parse-input.js';
import { loadBreaches } from '../sla/list-breaches.js';
import { TRACKER_ENTRIES, trackerEntriesIn } from '../trackers/tracker-figures.js';
import { isEventFilter, ItemFilter, type RoutingEvent } from './item-filter.js';
import { resolveImpactScope } from './impact-scope.js';

export const ListFilteredItemsInput = z.object({ filter: ItemFilter, page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) });
export type ListFilteredItemsInput = z.input<typeof ListFilteredItemsInput>;

export interface ListedItem {
  id: number;
  title: string | null;
  excerpt: string;
  community: { id: string; name: string };
  category: string;
  sentiment: string;
  capturedAt: Date;
  permalink: string | null;
  routings: { team: string; name: string; status: string }[];
}

export interface FilteredItems {
  filter: ItemFilter;
  period: Period;
  asOf: Date;
  /** Items, and the matching team assignments (or hand-offs) behind them: a figure counts one or the other. */
  total: { items: number; routings: number };
  page: number;
  pageSize: number;
  pages: number;
  items: ListedItem[];
}

const ACTION_KINDS = { acknowledged: ['acknowledge', 'own'], resolved: ['resolve'], declined: ['decline'], passed_on: ['pass_on'], snoozed: ['snooze'] } satisfies Partial<Record<RoutingEvent, string[]>>;
type ActionEvent = keyof typeof ACTION_KINDS;

/**
 * The items behind any figure of the Impact and Silos pages, oldest first, a page at a time. The conditions are the
 * figures' own (the same item states, the same action counts, the same business-time breaches), and a test holds
 * every figure to the total listed here.
 */
export async function listFilteredItems(ctx: Context, raw: ListFilteredItemsInput): Promise<FilteredItems> {
  const input = parseInput(ListFilteredItemsInput, raw);
  const { filter } = input;
  const { period, scope } = resolveImpactScope(ctx, filter.period, filter);
  const { asOf, effective } = asOfPeriod(period, ctx.clock.now());
  const matched = isEventFilter(filter) ? await eventRows(ctx, effective, scope, filter) : cohortRows(effective, scope, filter);
  const itemConditions = sql.join([
    filter.category === undefined ? sql`true` : sql`i.category = ${filter.category}`,
    filter.sentiment === undefined ? sql`true` : sql`i.sentiment = ${filter.sentiment}`,
  ], sql` and `);
  const offset = (input.page - 1) * input.pageSize;
  const rows = await ctx.db.execute<Record<string, unknown>>(sql`
    with matched as (${matched}),
    hits as (select m.item_id, count(*) as n from matched m join feedback_items i on i.id = m.item_id where ${itemConditions} group by m.item_id),
    totals as (select count(*) as items, coalesce(sum(n), 0) as routings from hits)
    select i.id, i.title, left(i.text, 400) as text, i.community_id, i.category, i.sentiment, i.captured_at, i.permalink, totals.items as total_items, totals.routings as total_routings
    from totals left join lateral (
      select i.* from hits h join feedback_items i on i.id = h.item_id order by i.captured_at, i.id limit ${input.pageSize} offset ${offset}
    ) i on true`);
  const totalItems = Number(rows[0]?.total_items ?? 0);
  const found = rows.filter((r) => r.id !== null);
  const ids = found.map((r) => Number(r.id));
  const routingRows = ids.length === 0 ? [] : await ctx.db.execute<Record<string, unknown>>(sql`
    select item_id, team_id, status from routings where item_id = any(${`{${ids.join(',')}}`}::bigint[]) and status <> 'merged' order by created_at, id`);
  const teamName = (id: string) => ctx.config.teams[id]?.name ?? id;
  return {
    filter,
    period,
    asOf,
    total: { items: totalItems, routings: Number(rows[0]?.total_routings ?? 0) },
    page: input.page,
    pageSize: input.pageSize,
    pages: Math.max(1, Math.ceil(totalItems / input.pageSize)),
    items: found.map((r) => ({
      id: Number(r.id),
      title: (r.title as string | null) ?? null,
      excerpt: excerpt(String(r.text), 200),
      community: { id: String(r.community_id), name: ctx.config.communities[String(r.community_id)]?.name ?? String(r.community_id) },
      category: String(r.category),
      sentiment: String(r.sentiment),
      capturedAt: new Date(r.captured_at as string),
      permalink: (r.permalink as string | null) ?? null,
      routings: routingRows.filter((x) => Number(x.item_id) === Number(r.id)).map((x) => ({ team: String(x.team_id), name: teamName(String(x.team_id)), status: String(x.status) })),
    })),
  };
}

/** Items captured in the period, by their state at its end. */
function cohortRows(period: Period, scope: Scope, filter: ItemFilter): SQL {
  const silo: Record<NonNullable<ItemFilter['silo']>, SQL> = {
    fell_between: sql`(no_action or passed_around or ack_not_resolved)`,
    no_action: sql`no_action`,
    passed_around: sql`passed_around`,
    acknowledged_not_resolved: sql`ack_not_resolved`,
    untouched_past_sla: sql`untouched_past_sla`,
  };
  const conditions = [
    filter.week === undefined ? sql`true` : sql`to_char(captured_at at time zone ${period.timezone}, 'IYYY-"W"IW') = ${filter.week}`,
    filter.outcome === undefined ? sql`true` : sql`outcome = ${filter.outcome}`,
    filter.silo === undefined ? sql`true` : silo[filter.silo],
  ];
  return sql`select id as item_id from (${itemStatesSql(period, scope)}) s where ${sql.join(conditions, sql` and `)}`;
}

/** Team assignments with an event in the period (one row per routing), or hand-offs (one row per pass-on). */
async function eventRows(ctx: Context, period: Period, scope: Scope, filter: ItemFilter): Promise<SQL> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const inScope = routingInScope(scope, 'r');
  if (filter.routing === undefined) {
    return sql`select a.item_id, a.id from actions a where a.kind = 'pass_on' and a.created_at >= ${start} and a.created_at < ${end}
      and ${filter.from === undefined ? sql`true` : sql`a.team_id = ${filter.from}`} and ${filter.to === undefined ? sql`true` : sql`a.to_team_id = ${filter.to}`}
      and ${routingInScope({ community: scope.community }, 'a')}`;
  }
  const event = filter.routing;
  if (event === 'became_issue' || event === 'shipped') {
    return sql`select distinct a.item_id, a.routing_id from actions a where ${trackerEntriesIn(period, scope, TRACKER_ENTRIES[event === 'became_issue' ? 'issue' : 'shipped'])}`;
  }
  if (event in ACTION_KINDS) {
    const kinds = ACTION_KINDS[event as ActionEvent];
    return sql`select distinct a.item_id, a.routing_id from actions a
      where a.created_at >= ${start} and a.created_at < ${end} and a.kind = any(${`{${kinds.join(',')}}`}::text[]) and ${routingInScope(scope, 'a')}
        -- Said outright (the kinds are a parameter): the time index holds every action but captures (migration 0015).
        and a.kind <> 'capture'
        and not exists (select 1 from actions u where u.undoes_id = a.id and u.created_at < ${end})`;
  }
  const inPeriod = (column: string) => sql`${sql.raw(`r.${column}`)} >= ${start} and ${sql.raw(`r.${column}`)} < ${end}`;
  const ackDue = sql`${inPeriod('acknowledge_due_at')} and r.status <> 'merged'`;
  const resolveDue = sql`${inPeriod('resolve_due_at')} and r.status not in ('passed_on', 'merged')`;
  const missed = async (target: 'acknowledge' | 'resolve', met: boolean) => {
    const ids = (await loadBreaches(ctx.db, ctx.config, period, scope)).filter((b) => b.dueInPeriod && b.target === target && b.metInBusinessTime === met).map((b) => b.routingId);
    return sql`${`{${ids.join(',')}}`}::bigint[]`;
  };
  const where: Record<Exclude<RoutingEvent, ActionEvent | 'became_issue' | 'shipped'>, () => Promise<SQL> | SQL> = {
    received: () => receivedBetween(scope, 'r', start, end),
    first_action: () => inPeriod('first_action_at'),
    resolution: () => inPeriod('resolved_at'),
    acknowledge_due: () => ackDue,
    acknowledged_in_time: async () => sql`${ackDue} and (r.first_action_at <= r.acknowledge_due_at or r.id = any(${await missed('acknowledge', true)}))`,
    acknowledge_missed: async () => sql`${ackDue} and r.id = any(${await missed('acknowledge', false)})`,
    resolve_due: () => resolveDue,
    resolved_in_time: async () => sql`${resolveDue} and (coalesce(r.resolved_at, r.closed_at) <= r.resolve_due_at or r.id = any(${await missed('resolve', true)}))`,
    resolve_missed: async () => sql`${resolveDue} and r.id = any(${await missed('resolve', false)})`,
  };
  const condition = await where[event as keyof typeof where]();
  return sql`select r.item_id, r.id from routings r where ${condition} and ${inScope}`;
}
