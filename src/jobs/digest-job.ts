import type { Context } from '../core/context.js';
import { lastCompleteWeek } from '../core/digest/period.js';
import { publishDigest, type DigestAudience } from '../core/publish-digest.js';
import { rememberOnce } from './installation-facts.js';
import { occurrencesBetween } from './schedule-occurrences.js';

/** After downtime, periods missed are posted (oldest first), but never more than this many at once. */
const CATCH_UP_LIMIT = 8;

/**
 * Publishes every digest whose schedule fired since scheduling began and is not yet published. Safe to run on every
 * tick, on every instance: publishing is keyed by period, so each period gets exactly one digest.
 */
export async function runDueDigests(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const since = new Date(await rememberOnce(ctx.db, 'digests_since', now.toISOString()));
  const { leadership, teams } = ctx.config.digests;
  const plans: { audience: DigestAudience; schedule: string }[] = [
    ...(leadership ? [{ audience: { kind: 'leadership' } as const, schedule: leadership.schedule }] : []),
    ...(teams ? Object.keys(ctx.config.teams).map((team) => ({ audience: { kind: 'team', team } as const, schedule: teams.schedule })) : []),
  ];
  let published = 0;
  for (const plan of plans) {
    const fired = occurrencesBetween(plan.schedule, ctx.config.timezone, since, now, CATCH_UP_LIMIT);
    const periods = new Map(fired.map((at) => [lastCompleteWeek(at, ctx.config.timezone).key, at]));
    for (const [period, dueAt] of periods) {
      const result = await publishDigest(ctx, plan.audience, period, dueAt);
      if (result.published) published += 1;
    }
  }
  return published;
}
