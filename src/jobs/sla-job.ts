import { checkSlas } from '../core/check-slas.js';
import type { Context } from '../core/context.js';
import { rememberOnce } from './installation-facts.js';
import type { Job } from './scheduler.js';

/**
 * The scheduler's SLA work: one job, run every tick on every instance. Which states changed, which ladder steps are
 * due and which reminder window is open are all decided from the database and the clock, and every effect has a
 * unique key, so running it on several instances or after downtime gives each effect exactly once. Deadlines missed
 * before the job first ran on this installation are shown and reminded of, but do not page anyone.
 */
export function slaJobs(ctx: Context): Job[] {
  return [
    {
      name: 'sla',
      async run() {
        const since = await rememberOnce(ctx.db, 'sla_ladder_since', ctx.clock.now().toISOString());
        return checkSlas(ctx, { ladderSince: since });
      },
    },
  ];
}
