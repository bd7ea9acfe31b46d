import type { DeliveryTarget } from '../../../delivery/chat-port.js';
import type { RateLimit } from '../../../delivery/rate-buckets.js';

/**
 * Discord's limits for what deliveries call: 50 requests per second for the whole bot, and per route, keyed by its
 * channel, 5 messages (or 5 edits) per 5 seconds. A route is spent evenly (burst 1), so a fixed five-second window is
 * never exceeded whatever the phase. The global budget, which every channel's lane draws from, keeps a second token:
 * with burst 1 a token nobody took at once (lanes wake a little late) would be lost, and 2 + 0.95 × 50 still stays
 * under 50 in any second. https://discord.com/developers/docs/topics/rate-limits
 */
const GLOBAL: RateLimit = { key: 'discord:global', scope: 'global', perSecond: 50, burst: 2 };
const route = (verb: 'post' | 'edit', channelId: string): RateLimit => ({ key: `discord:${verb}:${channelId}`, scope: 'route', perSecond: 1, burst: 1, ownLane: true });

export function discordLimits(target: DeliveryTarget): RateLimit[] {
  return [route(target.kind === 'card_update' ? 'edit' : 'post', target.channelId), GLOBAL];
}
