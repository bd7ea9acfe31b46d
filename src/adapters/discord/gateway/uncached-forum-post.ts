import type { GatewayMessageCreateDispatchData } from 'discord.js';
import { displayName } from '../actor-of.js';
import type { GatewayDeps } from './gateway-deps.js';
import { receiveMessage } from './message-capture.js';
import { forumPostOf, type MessageFacts } from './message-facts.js';

/**
 * discord.js drops a message whose channel it does not know. A forum post's starter message can arrive before its
 * thread does, so the raw dispatch is looked at for exactly that case: a starter message (its ID is the thread's)
 * in a community's server, in a channel not in the cache. Everything else goes the ordinary way.
 */
export async function onUncachedStarterMessage(deps: GatewayDeps, d: GatewayMessageCreateDispatchData): Promise<void> {
  if (!d.guild_id || d.id !== d.channel_id || d.author.bot || d.webhook_id) return;
  if (!deps.sources.guildCommunity.has(d.guild_id) || deps.client.channels.cache.has(d.channel_id)) return;
  const thread = await deps.client.channels.fetch(d.channel_id);
  if (!thread?.isThread() || !thread.parentId || !deps.sources.forums.has(thread.parentId)) return;
  const facts: MessageFacts = {
    id: d.id,
    channelId: d.channel_id,
    guildId: d.guild_id,
    sourceId: thread.parentId,
    kind: 'forum',
    content: d.content,
    attachments: d.attachments.map((a) => a.url),
    authorId: d.author.id,
    authorName: displayName({ username: d.author.username, globalName: d.author.global_name, nick: d.member?.nick }),
    postedAt: d.timestamp,
    forum: forumPostOf(thread),
  };
  await receiveMessage(deps, facts);
}
