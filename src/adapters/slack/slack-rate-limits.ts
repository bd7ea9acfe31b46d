import type { DeliveryTarget } from '../../delivery/chat-port.js';
import type { RateLimit } from '../../delivery/rate-buckets.js';

/**
 * Slack's published limits for what deliveries call: `chat.postMessage` about one message per second per channel
 * (its own "special" limit), the other methods by their tier, per workspace (Tier 2: 20/min, 3: 50/min, 4: 100/min).
 * https://api.slack.com/apis/rate-limits
 */
const TIER_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;
const method = (name: string, tier: keyof typeof TIER_PER_MINUTE): RateLimit => ({ key: `slack:method:${name}`, scope: 'method', perSecond: TIER_PER_MINUTE[tier] / 60, burst: Math.ceil(TIER_PER_MINUTE[tier] / 10) });
const postIn = (channelId: string): RateLimit => ({ key: `slack:channel:${channelId}`, scope: 'channel', perSecond: 1, burst: 1, ownLane: true });

/** The limits one delivery spends from, the one its main call counts against first. */
export function slackLimits(target: DeliveryTarget): RateLimit[] {
  switch (target.kind) {
    case 'card_update': return [method('chat.update', 3)];
    case 'notice': return [method('chat.postEphemeral', 4)];
    case 'digest_chart': return [method('files.getUploadURLExternal', 4), postIn(target.channelId)];
    default: return [postIn(target.channelId)];
  }
}
