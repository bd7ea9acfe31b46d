import { reminderSummary, type Reminder } from '../../../delivery/content.js';
import type { ReminderLinks } from '../../../delivery/reminder-links.js';
import { discordTime, safeText } from '../discord-text.js';
import type { MessageBody } from './embed-limits.js';
import { pageMentions } from './notice-messages.js';
import { linesToEmbeds, packMessages } from './pack-embeds.js';

/**
 * One reminder per team and window: its at-risk and overdue items, oldest first, each linked to the team's card,
 * and how many more there are.
 */
export function reminderMessages(reminder: Reminder, links: ReminderLinks = new Map()): MessageBody[] {
  const lines = reminder.items.map((i) => {
    const state = i.state === 'breached' ? '🚨 overdue' : '⚠️ at risk';
    const to = links.get(i.routingId);
    // `<…>` keeps Discord from unfurling every linked card under the reminder.
    const link = to && /^https?:\/\/\S+$/.test(to.url) ? ` · [${to.to === 'card' ? 'open the card' : 'open in Liaison'}](<${to.url}>)` : '';
    return `${state} **#${i.itemId}** ${i.target} by ${discordTime(i.dueAt)}${i.snoozed ? ' (snoozed)' : ''}: ${safeText(i.excerpt)}${link}`;
  });
  const summary = reminderSummary(reminder);
  if (summary.more) lines.push(`*${summary.more}*`);
  const title = `${safeText(reminder.teamName)}: ${summary.items} ${summary.reason}`;
  const { text, allowed } = pageMentions(reminder.mention ?? null);
  return packMessages(linesToEmbeds(title, lines, { color: 0xf0a020 }), { ...(text ? { content: text } : {}), allowed_mentions: allowed });
}
