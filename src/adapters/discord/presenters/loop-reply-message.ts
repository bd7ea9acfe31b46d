import type { LoopReply } from '../../../delivery/content.js';
import { shippedWords } from '../../../delivery/notice-words.js';
import { clip, safeText, userMention } from '../discord-text.js';
import { LIMITS, type MessageBody } from './embed-limits.js';

/** What the author hears, in words a community member understands (no internal jargon, no status codes). */
export function loopReplyText(reply: LoopReply): string {
  const team = safeText(reply.team);
  switch (reply.outcome) {
    case 'resolved':
      // The link is ours (the tracker's public URL), so it is shown as it is; it is wrapped in <> to keep it from unfurling.
      if (reply.shipped) return `${team} at ${safeText(reply.organisation)} has resolved this. ${reply.shipped.url ? `It has shipped: <${reply.shipped.url}>` : shippedWords(reply.shipped)} Thank you for telling us!`;
      return `${team} at ${safeText(reply.organisation)} has resolved this. Thank you for telling us!`;
    case 'declined':
      return `${team} at ${safeText(reply.organisation)} looked at this and won't act on it for now${reply.reason ? `: ${safeText(reply.reason)}` : '.'}`;
    case 'acknowledged':
      return `${team} at ${safeText(reply.organisation)} has seen this and is looking into it.`;
    case 'reopened':
      return `Correction: ${team} at ${safeText(reply.organisation)} has reopened this and is looking at it again.`;
  }
}

/**
 * The close-the-loop reply under the original message (or in the forum post). It mentions the author and nobody
 * else: allowed_mentions names only them, so even a mention that slipped into the text could not ping.
 */
export function loopReplyMessage(reply: LoopReply, replyToMessageId: string | null): MessageBody {
  return {
    content: clip(`${userMention(reply.authorId)} ${loopReplyText(reply)} (ref #${reply.itemId})`, LIMITS.content),
    allowed_mentions: { parse: [], users: [reply.authorId], replied_user: false },
    ...(replyToMessageId ? { message_reference: { message_id: replyToMessageId, fail_if_not_exists: false } } : {}),
  };
}

/** The same news as a direct message: no mention needed, and nothing to reply to. */
export function loopReplyDm(reply: LoopReply): MessageBody {
  const about = reply.quote ? `About your feedback “${safeText(reply.quote)}” (ref #${reply.itemId})` : `About your feedback (ref #${reply.itemId})`;
  return { content: clip(`${about}: ${loopReplyText(reply)}`, LIMITS.content), allowed_mentions: { parse: [] } };
}
