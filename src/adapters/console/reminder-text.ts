import { inert } from '../../core/inert-text.js';
import { reminderSummary, type Reminder } from '../../delivery/content.js';
import type { ReminderLinks } from '../../delivery/reminder-links.js';
import { zonedTime } from '../local-time.js';

/** A reminder or a breach-ladder step as terminal text: one line per item, oldest first, with its item page. */
export function reminderText(r: Reminder, timezone: string, links: ReminderLinks = new Map()): string[] {
  const who = r.mention ? ` ${Object.entries(r.mention).map(([k, v]) => `${k}:${v}`).join(' ')}` : '';
  const summary = reminderSummary(r);
  return [
    `${r.step ? '' : 'Reminder for '}${r.teamName}${who}: ${summary.items} ${summary.reason}`,
    ...r.items.map((i) => `  ${i.state === 'breached' ? 'OVERDUE' : 'at risk'} #${i.itemId} ${i.target} by ${zonedTime(i.dueAt, timezone)}${i.snoozed ? ' (snoozed)' : ''}: ${inert(i.excerpt)}${links.has(i.routingId) ? ` · ${links.get(i.routingId)?.url}` : ''}`),
    ...(summary.more ? [`  ${summary.more}`] : []),
  ];
}
