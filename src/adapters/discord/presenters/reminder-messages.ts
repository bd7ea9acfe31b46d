import type { Reminder } from '../../../delivery/content.js';
import { discordTime, safeText } from '../discord-text.js';
import type { MessageBody } from './embed-limits.js';
import { pageMentions } from './notice-messages.js';
import { linesToEmbeds, packMessages } from './pack-embeds.js';

const WHY: Record<NonNullable<Reminder['step']>, string> = {
  team: 'needs an answer',
  oncall: 'is overdue, so on-call is being told',
  ambassador: 'is still overdue, so the community’s ambassador is being told',
};

/** One reminder per team and window: every at-risk or overdue item, oldest first, however many there are. */
export function reminderMessages(reminder: Reminder): MessageBody[] {
  const lines = reminder.items.map((i) => {
    const state = i.state === 'breached' ? '🚨 overdue' : '⚠️ at risk';
    const link = i.permalink?.startsWith('https://') ? ` · [original](${i.permalink})` : '';
    return `${state} **#${i.itemId}** ${i.target} by ${discordTime(i.dueAt)}${i.snoozed ? ' (snoozed)' : ''}: ${safeText(i.excerpt)}${link}`;
  });
  const count = reminder.items.length;
  const title = `${safeText(reminder.teamName)}: ${count} item${count === 1 ? '' : 's'} ${WHY[reminder.step ?? 'team']}`;
  const { text, allowed } = pageMentions(reminder.mention ?? null);
  return packMessages(linesToEmbeds(title, lines, { color: 0xf0a020 }), { ...(text ? { content: text } : {}), allowed_mentions: allowed });
}
