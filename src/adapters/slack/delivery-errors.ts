import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../delivery/chat-port.js';
import { BlockKitLimitError } from './block-kit-limits.js';
import { slackScope } from './slack-rate-limits.js';

/** Platform errors that mean "later": Slack's own trouble. Everything else it says is final for this message. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org', 'accesslimited']);

/**
 * Maps what the Web API client threw to what the outbox worker understands: a 429 waits as long as Slack said,
 * 5xx and network trouble (including a hung request, aborted by the client's timeout) are retried with backoff,
 * and `channel_not_found`, `not_in_channel`, `invalid_blocks` and the like are given up on.
 */
export function toDeliveryError(error: unknown): Error {
  if (error instanceof RetryableDeliveryError || error instanceof PermanentDeliveryError) return error;
  if (error instanceof WebAPIRateLimitedError) return new RetryableDeliveryError(`slack ratelimited (retry after ${error.retryAfter}s)`, error.retryAfter * 1000);
  if (error instanceof WebAPIHTTPError) {
    const retryAfter = Number(error.headers['retry-after']);
    return new RetryableDeliveryError(`slack http ${error.statusCode}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
  }
  if (error instanceof WebAPIRequestError) return new RetryableDeliveryError(`slack request failed: ${error.original?.message ?? error.message}`);
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    return TRANSIENT.has(code) ? new RetryableDeliveryError(`slack ${code}`) : new PermanentDeliveryError(code);
  }
  if (error instanceof BlockKitLimitError) return new PermanentDeliveryError(error.message);
  return new RetryableDeliveryError(error instanceof Error ? error.message : String(error));
}

/**
 * Calls one Web API method; a 429 says which bucket it came from (the method's tier, or the channel for a post), so
 * that the outbox pauses that bucket only: a `chat.update` refused does not hold the channel's new cards.
 */
export async function slackCall<T>(methodName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WebAPIRateLimitedError) throw new RetryableDeliveryError(`slack ${methodName} ratelimited (retry after ${error.retryAfter}s)`, error.retryAfter * 1000, slackScope(methodName));
    throw error;
  }
}
