import type { Tx } from '../../db/client.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome } from '../outbox.js';
import { needsAttention, type AttentionRow } from './attention.js';
import { listedItems, reminderPayload } from './reminder-items.js';
import type { ReminderWindow } from './reminder-window.js';

/**
 * One combined message for the team in this window: its at-risk and overdue items, oldest first, snoozed ones left
 * out until their snooze ends. Keyed by team and window, so a second instance or a retried tick adds nothing.
 */
export async function enqueueTeamReminder(tx: Tx, ctx: Context, team: string, rows: AttentionRow[], window: ReminderWindow, now: Date): Promise<number> {
  const due = rows.filter((row) => needsAttention(row) && !row.sla.snoozedUntil);
  if (due.length === 0) return 0;
  const key = `reminder:${team}:${window.key}`;
  const payload = reminderPayload({ team, teamName: ctx.config.teams[team]?.name ?? team, window: window.key, ...listedItems(due) });
  const ids = await enqueueDeliveries(tx, now, [{ key, kind: 'reminder', target: teamHome(ctx.config, team), payload }]);
  if (ids.size > 0) ctx.logger.info({ team, window: window.key, items: due.length }, 'sla reminder enqueued');
  return ids.size > 0 ? due.length : 0;
}
