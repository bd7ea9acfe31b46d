import { z } from 'zod';
import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { asOfPeriod, periodHandoffs } from '../digest/period-figures.js';
import { readPeriod, weeksOverlapping, type Period } from '../digest/period.js';
import { periodCohortCells } from './cohort-figures.js';

/** How many weeks the digest's image looks back, the digest's own week included. */
export const CHART_WEEKS = 12;

/** The figures the digest's image draws, as stored in the outbox and parsed back when the image is drawn. */
export const DigestChartData = z.object({
  organisation: z.string(),
  /** The digest's period key. */
  period: z.string(),
  /** The twelve weeks drawn, as a period key (`2026-09-01..2026-11-23`): the image links to Impact for it. */
  range: z.string(),
  asOf: z.string(),
  timezone: z.string(),
  weeks: z.array(z.object({ week: z.string(), start: z.string(), items: z.number().int(), resolved: z.number().int() })),
  handoffs: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DigestChartData = z.infer<typeof DigestChartData>;

/**
 * Feedback volume and the share resolved for the twelve weeks up to a digest's week (each week's items as they
 * stood at the end of the digest's week), and that week's hand-offs between teams.
 */
export async function digestChartData(ctx: Context, period: Period): Promise<DigestChartData> {
  const tz = period.timezone;
  const first = DateTime.fromJSDate(period.start, { zone: tz }).minus({ weeks: CHART_WEEKS - 1 });
  const last = DateTime.fromJSDate(period.end, { zone: tz }).minus({ days: 1 });
  const range = readPeriod(`${first.toISODate()}..${last.toISODate()}`, tz, ctx.clock.now());
  const { asOf, effective } = asOfPeriod(range, ctx.clock.now());
  const { effective: week } = asOfPeriod(period, ctx.clock.now());
  const [cells, handoffs] = await Promise.all([periodCohortCells(ctx, effective, {}), periodHandoffs(ctx, week, {})]);
  return {
    organisation: ctx.config.organisation.name,
    period: period.key,
    range: range.key,
    asOf: asOf.toISOString(),
    timezone: tz,
    weeks: weeksOverlapping(range).map((w) => {
      const mine = cells.filter((c) => c.week === w.key);
      return { week: w.key, start: w.start.toISOString(), items: mine.reduce((n, c) => n + c.items, 0), resolved: mine.reduce((n, c) => n + c.resolved, 0) };
    }),
    handoffs,
    teams: Object.entries(ctx.config.teams).map(([id, t]) => ({ id, name: t.name ?? id })),
  };
}
