import { z } from 'zod';
import { skippedChatterIn } from './chatter/skipped-chatter.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { parseInput } from './parse-input.js';
import { lastCompleteWeek, readPeriod, type Period } from './digest/period.js';
import { periodFigures, sumTotals, type Totals, type TeamFigures } from './digest/period-figures.js';
import { periodSilos, type Breach, type SiloItem, type Silos } from './digest/silos.js';
import { periodCohortCells } from './impact/cohort-figures.js';
import { listBreaches } from './sla/list-breaches.js';
import { teamTrackerFigures, trackerFigures, type TrackerFigures } from './trackers/tracker-figures.js';

export const BuildDigestInput = z.object({
  /** `2026-W47`, `2026-11-16`, `2026-11`, `2026-Q4` … (see PERIOD_FORMS); the last complete week when omitted. */
  period: z.string().optional(),
  /** A team digest; the leadership digest (every team) when omitted. */
  team: z.string().optional(),
});
export type BuildDigestInput = z.input<typeof BuildDigestInput>;

export interface TeamDigest extends TeamFigures {
  /** For a team with a tracker: items that became issues, and feedback-to-shipped time (see core/trackers/tracker-figures.ts). */
  tracker?: TrackerFigures;
}

/** What became of the period's items (each item once, however many teams it reached), as the Impact page counts them. */
export interface ItemOutcomes { items: number; resolved: number; declined: number; inProgress: number; untouched: number }

export interface DigestReport {
  organisation: string;
  period: Period;
  previousPeriod: Period;
  /** The moment the figures describe: the end of the period, or now for a period still running. */
  asOf: Date;
  team?: string;
  /** The period has not ended yet: the figures are as they stand at `asOf`. */
  running: boolean;
  /** Items, each counted once; `totals` counts team assignments (routings), where an item routed to two teams counts twice. */
  items: { current: ItemOutcomes; previous: ItemOutcomes };
  totals: { current: Totals; previous: Totals };
  teams: TeamDigest[];
  silos: Silos;
  handoffs: { from: string; to: string; count: number }[];
  breaches: Breach[];
  /** Automatic channel messages skipped as chatter in the period: counted, never stored or routed. */
  notRouted: { skipped: number; communities: { community: string; name: string; skipped: number }[] };
}

/**
 * The report for a period: per team what came in and what was done, how fast, where SLAs were missed, what fell
 * between silos and who handed what to whom, next to the period before. Plain data; each adapter draws it. The
 * figures come from core/digest/period-figures.ts, which the Impact page shares.
 */
export async function buildDigest(ctx: Context, raw: BuildDigestInput = {}): Promise<DigestReport> {
  const input = parseInput(BuildDigestInput, raw);
  const now = ctx.clock.now();
  const period = input.period ? readPeriod(input.period, ctx.config.timezone, now) : lastCompleteWeek(now, ctx.config.timezone);
  if (input.team && !(input.team in ctx.config.teams)) throw new DomainError('not_found', { reason: 'unknown_team', details: { team: input.team } });
  const scope = { team: input.team };
  const figures = await periodFigures(ctx, period, scope, { breaches: true });
  const [silos, listed, issues, skipped, cells, cellsBefore] = await Promise.all([
    periodSilos(ctx, figures.effective, scope),
    listBreaches(ctx.db, figures.breaches),
    trackerFigures(ctx.db, figures.effective, scope),
    skippedChatterIn(ctx.db, figures.effective, ctx.config.timezone),
    periodCohortCells(ctx, figures.effective, scope),
    periodCohortCells(ctx, figures.previousPeriod, scope),
  ]);
  const teamName = (key: string) => ctx.config.teams[key]?.name ?? key;
  const named = (list: SiloItem[]) => list.map((i) => ({ ...i, teams: i.teams.map(teamName), path: i.path.map(teamName) }));
  const teams = figures.teams.map((t) => {
    const tracker = teamTrackerFigures(ctx.config, issues, t.team);
    return tracker ? { ...t, tracker } : t;
  });
  return {
    organisation: ctx.config.organisation.name,
    period,
    previousPeriod: figures.previousPeriod,
    asOf: figures.asOf,
    team: input.team,
    running: figures.asOf < period.end,
    items: { current: outcomes(cells), previous: outcomes(cellsBefore) },
    totals: { current: sumTotals(figures.teams.map((t) => t.metrics)), previous: sumTotals(figures.teams.map((t) => t.previous)) },
    teams,
    silos: { ...silos, noAction: named(silos.noAction), passedAround: named(silos.passedAround), acknowledgedNotResolved: named(silos.acknowledgedNotResolved) },
    handoffs: figures.handoffs,
    breaches: listed,
    notRouted: {
      skipped: skipped.reduce((n, c) => n + c.skipped, 0),
      communities: skipped.map((c) => ({ ...c, name: ctx.config.communities[c.community]?.name ?? c.community })),
    },
  };
}

function outcomes(cells: { items: number; resolved: number; declined: number; inProgress: number; untouched: number }[]): ItemOutcomes {
  return cells.reduce((sum, c) => ({ items: sum.items + c.items, resolved: sum.resolved + c.resolved, declined: sum.declined + c.declined, inProgress: sum.inProgress + c.inProgress, untouched: sum.untouched + c.untouched }), { items: 0, resolved: 0, declined: 0, inProgress: 0, untouched: 0 });
}
