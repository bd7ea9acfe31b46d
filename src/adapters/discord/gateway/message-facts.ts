import type { AnyThreadChannel, Message } from 'discord.js';
import { z } from 'zod';
import type { CaptureInput } from '../../../core/capture-feedback.js';
import { displayName } from '../actor-of.js';
import { messageLink } from '../discord-text.js';
import { readableContent } from './readable-content.js';

const ForumPost = z.object({ title: z.string(), tags: z.array(z.string()) });
export type ForumPost = z.infer<typeof ForumPost>;

/**
 * What Liaison keeps of a Discord message in the inbound log: enough to capture it again without Discord, whether
 * it came from the gateway or from a catch-up fetch.
 */
export const MessageFacts = z.object({
  id: z.string(),
  channelId: z.string(),
  guildId: z.string(),
  /** The configured source: the channel itself, or the forum a post belongs to. */
  sourceId: z.string(),
  kind: z.enum(['channel', 'forum']),
  content: z.string(),
  attachments: z.array(z.string()).default([]),
  authorId: z.string(),
  authorName: z.string(),
  postedAt: z.string(),
  /** A forum post's title and tag names, when the thread was at hand; fetched when processed otherwise. */
  forum: ForumPost.optional(),
});
export type MessageFacts = z.infer<typeof MessageFacts>;

export function messageFacts(message: Message<true>, source: { sourceId: string; kind: 'channel' | 'forum' }, forum?: ForumPost): MessageFacts {
  return {
    id: message.id,
    channelId: message.channelId,
    guildId: message.guildId,
    sourceId: source.sourceId,
    kind: source.kind,
    content: readableContent(message),
    attachments: message.attachments.map((a) => a.url),
    authorId: message.author.id,
    authorName: displayName({ username: message.author.username, globalName: message.author.globalName, nick: message.member?.nickname }),
    postedAt: message.createdAt.toISOString(),
    forum,
  };
}

/** A forum post's title and the names of its applied tags, from the thread and its forum. */
export function forumPostOf(thread: AnyThreadChannel): ForumPost {
  const available = thread.parent && 'availableTags' in thread.parent ? thread.parent.availableTags : [];
  const tags = thread.appliedTags.flatMap((id) => available.filter((t) => t.id === id).map((t) => t.name));
  return { title: thread.name, tags };
}

/** Automatic capture of a message in a source channel, or of a forum post (one item per post, titled, tagged). */
export function captureInputOf(facts: MessageFacts): CaptureInput {
  const extras = facts.attachments.map((url) => `Attachment: ${url}`);
  return {
    source: { platform: 'discord', id: facts.sourceId },
    message: {
      platform: 'discord',
      channelId: facts.channelId,
      id: facts.id,
      title: facts.forum?.title.slice(0, 300),
      text: [facts.content, ...(extras.length > 0 ? ['', ...extras] : [])].join('\n').trim(),
      tags: facts.forum?.tags ?? [],
      permalink: messageLink(facts.guildId, facts.channelId, facts.id),
      postedAt: facts.postedAt,
    },
    author: { platform: 'discord', id: facts.authorId, name: facts.authorName || 'someone' },
    via: facts.kind === 'forum' ? 'forum_post' : 'message',
  };
}
