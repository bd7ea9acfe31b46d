import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import { completeInbound, failInbound, pendingInbound } from '../core/inbound/inbound-log.js';
import type { Db } from '../db/client.js';

/** Re-processes an inbound event by kind; each adapter registers the handlers for its own kinds. */
export type InboundHandler = (payload: Record<string, unknown>) => Promise<void>;

/** Events left pending (a crash, an outage during processing) are processed again, a minute later at the earliest. */
export function inboundRetryJob(db: Db, clock: Clock, logger: Logger, handlers: Map<string, InboundHandler>) {
  return {
    name: 'inbound-retry',
    async run() {
      const stale = await pendingInbound(db, new Date(clock.now().getTime() - 60_000));
      for (const event of stale) {
        const handle = handlers.get(event.kind);
        if (!handle) continue;
        try {
          await handle(event.payload);
          await completeInbound(db, event.key, clock.now());
        } catch (error) {
          await failInbound(db, event.key, error);
          logger.warn({ key: event.key, kind: event.kind, err: error }, 'inbound event failed again');
        }
      }
    },
  };
}
