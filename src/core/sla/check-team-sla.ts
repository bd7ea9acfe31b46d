import { lte, sql } from 'drizzle-orm';
import { slaChecks } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { loadAttention } from './attention.js';
import { climbLadder } from './breach-ladder.js';
import { recordSlaChanges } from './record-sla-changes.js';
import { reminderWindow } from './reminder-window.js';
import { reminderSettings, teamCalendar } from './sla-policy.js';
import { enqueueTeamReminder } from './team-reminder.js';

export interface TeamSlaCheck {
  team: string;
  /** Another instance has already checked this team for a later moment. */
  skipped: boolean;
  changes: number;
  ladderSteps: number;
  reminded: number;
  /** The reminder window now falls in; absent outside the team's business hours. */
  window?: string;
}

/**
 * One team's SLA pass, in one transaction: record state changes, then (in business hours only) climb the breach
 * ladder and send the window's reminder. A transaction-scoped advisory lock lets one instance at a time do a team,
 * and the team's high-water mark skips a pass for a moment older than one already done. The unique keys
 * underneath would stop a double anyway; the lock keeps each message's batch whole and states moving forward.
 */
export async function checkTeamSla(ctx: Context, team: string, options: { ladderSince?: Date } = {}): Promise<TeamSlaCheck> {
  return ctx.db.transaction(async (tx) => {
    const skipped = { team, skipped: true, changes: 0, ladderSteps: 0, reminded: 0 };
    // Instances take a team in turn (waiting, not skipping, so that no tick's moment is lost); a stuck holder
    // makes the wait fail after a while, and the next tick tries again.
    await tx.execute(sql`set local lock_timeout = '30s'`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`liaison:sla:${team}`}))`);
    // Read the clock only once the team is ours, and never check it for a moment before one already checked.
    const now = ctx.clock.now();
    const advanced = await tx
      .insert(slaChecks)
      .values({ teamId: team, checkedAt: now })
      .onConflictDoUpdate({ target: slaChecks.teamId, set: { checkedAt: now }, setWhere: lte(slaChecks.checkedAt, now) })
      .returning({ teamId: slaChecks.teamId });
    if (advanced.length === 0) return skipped;
    const rows = await loadAttention(tx, ctx.config, team, now);
    const changes = await recordSlaChanges(tx, ctx, rows, now);
    const settings = reminderSettings(ctx.config, team);
    const window = reminderWindow(teamCalendar(ctx.config, team), settings.everyMs, now);
    if (!window) return { team, skipped: false, changes: changes.length, ladderSteps: 0, reminded: 0 };
    const since = options.ladderSince;
    const fired = await climbLadder(tx, ctx, team, since ? rows.filter((row) => row.sla.dueAt && row.sla.dueAt >= since) : rows, now, window.key);
    const reminded = settings.enabled ? await enqueueTeamReminder(tx, ctx, team, rows, window, now) : 0;
    return { team, skipped: false, changes: changes.length, ladderSteps: fired.length, reminded, window: window.key };
  });
}
