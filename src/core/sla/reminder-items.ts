import type { Reminder } from '../../delivery/content.js';
import type { AttentionRow } from './attention.js';

type ReminderItem = Reminder['items'][number];

/** A reminder line: the item, what is owed and by when, and where its card is (the link the team follows). */
export function reminderItem(row: AttentionRow): ReminderItem {
  return {
    itemId: row.routing.itemId,
    routingId: row.routing.id,
    excerpt: row.excerpt,
    state: row.sla.state === 'breached' ? 'breached' : 'at_risk',
    target: row.sla.target ?? 'acknowledge',
    dueAt: (row.sla.dueAt ?? row.routing.createdAt).toISOString(),
    permalink: row.permalink,
    ...(row.card ? { card: row.card } : {}),
    ...(row.sla.snoozedUntil ? { snoozed: true } : {}),
  };
}

/** At most this many items per message: the oldest, with a count of the rest (Slack allows 50 blocks). */
export const MAX_LISTED = 25;

/** The listed items of a reminder, oldest first, and how many more there are. */
export function listedItems(rows: AttentionRow[]): Pick<Reminder, 'items' | 'omitted'> {
  const items = rows.slice(0, MAX_LISTED).map(reminderItem);
  return rows.length > MAX_LISTED ? { items, omitted: rows.length - MAX_LISTED } : { items };
}

/** The outbox payload: plain JSON, the shape presenters draw (`Reminder` in delivery/content.ts). */
export function reminderPayload(reminder: Reminder): Record<string, unknown> {
  return JSON.parse(JSON.stringify(reminder)) as Record<string, unknown>;
}
