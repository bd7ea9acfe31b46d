import type { Clock } from '../core/clock.js';
import { pruneInbound } from '../core/inbound/inbound-log.js';
import type { Db } from '../db/client.js';

/**
 * How long a handled platform event is kept. Its key only has to outlive the platform's retries and replays (minutes
 * to hours); its payload is a copy of what a member wrote, already kept as the item, so there is no reason to hold it
 * for ever. A month leaves time to look into a problem.
 */
export const INBOUND_RETENTION_DAYS = 30;
const HOUR = 3_600_000;
const BATCH = 5_000;

/** Prunes handled inbound events once an hour (the scheduler ticks every minute), in batches. */
export function inboundRetentionJob(db: Db, clock: Clock) {
  let nextRun = 0;
  return {
    name: 'inbound-retention',
    async run() {
      const now = clock.now().getTime();
      if (now < nextRun) return;
      const before = new Date(now - INBOUND_RETENTION_DAYS * 24 * HOUR);
      while ((await pruneInbound(db, before, BATCH)) === BATCH);
      nextRun = now + HOUR;
    },
  };
}
