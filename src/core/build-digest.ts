import { z } from 'zod';
import { skippedChatterIn } from './chatter/skipped-chatter.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { parseInput } from './parse-input.js';
import { lastCompleteWeek, readPeriod, type Period } from './digest/period.js';
import { periodFigures, sumTotals, type Totals, type TeamFigures } from './digest/period-figures.js';
import { findSilos, type Breach, type Silos } from './digest/silos.js';
import { listBreaches } from './sla/list-breaches.js';
import { EMPTY_TRACKER_FIGURES, trackerFigures, type TrackerFigures } from './trackers/tracker-figures.js';

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

export interface DigestReport {
  organisation: string;
  period: Period;
  previousPeriod: Period;
  /** The moment the figures describe: the end of the period, or now for a period still running. */
  asOf: Date;
  team?: string;
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
  if (input.team && !(input.team in ctx.config.teams)) throw new DomainError('not_found', `There is no team called "${input.team}".`);
  const scope = { team: input.team };
  const figures = await periodFigures(ctx, period, scope, { breaches: true });
  const [silos, listed, issues, skipped] = await Promise.all([
    findSilos(ctx.db, figures.effective, scope),
    listBreaches(ctx.db, figures.breaches),
    trackerFigures(ctx.db, figures.effective, input.team),
    skippedChatterIn(ctx.db, figures.effective, ctx.config.timezone),
  ]);
  const teams = figures.teams.map((t) => (ctx.config.teams[t.team]?.tracker || issues.has(t.team) ? { ...t, tracker: issues.get(t.team) ?? { ...EMPTY_TRACKER_FIGURES } } : t));
  return {
    organisation: ctx.config.organisation.name,
    period,
    previousPeriod: figures.previousPeriod,
    asOf: figures.asOf,
    team: input.team,
    totals: { current: sumTotals(figures.teams.map((t) => t.metrics)), previous: sumTotals(figures.teams.map((t) => t.previous)) },
    teams,
    silos,
    handoffs: figures.handoffs,
    breaches: listed,
    notRouted: {
      skipped: skipped.reduce((n, c) => n + c.skipped, 0),
      communities: skipped.map((c) => ({ ...c, name: ctx.config.communities[c.community]?.name ?? c.community })),
    },
  };
}
