import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { actions, feedbackItems } from '../../db/schema/index.js';
import type { Breach } from '../digest/silos.js';
import type { Period } from '../digest/period.js';
import { routingInScope, type Scope } from '../digest/scope.js';
import { businessTimeBetween } from './business-time.js';
import { LADDER_STEPS, ladderKeyPrefix, type LadderStep } from './ladder-plan.js';
import { teamCalendar } from './sla-policy.js';

export interface LoadedBreach extends Omit<Breach, 'text' | 'permalink'> {
  /** The target fell due in the period (not just escalated to leadership in it). */
  dueInPeriod: boolean;
  /** Done after the due time, but with no working time in between (due Friday 17:00, answered Friday 18:00). */
  metInBusinessTime: boolean;
}

/**
 * Targets missed in the period, late by business time on the team's calendar (a target due Friday at closing and
 * met Monday at 10:00 is an hour late, not 65), plus older breaches the ladder took to leadership during the period.
 * Every one is needed for the figures, so only timestamps come back here; `listBreaches` adds texts to the few listed.
 */
export async function loadBreaches(db: DbOrTx, config: LiaisonConfig, period: Period, scope: Scope = {}): Promise<LoadedBreach[]> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const teamFilter = routingInScope(scope, 'routings');
  const rows = await db.execute<Record<string, unknown>>(sql`
    select id, item_id, team_id, 'acknowledge' as target, acknowledge_due_at as due_at, first_action_at as done_at, true as in_period from routings
    where acknowledge_due_at >= ${start} and acknowledge_due_at < ${end} and ${teamFilter} and status <> 'merged'
      and (first_action_at is null or first_action_at > acknowledge_due_at)
    union all
    select id, item_id, team_id, 'resolve', resolve_due_at, coalesce(resolved_at, closed_at), true from routings
    where resolve_due_at >= ${start} and resolve_due_at < ${end} and ${teamFilter} and status not in ('passed_on', 'merged')
      and (coalesce(resolved_at, closed_at) is null or coalesce(resolved_at, closed_at) > resolve_due_at)
    union all
    select r.id, r.item_id, r.team_id, a.data->>'target', (a.data->>'dueAt')::timestamptz,
      case a.data->>'target' when 'acknowledge' then r.first_action_at else coalesce(r.resolved_at, r.closed_at) end, false
    from actions a join routings r on r.id = a.routing_id
    where a.kind = 'sla_ladder' and a.data->>'step' = 'leadership' and a.created_at >= ${start} and a.created_at < ${end}
      and ${routingInScope(scope, 'a')}`);
  const seen = new Map<string, LoadedBreach>();
  for (const row of [...rows].sort((a, b) => Number(b.in_period) - Number(a.in_period))) {
    const dueAt = new Date(row.due_at as string);
    const key = ladderKeyPrefix(Number(row.id), String(row.target), dueAt);
    if (seen.has(key)) continue;
    const doneAt = row.done_at ? new Date(row.done_at as string) : null;
    const until = doneAt && doneAt < period.end ? doneAt : period.end;
    const lateByMs = businessTimeBetween(teamCalendar(config, String(row.team_id)), dueAt, until);
    seen.set(key, {
      itemId: Number(row.item_id), routingId: Number(row.id), team: String(row.team_id), target: row.target as Breach['target'], dueAt, lateByMs,
      dueInPeriod: Boolean(row.in_period), metInBusinessTime: doneAt !== null && doneAt < period.end && lateByMs === 0,
    });
  }
  await addLadderSteps(db, [...seen.entries()], period.end);
  return [...seen.values()];
}

/** How far up the ladder each breach went by the end of the period. */
async function addLadderSteps(db: DbOrTx, breaches: [string, LoadedBreach][], end: Date): Promise<void> {
  if (breaches.length === 0) return;
  const ids = [...new Set(breaches.map(([, b]) => b.routingId))];
  // One array parameter, not thousands; the partial index on ladder steps keeps this a handful of probes.
  const steps = await db
    .select({ routingId: actions.routingId, key: actions.idempotencyKey })
    .from(actions)
    .where(and(eq(actions.kind, 'sla_ladder'), sql`${actions.routingId} = any(${`{${ids.join(',')}}`}::bigint[])`, lt(actions.createdAt, end)));
  if (steps.length === 0) return;
  for (const [prefix, breach] of breaches) {
    const reached = steps.filter((s) => s.routingId === breach.routingId && s.key?.startsWith(prefix)).map((s) => (s.key as string).slice(prefix.length) as LadderStep);
    const highest = LADDER_STEPS.filter((step) => reached.includes(step)).at(-1);
    if (highest) breach.ladder = highest;
  }
}

/** The digest's list: what reached leadership first, then the latest by business time; met-in-time ones left out. */
export async function listBreaches(db: DbOrTx, breaches: LoadedBreach[], limit = 50): Promise<Breach[]> {
  const listed = breaches
    .filter((b) => !b.metInBusinessTime)
    .sort((a, b) => Number(b.ladder === 'leadership') - Number(a.ladder === 'leadership') || b.lateByMs - a.lateByMs)
    .slice(0, limit);
  if (listed.length === 0) return [];
  const items = await db
    .select({ id: feedbackItems.id, text: sql<string>`left(${feedbackItems.text}, 400)`, permalink: feedbackItems.permalink })
    .from(feedbackItems)
    .where(inArray(feedbackItems.id, [...new Set(listed.map((b) => b.itemId))]));
  const byId = new Map(items.map((i) => [i.id, i]));
  return listed.map(({ dueInPeriod: _d, metInBusinessTime: _m, ...breach }) => ({ ...breach, text: byId.get(breach.itemId)?.text ?? '', permalink: byId.get(breach.itemId)?.permalink ?? null }));
}
