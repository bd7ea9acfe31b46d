import type { Message } from 'discord.js';
import { captureFeedback } from '../../../core/capture-feedback.js';
import { advanceSourceCursor } from '../../../core/sources/source-cursor.js';
import { inboundDeps, type GatewayDeps } from './gateway-deps.js';
import { receiveInbound } from './inbound.js';
import { captureInputOf, forumPostOf, messageFacts, MessageFacts, type ForumPost } from './message-facts.js';

export const MESSAGE_EVENT = 'discord.message';

type MessageSource = { sourceId: string; kind: 'channel' | 'forum'; forum?: ForumPost };

/**
 * The source a message belongs to: a configured channel, or a forum whose post this message starts. A forum post's
 * starter message has the thread's own ID, which tells it apart from replies in the post (those are not new items).
 */
export async function sourceOfMessage(deps: GatewayDeps, message: Message<true>): Promise<MessageSource | undefined> {
  if (deps.sources.channels.has(message.channelId)) return { sourceId: message.channelId, kind: 'channel' };
  if (message.id !== message.channelId) return undefined;
  const channel = message.channel?.isThread() ? message.channel : await deps.client.channels.fetch(message.channelId).catch(() => null);
  if (!channel?.isThread() || !channel.parentId || !deps.sources.forums.has(channel.parentId)) return undefined;
  return { sourceId: channel.parentId, kind: 'forum', forum: forumPostOf(channel) };
}

/** A live or fetched message: community members' messages in sources are captured; bots and system messages are not. */
export async function onMessage(deps: GatewayDeps, message: Message): Promise<void> {
  if (!message.inGuild() || message.author.bot || message.system || message.webhookId) return;
  const source = await sourceOfMessage(deps, message);
  if (!source) return;
  await receiveMessage(deps, messageFacts(message, source, source.forum));
}

export function receiveMessage(deps: GatewayDeps, facts: MessageFacts) {
  return receiveInbound(inboundDeps(deps), { key: `discord:message:${facts.channelId}:${facts.id}`, kind: MESSAGE_EVENT, payload: facts }, captureMessageHandler(deps));
}

/** Captures a stored message event; also what the retry job runs for one left pending. */
export function captureMessageHandler(deps: GatewayDeps) {
  return async (payload: Record<string, unknown>): Promise<void> => {
    const facts = MessageFacts.parse(payload);
    const forum = facts.kind === 'forum' ? (facts.forum ?? (await fetchForumPost(deps, facts.channelId))) : undefined;
    const result = await captureFeedback(deps.ctx, captureInputOf({ ...facts, forum }));
    // A forum's cursor is its newest post (thread ID); a channel's is its newest message.
    await advanceSourceCursor(deps.ctx.db, 'discord', facts.sourceId, facts.kind === 'forum' ? facts.channelId : facts.id);
    deps.logger.debug({ channelId: facts.channelId, messageId: facts.id, status: result.status }, 'discord message processed');
  };
}

async function fetchForumPost(deps: GatewayDeps, threadId: string): Promise<ForumPost | undefined> {
  const thread = await deps.client.channels.fetch(threadId);
  return thread?.isThread() ? forumPostOf(thread) : undefined;
}
