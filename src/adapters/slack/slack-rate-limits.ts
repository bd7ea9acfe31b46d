import type { DeliveryTarget } from '../../delivery/chat-port.js';
import type { RateLimit } from '../../delivery/rate-buckets.js';

/**
 * Slack's published limits for what deliveries call: `chat.postMessage` about one message per second per channel
 * (its own "special" limit), the other methods by their tier, per workspace (Tier 2: 20/min, 3: 50/min, 4: 100/min).
 * https://api.slack.com/apis/rate-limits
 */
const TIER_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;

/**
 * A tier's bucket starts full (a tenth of the minute's calls at once) and refills so that the full bucket plus a
 * minute's refill stays within the tier: Slack counts calls per minute, and a steady stream after a full bucket
 * (5 + 50 a minute on Tier 3) would run into the 51st call's 429.
 */
const method = (name: string, tier: keyof typeof TIER_PER_MINUTE, cost = 1): RateLimit => {
  const perMinute = TIER_PER_MINUTE[tier];
  const burst = Math.ceil(perMinute / 10);
  return { key: `slack:method:${name}`, scope: slackScope(name), perSecond: (perMinute - burst) / 60, burst, ...(cost === 1 ? {} : { cost }) };
};
const postIn = (channelId: string): RateLimit => ({ key: `slack:channel:${channelId}`, scope: 'channel', perSecond: 1, burst: 1, ownLane: true });

/** How a 429 from `method` names its bucket: a post counts against its channel, every other method against its tier. */
export function slackScope(methodName: string): string {
  return methodName === 'chat.postMessage' ? 'channel' : `method:${methodName}`;
}

/**
 * Calls a delivery makes besides its main one, known only from what it carries and what the port remembers: opening
 * a DM with someone it has not written to yet, and looking up the links of a reminder's cards it has not linked yet.
 */
export interface SideCalls {
  opensDm: boolean;
  permalinks: number;
}

/**
 * The limits one delivery spends from, the one its main call counts against first. A retry first looks for what an
 * earlier attempt posted (the channel's history, or the thread's replies), so it spends from those methods too.
 * Opening a DM (Tier 3) and looking up permalinks (Tier 4, one call per card) spend from their own methods' buckets,
 * so that a burst of DMs or of reminders is paced like everything else, and a 429 on them pauses only those.
 */
export function slackLimits(target: DeliveryTarget, side: SideCalls = { opensDm: false, permalinks: 0 }): RateLimit[] {
  const sideLimits = [...(side.opensDm ? [method('conversations.open', 3)] : []), ...(side.permalinks > 0 ? [method('chat.getPermalink', 4, side.permalinks)] : [])];
  return [...mainLimits(target), ...sideLimits];
}

function mainLimits(target: DeliveryTarget): RateLimit[] {
  const lookup = target.retry ? [method(target.inThread ? 'conversations.replies' : 'conversations.history', 3)] : [];
  switch (target.kind) {
    case 'card_update': return [method('chat.update', 3)];
    case 'notice': return [method('chat.postEphemeral', 4)];
    case 'digest_chart': return [method('files.getUploadURLExternal', 4), method('files.completeUploadExternal', 4), postIn(target.channelId), ...lookup];
    // A long digest's later parts go in a thread of the first: a retry may look in both.
    case 'digest_summary':
    case 'digest_team':
    case 'digest_silos':
      return [postIn(target.channelId), ...(target.retry && !target.inThread ? [method('conversations.history', 3), method('conversations.replies', 3)] : lookup)];
    default: return [postIn(target.channelId), ...lookup];
  }
}
