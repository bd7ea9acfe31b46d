import { inert } from '../../core/inert-text.js';
import type { Reminder } from '../../delivery/content.js';
import { localTime } from '../local-time.js';

const HEADLINE: Record<NonNullable<Reminder['step']>, string> = {
  team: 'now overdue',
  oncall: 'still overdue, nobody has acted: on-call, please pick these up',
  ambassador: 'overdue for your community, and the team has not acted',
};

/** A reminder or a breach-ladder step as terminal text: one line per item, oldest first, with its link. */
export function reminderText(r: Reminder, timezone: string): string[] {
  const who = r.mention ? ` ${Object.entries(r.mention).map(([k, v]) => `${k}:${v}`).join(' ')}` : '';
  const count = r.items.length + (r.omitted ?? 0);
  const headline = r.step ? `${r.teamName}${who}: ${count} item(s) ${HEADLINE[r.step]}` : `Reminder for ${r.teamName}${who}: ${count} item(s) need an answer`;
  return [
    headline,
    ...r.items.map((i) => `  ${i.state === 'breached' ? 'OVERDUE' : 'at risk'} #${i.itemId} ${i.target} by ${localTime(i.dueAt, timezone)}${i.snoozed ? ' (snoozed)' : ''}: ${inert(i.excerpt)}${i.permalink ? ` · ${i.permalink}` : ''}`),
    ...(r.omitted ? [`  …and ${r.omitted} more`] : []),
  ];
}
