import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { deliveries } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome } from '../outbox.js';
import { describeRows, needsAttention, type WatchedRow } from './attention.js';
import { ListedRows, listedItems, reminderPayload } from './reminder-items.js';
import type { ReminderWindow } from './reminder-window.js';

/** The delivery key of a team's reminder for a window: one message per team and window. */
export const reminderKey = (team: string, window: ReminderWindow) => `reminder:${team}:${window.key}`;

/** Whether this window's reminder is already in the outbox: then the pass need not gather one. */
export async function reminderSent(tx: Tx, team: string, window: ReminderWindow): Promise<boolean> {
  const [found] = await tx.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.key, reminderKey(team, window))).limit(1);
  return found !== undefined;
}

/** Gathers, page by page, what the window's reminder lists: at-risk and overdue routings not snoozed, oldest first. */
export class ReminderGathering {
  readonly listed = new ListedRows();

  add(rows: WatchedRow[]): void {
    for (const row of rows) if (needsAttention(row) && !row.sla.snoozedUntil) this.listed.add(row);
  }
}

/**
 * One combined message for the team in this window: its at-risk and overdue items, oldest first, snoozed ones left
 * out until their snooze ends. Keyed by team and window, so a second instance or a retried tick adds nothing.
 */
export async function enqueueTeamReminder(tx: Tx, ctx: Context, team: string, gathered: ReminderGathering, window: ReminderWindow, now: Date): Promise<number> {
  const { first, total } = gathered.listed;
  if (total === 0) return 0;
  const payload = reminderPayload({ team, teamName: ctx.config.teams[team]?.name ?? team, window: window.key, ...listedItems(await describeRows(tx, first), total) });
  const ids = await enqueueDeliveries(tx, now, [{ key: reminderKey(team, window), kind: 'reminder', target: teamHome(ctx.config, team), payload }]);
  if (ids.size > 0) ctx.logger.info({ team, window: window.key, items: total }, 'sla reminder enqueued');
  return ids.size > 0 ? total : 0;
}
