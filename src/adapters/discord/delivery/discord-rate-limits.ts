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
const route = (verb: RouteVerb, channelId: string): RateLimit => ({ key: `discord:${verb}:${channelId}`, scope: routeScope(verb, channelId), perSecond: 1, burst: 1, ownLane: true });

type RouteVerb = 'post' | 'edit';

/**
 * How a 429 names its route: by verb and the channel in its path. A thread is a channel, so a post in a thread is
 * counted on the thread's route, not its parent's (discord.js keys its buckets the same way, by the path's channel).
 */
export function routeScope(verb: RouteVerb, channelId: string): string {
  return `route:${verb}:${channelId}`;
}

/** Kinds that go in the thread they are given (a card's, a combined card's, a digest's), rather than answer a message. */
const POSTED_IN_THREAD = new Set(['card', 'card_log', 'page', 'digest_team', 'digest_silos', 'digest_chart']);

/**
 * The limits one delivery spends from, on the routes it really calls: an edit of a message in a thread goes through
 * the thread, a reply in a thread is posted in the thread, and an escalation posts both its note in the card's thread
 * and the page in the channel (two requests from the global budget, as a combined card and the thread it starts).
 */
export function discordLimits(target: DeliveryTarget): RateLimit[] {
  if (target.kind === 'card_update') return [route('edit', target.editsInThreadId ?? target.channelId), GLOBAL];
  const thread = target.threadId && POSTED_IN_THREAD.has(target.kind) ? target.threadId : undefined;
  if (target.kind === 'page' && thread) return [route('post', target.channelId), route('post', thread), { ...GLOBAL, cost: 2 }];
  if (target.kind === 'card_burst') return [route('post', target.channelId), { ...GLOBAL, cost: 2 }];
  return [route('post', thread ?? target.channelId), GLOBAL];
}
