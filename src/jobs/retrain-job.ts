import { retrainFromHistory } from '../core/classify/retrain-from-history.js';
import type { Context } from '../core/context.js';
import type { RoutingModel } from '../main.js';
import { scheduledRuns } from '../db/schema/index.js';
import { rememberOnce } from './installation-facts.js';
import { occurrencesBetween } from './schedule-occurrences.js';
import type { Job } from './scheduler.js';

/**
 * The optional scheduled retrain (`routing.retrain.schedule`): folds the ledger's corrections into a new model,
 * once per scheduled time across all instances, then swaps it in here (other instances pick it up on refresh).
 */
export function retrainJob(ctx: Context, model: RoutingModel, schedule: string): Job {
  return {
    name: 'retrain',
    async run() {
      const now = ctx.clock.now();
      const since = new Date(await rememberOnce(ctx.db, 'retrain_since', now.toISOString()));
      const due = occurrencesBetween(schedule, ctx.config.timezone, since, now, 1)[0];
      if (!due) return;
      const key = `retrain:${due.toISOString()}`;
      const claimed = await ctx.db.insert(scheduledRuns).values({ key, job: 'retrain', period: due.toISOString(), dueAt: due, ranAt: now }).onConflictDoNothing().returning();
      if (claimed.length === 0) return;
      const result = await retrainFromHistory(ctx.db, ctx.clock);
      ctx.logger.info({ key, status: result.status }, 'scheduled retrain');
      await model.refresh();
    },
  };
}
