import { sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import { loadAttention } from './attention.js';
import { climbLadder } from './breach-ladder.js';
import { recordSlaChanges } from './record-sla-changes.js';
import { reminderWindow } from './reminder-window.js';
import { reminderSettings, teamCalendar } from './sla-policy.js';
import { enqueueTeamReminder } from './team-reminder.js';

export interface TeamSlaCheck {
  team: string;
  /** Another instance was checking this team at the same moment; it does the work. */
  skipped: boolean;
  changes: number;
  ladderSteps: number;
  reminded: number;
  /** The reminder window now falls in; absent outside the team's business hours. */
  window?: string;
}

/**
 * One team's SLA pass, in one transaction: record state changes, then (in business hours only) climb the breach
 * ladder and send the window's reminder. A transaction-scoped advisory lock lets one instance at a time do a team;
 * the unique keys underneath would stop a double anyway, but the lock keeps each message's batch whole.
 */
export async function checkTeamSla(ctx: Context, team: string, now: Date): Promise<TeamSlaCheck> {
  return ctx.db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ got: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext(${`liaison:sla:${team}`})) as got`);
    if (!lock?.got) return { team, skipped: true, changes: 0, ladderSteps: 0, reminded: 0 };
    const rows = await loadAttention(tx, ctx.config, team, now);
    const changes = await recordSlaChanges(tx, ctx, rows, now);
    const settings = reminderSettings(ctx.config, team);
    const window = reminderWindow(teamCalendar(ctx.config, team), settings.everyMs, now);
    if (!window) return { team, skipped: false, changes: changes.length, ladderSteps: 0, reminded: 0 };
    const fired = await climbLadder(tx, ctx, team, rows, now, window.key);
    const reminded = settings.enabled ? await enqueueTeamReminder(tx, ctx, team, rows, window, now) : 0;
    return { team, skipped: false, changes: changes.length, ladderSteps: fired.length, reminded, window: window.key };
  });
}
