import type { Reminder } from '../../delivery/content.js';
import type { AttentionRow, WatchedRow } from './attention.js';

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

/** The listed items of a reminder, oldest first, and how many more there are (of `total`, all rows by default). */
export function listedItems(rows: AttentionRow[], total = rows.length): Pick<Reminder, 'items' | 'omitted'> {
  const items = rows.slice(0, MAX_LISTED).map(reminderItem);
  return total > MAX_LISTED ? { items, omitted: total - MAX_LISTED } : { items };
}

/**
 * What a message will list, gathered over a pass's pages: the first MAX_LISTED rows offered (the pages come oldest
 * first, so these are the oldest) and how many were offered in all; nothing else is kept.
 */
export class ListedRows {
  readonly first: WatchedRow[] = [];
  total = 0;

  add(row: WatchedRow): void {
    if (this.first.length < MAX_LISTED) this.first.push(row);
    this.total += 1;
  }
}

/** The outbox payload: plain JSON, the shape presenters draw (`Reminder` in delivery/content.ts). */
export function reminderPayload(reminder: Reminder): Record<string, unknown> {
  return JSON.parse(JSON.stringify(reminder)) as Record<string, unknown>;
}
