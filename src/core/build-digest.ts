import { z } from 'zod';
import { skippedChatterIn } from './chatter/skipped-chatter.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { parseInput } from './parse-input.js';
import { lastCompleteWeek, parsePeriod, previousPeriod, type Period } from './digest/period.js';
import { findSilos, handoffMatrix, type Breach, type Silos } from './digest/silos.js';
import { EMPTY_METRICS, teamMetrics, type TeamMetrics } from './digest/team-metrics.js';
import { applyBusinessBreaches } from './sla/breach-figures.js';
import { listBreaches, loadBreaches } from './sla/list-breaches.js';
import { EMPTY_TRACKER_FIGURES, trackerFigures, type TrackerFigures } from './trackers/tracker-figures.js';

export const BuildDigestInput = z.object({
  /** `2026-W47` or `2026-11-16`; the last complete week when omitted. */
  period: z.string().optional(),
  /** A team digest; the leadership digest (every team) when omitted. */
  team: z.string().optional(),
});
export type BuildDigestInput = z.input<typeof BuildDigestInput>;

export interface TeamDigest {
  team: string;
  name: string;
  metrics: TeamMetrics;
  previous: TeamMetrics;
  /** For a team with a tracker: items that became issues, and feedback-to-shipped time (see core/trackers/tracker-figures.ts). */
  tracker?: TrackerFigures;
}

export interface DigestReport {
  organisation: string;
  period: Period;
  previousPeriod: Period;
  /** The moment the figures describe: the end of the period, or now for a period still running. */
  asOf: Date;
  team?: string;
  totals: { current: Omit<TeamMetrics, 'medianFirstActionMs' | 'medianResolutionMs' | 'attainment'>; previous: Omit<TeamMetrics, 'medianFirstActionMs' | 'medianResolutionMs' | 'attainment'> };
  teams: TeamDigest[];
  silos: Silos;
  handoffs: { from: string; to: string; count: number }[];
  breaches: Breach[];
  /** Automatic channel messages skipped as chatter in the period: counted, never stored or routed. */
  notRouted: { skipped: number; communities: { community: string; name: string; skipped: number }[] };
}

/**
 * The report for a period: per team what came in and what was done, how fast, where SLAs were missed, what fell
 * between silos and who handed what to whom, next to the period before. Plain data; each adapter draws it.
 */
export async function buildDigest(ctx: Context, raw: BuildDigestInput = {}): Promise<DigestReport> {
  const input = parseInput(BuildDigestInput, raw);
  const now = ctx.clock.now();
  const period = input.period ? parsePeriod(input.period, ctx.config.timezone) : lastCompleteWeek(now, ctx.config.timezone);
  if (!period) throw new DomainError('invalid_input', `"${input.period}" is not a period: write a week such as 2026-W47 or a day such as 2026-11-16.`);
  if (input.team && !(input.team in ctx.config.teams)) throw new DomainError('not_found', `There is no team called "${input.team}".`);
  // A period still running is reported as it stands now: targets not yet due are not yet missed.
  const asOf = period.end < now ? period.end : now;
  // Periods are half-open; a running one must still include what happened at this very moment.
  const effective = { ...period, end: asOf === now ? new Date(now.getTime() + 1) : asOf };
  const previous = previousPeriod(period);
  const [current, before, silos, handoffs, breaches, breachesBefore, issues, skipped] = await Promise.all([
    teamMetrics(ctx.db, effective, input.team),
    teamMetrics(ctx.db, previous, input.team),
    findSilos(ctx.db, effective, input.team),
    handoffMatrix(ctx.db, effective, input.team),
    loadBreaches(ctx.db, ctx.config, effective, input.team),
    loadBreaches(ctx.db, ctx.config, previous, input.team),
    trackerFigures(ctx.db, effective, input.team),
    skippedChatterIn(ctx.db, effective, ctx.config.timezone),
  ]);
  applyBusinessBreaches(current, breaches);
  applyBusinessBreaches(before, breachesBefore);
  const listed = await listBreaches(ctx.db, breaches);
  const teamIds = input.team ? [input.team] : Object.keys(ctx.config.teams);
  const teams = teamIds.map((team) => ({ team, name: ctx.config.teams[team]?.name ?? team, metrics: current.get(team) ?? structuredClone(EMPTY_METRICS), previous: before.get(team) ?? structuredClone(EMPTY_METRICS), ...(ctx.config.teams[team]?.tracker || issues.has(team) ? { tracker: issues.get(team) ?? { ...EMPTY_TRACKER_FIGURES } } : {}) }));
  return {
    organisation: ctx.config.organisation.name,
    period,
    previousPeriod: previous,
    asOf,
    team: input.team,
    totals: { current: sum(teams.map((t) => t.metrics)), previous: sum(teams.map((t) => t.previous)) },
    teams,
    silos,
    handoffs,
    breaches: listed,
    notRouted: {
      skipped: skipped.reduce((n, c) => n + c.skipped, 0),
      communities: skipped.map((c) => ({ ...c, name: ctx.config.communities[c.community]?.name ?? c.community })),
    },
  };
}

function sum(all: TeamMetrics[]) {
  return all.reduce(
    (acc, m) => ({ received: acc.received + m.received, acknowledged: acc.acknowledged + m.acknowledged, resolved: acc.resolved + m.resolved, declined: acc.declined + m.declined, passedOn: acc.passedOn + m.passedOn, snoozed: (acc.snoozed ?? 0) + (m.snoozed ?? 0), breaches: { acknowledge: acc.breaches.acknowledge + m.breaches.acknowledge, resolve: acc.breaches.resolve + m.breaches.resolve } }),
    { received: 0, acknowledged: 0, resolved: 0, declined: 0, passedOn: 0, snoozed: 0, breaches: { acknowledge: 0, resolve: 0 } },
  );
}
