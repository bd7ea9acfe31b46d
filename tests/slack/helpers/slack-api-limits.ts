import type { WindowLimit } from '../../fakes/platform-rate-limits.js';

/**
 * Slack's published limits, as its Web API enforces them (https://api.slack.com/apis/rate-limits):
 * `chat.postMessage` one message per second per channel, the other methods Liaison calls per workspace by tier
 * (Tier 2: 20/min, Tier 3: 50/min, Tier 4: 100/min). Methods not listed here are not limited by the double.
 * A method's window is per workspace (`workspace`: the bot token the call came with); a channel's is the channel's.
 */
const TIER_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;
const METHOD_TIER: Record<string, keyof typeof TIER_PER_MINUTE> = {
  'chat.update': 3,
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'chat.getPermalink': 4,
  'conversations.history': 3,
  'conversations.replies': 3,
  'conversations.open': 3,
  'conversations.info': 3,
  'reactions.add': 3,
  'reactions.get': 3,
  'reactions.remove': 2,
  'views.open': 4,
  'views.publish': 4,
  'users.info': 4,
  'usergroups.users.list': 2,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
};

/** The limits one Web API call counts against. */
export function slackWindowLimits(method: string, args: Record<string, unknown>, workspace: string): WindowLimit[] {
  if (method === 'chat.postMessage') return [{ key: `channel:${String(args.channel)}`, limit: 1, windowMs: 1_000, scope: 'channel' }];
  const tier = METHOD_TIER[method];
  return tier ? [{ key: `${workspace}:method:${method}`, limit: TIER_PER_MINUTE[tier], windowMs: 60_000, scope: `method:${method}` }] : [];
}
