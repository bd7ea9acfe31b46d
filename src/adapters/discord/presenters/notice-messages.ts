import type { AmbassadorNote, CardLog, Notice, Page } from '../../../delivery/content.js';
import { actionSentence } from '../../../delivery/action-words.js';
import { noticeWords } from '../../../delivery/notice-words.js';
import { excerpt } from '../../../core/inert-text.js';
import { clip, discordTime, quote, roleMention, safeText, userMention } from '../discord-text.js';
import { LIMITS, type MessageBody } from './embed-limits.js';


/** One line in the card's thread: who did what, for which team. Names are shown, never pinged. */
export function cardLogMessage(log: CardLog): MessageBody {
  return { content: clip(actionSentence(log, safeText), LIMITS.content), allowed_mentions: { parse: [] } };
}

/** Who a page may ping: the on-call role or user named in the config, and nobody else. */
export function pageMentions(oncall: Page['oncall']): { text: string; allowed: MessageBody['allowed_mentions'] } {
  if (oncall?.discordRole) return { text: roleMention(oncall.discordRole), allowed: { parse: [], roles: [oncall.discordRole] } };
  if (oncall?.discordUser) return { text: userMention(oncall.discordUser), allowed: { parse: [], users: [oncall.discordUser] } };
  return { text: '', allowed: { parse: [] } };
}

/** An escalation, as a reply to the card so it sits right under it, paging the team's on-call. */
export function pageMessage(page: Page, cardMessageId: string | null): MessageBody {
  const { text, allowed } = pageMentions(page.oncall);
  const due = page.acknowledgeDueAt ? ` Please acknowledge by ${discordTime(page.acknowledgeDueAt)}.` : '';
  return {
    content: clip(`${text ? `${text} ` : ''}🚨 #${page.itemId} was escalated to **${page.priority}** by ${safeText(page.by)}: ${safeText(page.reason)}.${due}`, LIMITS.content),
    allowed_mentions: { ...allowed, replied_user: false },
    ...(cardMessageId ? { message_reference: { message_id: cardMessageId, fail_if_not_exists: false } } : {}),
  };
}

/** A direct message to a community's ambassador about an outcome. */
export function ambassadorNoteMessage(note: AmbassadorNote): MessageBody {
  const lines = [
    `**${safeText(note.team)}** ${safeText(note.outcome)} #${note.itemId} from ${safeText(note.community)}${note.reason ? `: ${safeText(note.reason)}` : ''}`,
    ...(note.excerpt ? [quote(excerpt(note.excerpt, 300))] : []),
    `${note.voices} ${note.voices === 1 ? 'person was' : 'people were'} told${note.unreachable ? `; ${note.unreachable} can only hear it from you` : ''}.`,
  ];
  return { content: clip(lines.join('\n'), LIMITS.content), allowed_mentions: { parse: [] } };
}

/** A private notice to the person who pressed a button (an ephemeral follow-up on the card, or a DM). */
export function privateNoticeMessage(notice: Notice): MessageBody {
  const words = noticeWords(notice);
  return { content: clip(`⚠️ ${safeText(words.headline)}: ${safeText(words.reason)}\n${safeText(words.next)}`, LIMITS.content), allowed_mentions: { parse: [] } };
}
