import { excerpt } from '../../core/inert-text.js';
import { reminderSummary, type AmbassadorNote, type CardLog, type LoopReply, type Notice, type Page, type Reminder } from '../../delivery/content.js';
import { actionSentence } from '../../delivery/action-words.js';
import type { ReminderLinks } from '../../delivery/reminder-links.js';
import { noticeWords, shippedWords } from '../../delivery/notice-words.js';
import { assertMessageBlocks, type Block } from './block-kit-limits.js';
import { context, section, sectionsFromLines } from './blocks.js';
import { escapeMrkdwn, link, mentionGroup, mentionUser, quote, slackDate, userText } from './mrkdwn.js';

export interface Drawn { text: string; blocks: Block[] }
const drawn = (text: string, blocks: Block[]): Drawn => ({ text, blocks: assertMessageBlocks(blocks) });

/** One line in the card's thread for every action, so the thread is the card's history. */
export function cardLogBlocks(log: CardLog): Drawn {
  const line = actionSentence(log, userText);
  return drawn(line, [section(line)]);
}

/** The reply to the person who gave the feedback. It mentions them and nobody else. */
export function loopReplyBlocks(reply: LoopReply): Drawn {
  const team = escapeMrkdwn(reply.team);
  const said =
    reply.outcome === 'resolved' && reply.shipped ? `${team} at ${escapeMrkdwn(reply.organisation)} has resolved this. ${reply.shipped.url ? `It has shipped: ${link(reply.shipped.url, reply.shipped.key)}.` : shippedWords(reply.shipped)} Thank you for telling us.`
    : reply.outcome === 'resolved' ? `${team} at ${escapeMrkdwn(reply.organisation)} has resolved this. Thank you for telling us.`
    : reply.outcome === 'declined' ? `${team} at ${escapeMrkdwn(reply.organisation)} looked at this and won't act on it for now${reply.reason ? `: ${userText(reply.reason)}` : '.'}`
    : reply.outcome === 'reopened' ? `Correction: ${team} at ${escapeMrkdwn(reply.organisation)} has reopened this and is looking at it again.`
    : `${team} at ${escapeMrkdwn(reply.organisation)} has seen this and is on it.`;
  // A direct message has no thread to show what "this" is: it quotes the feedback's first line.
  const to = mentionUser(reply.authorId);
  const about = reply.dm && reply.quote ? `About your feedback “${userText(reply.quote)}”: ` : '';
  const text = `${to ? `${to} ` : ''}${about}${said}`;
  return drawn(text, [section(text), context(`Feedback #${reply.itemId}`)]);
}

/** A private notice to the person who pressed a button: what did not happen, and the tracker's reason. */
export function noticeBlocks(notice: Notice): Drawn {
  const words = noticeWords(notice);
  const text = `:warning: ${userText(words.headline)}: ${userText(words.reason)}`;
  return drawn(text, [section(text), context(userText(words.next))]);
}

/** A note to the community's ambassador (a DM): what happened, to what, and who was told. */
export function ambassadorNoteBlocks(note: AmbassadorNote): Drawn {
  const head = `*${escapeMrkdwn(note.team)}* ${escapeMrkdwn(note.outcome)} feedback #${note.itemId} from ${escapeMrkdwn(note.community)}${note.reason ? `: ${userText(note.reason)}` : ''}`;
  const told = `${note.voices} ${note.voices === 1 ? 'person was' : 'people were'} told${note.unreachable ? `; ${note.unreachable} can only be reached by you` : ''}`;
  return drawn(head, [section(head), ...(note.excerpt ? [section(quote(excerpt(note.excerpt, 280)))] : []), context(told)]);
}

/** The on-call page under the card. The mention is built from the config's IDs, never from user text. */
export function pageBlocks(page: Page, timezone: string): Drawn {
  const who = page.oncall?.slackUserGroup ? mentionGroup(page.oncall.slackUserGroup) : page.oncall?.slackUser ? mentionUser(page.oncall.slackUser) : '';
  const due = page.acknowledgeDueAt ? ` Acknowledge by ${slackDate(page.acknowledgeDueAt, timezone)}.` : '';
  const text = `${who ? `${who} ` : ''}:rotating_light: #${page.itemId} was escalated to *${page.priority}* for ${escapeMrkdwn(page.team)} by ${userText(page.by)}: ${userText(page.reason)}.${due}`;
  return drawn(text, [section(text)]);
}

/** The team's combined reminder: its at-risk and overdue items, oldest first, each number linking the team's card. */
export function reminderBlocks(reminder: Reminder, timezone: string, links: ReminderLinks = new Map()): Drawn {
  const mention = reminder.mention?.slackUserGroup ? `${mentionGroup(reminder.mention.slackUserGroup)} ` : reminder.mention?.slackUser ? `${mentionUser(reminder.mention.slackUser)} ` : '';
  const summary = reminderSummary(reminder);
  const head = `${mention}:alarm_clock: ${escapeMrkdwn(reminder.teamName)}: ${summary.items} ${summary.reason}`;
  const lines = reminder.items.map((i) => `${i.state === 'breached' ? ':red_circle: overdue' : ':large_orange_circle: at risk'} ${link(links.get(i.routingId)?.url, `#${i.itemId}`)} ${i.target} by ${slackDate(i.dueAt, timezone)}${i.snoozed ? ' :zzz:' : ''}: ${userText(excerpt(i.excerpt, 120))}`);
  if (summary.more) lines.push(`_${summary.more}_`);
  // A reminder lists at most what one message holds; the oldest come first, and the count says how many there are.
  return drawn(head, [section(head), ...sectionsFromLines(lines).slice(0, 40)]);
}
