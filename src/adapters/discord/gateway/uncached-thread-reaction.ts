import type { GatewayMessageReactionAddDispatchData, GatewayMessageReactionRemoveDispatchData } from 'discord.js';
import { emojiKey } from './emoji.js';
import type { GatewayDeps } from './gateway-deps.js';
import { noteReaction } from './reaction-events.js';

type ReactionDispatch = GatewayMessageReactionAddDispatchData | GatewayMessageReactionRemoveDispatchData;

/**
 * discord.js drops a reaction whose channel it has not cached, partials or not: a partial channel can only be a DM,
 * since a guild channel cannot be built without its type. Discord sends only active threads when the client
 * connects, so a reaction on a card in an archived thread, or in a thread the client was never told of, would be
 * lost. The raw dispatch is looked at for exactly that case, before discord.js handles it (Raw is emitted first);
 * the channel is looked up when the stored event is handled, so a failed lookup is retried, not lost.
 */
export async function onUncachedReaction(deps: GatewayDeps, op: 'add' | 'remove', d: ReactionDispatch): Promise<void> {
  if (!d.guild_id || deps.client.channels.cache.has(d.channel_id)) return;
  const member = 'member' in d ? d.member : undefined;
  await noteReaction(deps, {
    op, guildId: d.guild_id, channelId: d.channel_id, messageId: d.message_id, userId: d.user_id, emoji: emojiKey(d.emoji),
    userIsBot: Boolean(member?.user.bot),
    ...(member ? { member: { id: d.user_id, username: member.user.username, roles: member.roles } } : {}),
    home: 'unknown',
  });
}
