import { reminderSummary, type Reminder } from '../../../delivery/content.js';
import { discordTime, safeText } from '../discord-text.js';
import type { MessageBody } from './embed-limits.js';
import { pageMentions } from './notice-messages.js';
import { linesToEmbeds, packMessages } from './pack-embeds.js';

/** One reminder per team and window: its at-risk and overdue items, oldest first, and how many more there are. */
export function reminderMessages(reminder: Reminder): MessageBody[] {
  const lines = reminder.items.map((i) => {
    const state = i.state === 'breached' ? '🚨 overdue' : '⚠️ at risk';
    const link = i.permalink?.startsWith('https://') ? ` · [original](${i.permalink})` : '';
    return `${state} **#${i.itemId}** ${i.target} by ${discordTime(i.dueAt)}${i.snoozed ? ' (snoozed)' : ''}: ${safeText(i.excerpt)}${link}`;
  });
  const summary = reminderSummary(reminder);
  if (summary.more) lines.push(`*${summary.more}*`);
  const title = `${safeText(reminder.teamName)}: ${summary.items} ${summary.reason}`;
  const { text, allowed } = pageMentions(reminder.mention ?? null);
  return packMessages(linesToEmbeds(title, lines, { color: 0xf0a020 }), { ...(text ? { content: text } : {}), allowed_mentions: allowed });
}
