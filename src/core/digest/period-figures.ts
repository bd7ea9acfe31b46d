import type { Context } from '../context.js';
import { loadBreaches, type LoadedBreach } from '../sla/list-breaches.js';
import { closedPeriodFigures } from './closed-period-cache.js';
import { previousPeriod, type Period } from './period.js';
import type { Scope } from './scope.js';
import { handoffMatrix } from './silos.js';
import { settledDayFigures } from './settled-days.js';
import { teamMetricParts } from './team-metric-parts.js';
import { assembleTeamMetrics, EMPTY_METRICS, teamMetrics, type TeamMetrics } from './team-metrics.js';

export interface TeamFigures {
  team: string;
  name: string;
  metrics: TeamMetrics;
  previous: TeamMetrics;
}

/** Counts summed over teams (medians and attainment do not add up). */
export type Totals = Omit<TeamMetrics, 'medianFirstActionMs' | 'medianResolutionMs' | 'attainment'>;

export interface PeriodFigures {
  period: Period;
  previousPeriod: Period;
  /** The moment the figures describe: the end of the period, or now for a period still running. */
  asOf: Date;
  /** The period as queried: a running one ends just after now, so that what happened this very moment counts. */
  effective: Period;
  teams: TeamFigures[];
  handoffs: { from: string; to: string; count: number }[];
  /** With `options.breaches`: every target missed in the period (timestamps only), for the digest's list. */
  breaches: LoadedBreach[];
}

/** A period still running is reported as it stands now: targets not yet due are not yet missed. */
export function asOfPeriod(period: Period, now: Date): { asOf: Date; effective: Period } {
  const asOf = period.end < now ? period.end : now;
  // Periods are half-open; a running one must still include what happened at this very moment.
  return { asOf, effective: { ...period, end: asOf === now ? new Date(now.getTime() + 1) : asOf } };
}

/**
 * The per-team figures of a period and the one before, shared by the digest and the Impact page so that a number
 * means the same wherever it is shown: volumes, speed in business time, SLA attainment, hand-offs.
 */
export async function periodFigures(ctx: Context, period: Period, scope: Scope, options: { breaches?: boolean; now?: Date } = {}): Promise<PeriodFigures> {
  const { asOf, effective } = asOfPeriod(period, options.now ?? ctx.clock.now());
  const previous = previousPeriod(period);
  const [current, before, handoffs, breaches] = await Promise.all([
    periodTeamMetrics(ctx, effective, scope),
    periodTeamMetrics(ctx, previous, scope),
    periodHandoffs(ctx, effective, scope),
    options.breaches ? periodBreaches(ctx, effective, scope) : Promise.resolve([]),
  ]);
  const teamIds = scope.team ? [scope.team] : Object.keys(ctx.config.teams);
  const teams = teamIds.map((team) => ({ team, name: ctx.config.teams[team]?.name ?? team, metrics: current.get(team) ?? structuredClone(EMPTY_METRICS), previous: before.get(team) ?? structuredClone(EMPTY_METRICS) }));
  return { period, previousPeriod: previous, asOf, effective, teams, handoffs, breaches };
}

/** Routings across teams: an item routed to two teams counts in each. */
export function sumTotals(all: TeamMetrics[]): Totals {
  return all.reduce(
    (acc, m) => ({ received: acc.received + m.received, acknowledged: acc.acknowledged + m.acknowledged, resolved: acc.resolved + m.resolved, declined: acc.declined + m.declined, passedOn: acc.passedOn + m.passedOn, snoozed: (acc.snoozed ?? 0) + (m.snoozed ?? 0), breaches: { acknowledge: acc.breaches.acknowledge + m.breaches.acknowledge, resolve: acc.breaches.resolve + m.breaches.resolve } }),
    { received: 0, acknowledged: 0, resolved: 0, declined: 0, passedOn: 0, snoozed: 0, breaches: { acknowledge: 0, resolve: 0 } },
  );
}

/**
 * Per-team metrics of one period, business-time attainment included; kept once the period is over
 * (core/digest/closed-period-cache.ts), and while it runs kept for each day of it that is over
 * (core/digest/settled-days.ts), so that only today is read afresh.
 */
export async function periodTeamMetrics(ctx: Context, period: Period, scope: Scope): Promise<Map<string, TeamMetrics>> {
  if (period.end > ctx.clock.now()) {
    const parts = await settledDayFigures(ctx, { kind: 'team_parts', span: period, timezone: period.timezone, scope }, async (db, span, asOf, keeping) => {
      const value = await teamMetricParts(db, ctx.config, span, scope, asOf, { stability: keeping });
      return { value, stableUntil: value.stableUntil };
    });
    return assembleTeamMetrics(ctx.config, parts, period.end.getTime());
  }
  const entries = await closedPeriodFigures(ctx, { kind: 'team_metrics', key: period.key, covers: period, scope }, async (db) => [...(await teamMetrics(db, ctx.config, period, scope))]);
  return new Map(entries);
}

/** Who handed items to whom in one period; kept once the period is over, and day by day while it runs. */
export async function periodHandoffs(ctx: Context, period: Period, scope: Scope): Promise<{ from: string; to: string; count: number }[]> {
  if (period.end <= ctx.clock.now()) return closedPeriodFigures(ctx, { kind: 'handoffs', key: period.key, covers: period, scope }, (db) => handoffMatrix(db, period, scope));
  const days = await settledDayFigures(ctx, { kind: 'handoffs', span: period, timezone: period.timezone, scope }, async (db, span) => ({ value: await handoffMatrix(db, span, scope), stableUntil: null }));
  const counts = new Map<string, { from: string; to: string; count: number }>();
  for (const cell of days.flat()) {
    const key = `${cell.from}\u0000${cell.to}`;
    counts.set(key, { ...cell, count: (counts.get(key)?.count ?? 0) + cell.count });
  }
  // As the query orders them: most hand-offs first, then by team.
  return [...counts.values()].sort((a, b) => b.count - a.count || compare(a.from, b.from) || compare(a.to, b.to));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every target missed in one period (timestamps only), for the digest's list; kept once the period is over. */
export async function periodBreaches(ctx: Context, period: Period, scope: Scope): Promise<LoadedBreach[]> {
  const breaches = await closedPeriodFigures(ctx, { kind: 'breaches', key: period.key, covers: period, scope }, (db) => loadBreaches(db, ctx.config, period, scope));
  return breaches.map((b) => ({ ...b, dueAt: new Date(b.dueAt) }));
}
