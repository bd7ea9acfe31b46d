import type { Logger } from 'pino';
import type { Clock } from '../../../core/clock.js';
import { isDomainError } from '../../../core/errors.js';
import { completeInbound, failInbound, recordInbound } from '../../../core/inbound/inbound-log.js';
import type { Db } from '../../../db/client.js';
import { errorWords } from '../../../delivery/error-words.js';

export interface InboundEvent { key: string; kind: string; payload: Record<string, unknown> }

/**
 * Persist before you forget: each gateway event is stored (or recognised as already seen) before any work that can
 * fail. A replayed or re-fetched event finds its key taken; one whose processing failed stays pending for the retry
 * job. An expected refusal (a DomainError) is an answer, not a failure, and is not retried.
 */
export async function receiveInbound(deps: { db: Db; clock: Clock; logger: Logger }, event: InboundEvent, handle: (payload: Record<string, unknown>) => Promise<void>): Promise<'processed' | 'duplicate' | 'refused' | 'failed'> {
  const { db, clock, logger } = deps;
  if ((await recordInbound(db, { ...event, platform: 'discord' }, clock.now())) === 'duplicate') {
    logger.debug({ key: event.key }, 'discord event already received');
    return 'duplicate';
  }
  try {
    await handle(event.payload);
    await completeInbound(db, event.key, clock.now());
    return 'processed';
  } catch (error) {
    if (isDomainError(error)) {
      logger.info({ key: event.key, kind: event.kind, code: error.code, reason: errorWords(error) }, 'discord event refused');
      await completeInbound(db, event.key, clock.now());
      return 'refused';
    }
    logger.error({ key: event.key, kind: event.kind, err: error }, 'discord event failed; it will be retried');
    await failInbound(db, event.key, error);
    return 'failed';
  }
}

/** The retry job's handler: a DomainError on a retry is an answer too. */
export function retryable(handle: (payload: Record<string, unknown>) => Promise<void>, logger: Logger) {
  return async (payload: Record<string, unknown>) => {
    try {
      await handle(payload);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      logger.info({ code: error.code, reason: errorWords(error) }, 'retried discord event refused');
    }
  };
}
