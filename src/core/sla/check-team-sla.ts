import { lte, sql } from 'drizzle-orm';
import { slaChecks } from '../../db/schema/index.js';
import type { Context } from '../context.js';
import { watchPages, type WatchedRow } from './attention.js';
import { climbLadder } from './breach-ladder.js';
import { enqueueLadderMessages, LadderBatches } from './ladder-messages.js';
import { recordSlaChanges, stateChanged } from './record-sla-changes.js';
import { reminderWindow } from './reminder-window.js';
import { reminderSettings, teamCalendar } from './sla-policy.js';
import { enqueueTeamReminder, ReminderGathering, reminderSent } from './team-reminder.js';

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

export interface TeamSlaOptions {
  ladderSince?: Date;
  /** Routings per page (default WATCH_PAGE_SIZE). */
  pageSize?: number;
}

/**
 * One team's SLA pass, a page of routings at a time (oldest first): record each page's state changes, committed on
 * their own, and (in business hours only) climb the breach ladder and gather the window's reminder, whose steps and
 * messages commit together at the end. The pass's own transaction holds a transaction-scoped advisory lock on the
 * team from the start, so one instance at a time does a team, and the team's high-water mark skips a pass for a
 * moment older than one already done. The unique keys underneath would stop a double anyway; the lock keeps each
 * message's batch whole and states moving forward.
 *
 * Interrupted midway, a pass keeps the states it recorded (the next pass finds them recorded and skips them) and
 * loses its ladder steps and reminder together, which the next pass then takes and sends whole.
 */
export async function checkTeamSla(ctx: Context, team: string, options: TeamSlaOptions = {}): Promise<TeamSlaCheck> {
  return ctx.db.transaction(async (held) => {
    // Instances take a team in turn (waiting, not skipping, so that no tick's moment is lost); a stuck holder
    // makes the wait fail after a while, and the next tick tries again. The holder sits quiet while a page's states
    // commit on another connection: the server's usual 60 s for a quiet transaction must not end a long first pass.
    await held.execute(sql`select set_config('lock_timeout', '30s', true), set_config('idle_in_transaction_session_timeout', '5min', true)`);
    await held.execute(sql`select pg_advisory_xact_lock(hashtext(${`liaison:sla:${team}`}))`);
    // Read the clock only once the team is ours, and never check it for a moment before one already checked. (The
    // mark commits with the pass: committing it first on a connection of its own cost a third more per tick.)
    const now = ctx.clock.now();
    const advanced = await held
      .insert(slaChecks)
      .values({ teamId: team, checkedAt: now })
      .onConflictDoUpdate({ target: slaChecks.teamId, set: { checkedAt: now }, setWhere: lte(slaChecks.checkedAt, now) })
      .returning({ teamId: slaChecks.teamId });
    if (advanced.length === 0) return { team, skipped: true, changes: 0, ladderSteps: 0, reminded: 0 };
    const settings = reminderSettings(ctx.config, team);
    const window = reminderWindow(teamCalendar(ctx.config, team), settings.everyMs, now);
    // Once the window's reminder is out, only what may change state or climb the ladder is read.
    const remind = window !== undefined && settings.enabled && !(await reminderSent(held, team, window));
    const since = options.ladderSince;
    const watch = { changes: true, remind, ladder: window !== undefined, ladderSince: since };
    const reminder = new ReminderGathering();
    const batches = new LadderBatches(ctx, team);
    let changes = 0;
    let ladderSteps = 0;
    for await (const rows of watchPages(held, ctx.config, team, now, watch, options.pageSize)) {
      changes += await recordPageChanges(ctx, rows, now);
      if (!window) continue;
      if (remind) reminder.add(rows);
      const fired = await climbLadder(held, ctx, team, since ? rows.filter((row) => row.sla.dueAt && row.sla.dueAt >= since) : rows, now, window.key);
      batches.add(fired);
      ladderSteps += fired.length;
    }
    if (!window) return { team, skipped: false, changes, ladderSteps: 0, reminded: 0 };
    await enqueueLadderMessages(held, ctx, team, batches, window.key, now);
    const reminded = remind ? await enqueueTeamReminder(held, ctx, team, reminder, window, now) : 0;
    return { team, skipped: false, changes, ladderSteps, reminded, window: window.key };
  });
}

/** A page's state changes in a transaction of their own: what a page recorded stays recorded whatever comes next. */
async function recordPageChanges(ctx: Context, rows: WatchedRow[], now: Date): Promise<number> {
  if (!rows.some(stateChanged)) return 0;
  return ctx.db.transaction(async (tx) => (await recordSlaChanges(tx, ctx, rows, now)).length);
}
