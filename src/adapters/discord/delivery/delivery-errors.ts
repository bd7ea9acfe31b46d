import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../delivery/chat-port.js';
import { LimitError } from '../presenters/embed-limits.js';
import { routeScope } from './discord-rate-limits.js';

/** Discord error codes that no retry can fix: the channel, message or user is gone, or the bot may not post there. */
const PERMANENT_CODES = new Set([
  10003, // Unknown Channel
  10008, // Unknown Message (the card to edit was deleted)
  10013, // Unknown User
  50001, // Missing Access
  50007, // Cannot send messages to this user (DMs closed)
  50013, // Missing Permissions
  50035, // Invalid Form Body
  160005, // Thread is locked
]);

/**
 * Sorts what Discord said into "later" and "never" for the outbox: 429s and outages are retried no sooner than
 * Discord asked; a missing channel or a refused body is not retried at all.
 */
export function toDeliveryError(error: unknown): RetryableDeliveryError | PermanentDeliveryError {
  if (error instanceof RetryableDeliveryError || error instanceof PermanentDeliveryError) return error;
  if (error instanceof LimitError) return new PermanentDeliveryError(error.message);
  if (error instanceof RateLimitError) return new RetryableDeliveryError(`rate limited (${error.global ? 'global' : error.route})`, Math.max(error.retryAfter, 0), error.global ? 'global' : routeOf(error));
  if (error instanceof DiscordAPIError) {
    const detail = `discord ${error.status} ${String(error.code)}: ${error.message}`;
    if (typeof error.code === 'number' && PERMANENT_CODES.has(error.code)) return new PermanentDeliveryError(detail);
    // 401: the token is wrong until an operator fixes it; nothing is lost by waiting for that.
    if (error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500) return new RetryableDeliveryError(detail);
    return new PermanentDeliveryError(detail);
  }
  if (error instanceof HTTPError) return new RetryableDeliveryError(`discord ${error.status}: ${error.message}`);
  // Timeouts, resets, DNS: the network, not the message.
  return new RetryableDeliveryError(error instanceof Error ? `network: ${error.message}` : String(error));
}

/** The route a 429 came from, named as the limits name it: posts and edits by the channel (or thread) in the path. */
function routeOf(error: RateLimitError): string | undefined {
  const path = /\/channels\/(\d+)\/messages(\/\d+)?$/.exec(new URL(error.url, 'http://discord').pathname);
  const method = error.method.toUpperCase();
  if (!path?.[1]) return undefined;
  if (method === 'POST' && !path[2]) return routeScope('post', path[1]);
  return method === 'PATCH' && path[2] ? routeScope('edit', path[1]) : undefined;
}

/** A Discord error with this JSON error code. */
export function hasCode(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}
