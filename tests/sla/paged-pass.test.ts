import { asc, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkSlas } from '../../src/core/check-slas.js';
import { deliveries, slaEvents } from '../../src/db/schema/index.js';
import { discordMessage } from '../helpers/capture.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { createTestDatabase, useTestDatabase } from '../helpers/test-database.js';
import { capturedRouting, ladderMessages, ladderSteps, remindersSent } from './sla-helpers.js';

const BUGS = 30; // more than a reminder lists (25), and many pages of 4

/** Thirty Support bugs captured at Monday 09:00 New York, all due at 10:00 (15:00Z): ties on creation time. */
async function thirtyBugs(ctx: TestContext): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < BUGS; i += 1) ids.push((await capturedRouting(ctx, discordMessage(`Login is broken, case ${i}`))).routingId);
  return ids;
}

async function tick(ctx: TestContext, at: string, pageSize?: number) {
  ctx.clock.set(at);
  return checkSlas(ctx, pageSize ? { pageSize } : {});
}

/** What the team and the people on the ladder see, with routings named by their order of capture. */
async function outcome(ctx: TestContext, ids: number[]) {
  const name = (step: string) => `#${ids.indexOf(Number(step.slice(0, step.indexOf(':'))))}${step.slice(step.indexOf(':'))}`;
  const events = await ctx.db.select().from(slaEvents).orderBy(asc(slaEvents.routingId), asc(slaEvents.id));
  const cardUpdates = await ctx.db.select().from(deliveries).where(like(deliveries.key, 'card_update:%'));
  return {
    events: events.map((e) => `#${ids.indexOf(e.routingId)} ${e.target} ${e.fromState}->${e.state}@${e.at.toISOString()}`),
    steps: (await ladderSteps(ctx)).map(name),
    ladder: (await ladderMessages(ctx)).map((m) => ({ ...m.reminder, items: m.reminder.items.map((i) => ids.indexOf(i.routingId)) })),
    reminders: (await remindersSent(ctx)).map((r) => ({ ...r.reminder, items: r.reminder.items.map((i) => ids.indexOf(i.routingId)) })),
    cardUpdates: cardUpdates.length,
  };
}

const TICKS = ['2026-11-16T14:50:00Z', '2026-11-16T15:16:00Z', '2026-11-16T16:05:00Z', '2026-11-16T16:20:00Z'];

describe('the SLA pass, a page at a time', () => {
  const database = useTestDatabase();

  it('gives the same states, reminders, ladder steps and messages with pages of 4 as in one page', async () => {
    const paged = await testContext(database.current().db);
    const pagedIds = await thirtyBugs(paged);
    for (const at of TICKS) await tick(paged, at, 4);
    const whole = await createTestDatabase();
    try {
      const ctx = await testContext(whole.db);
      const ids = await thirtyBugs(ctx);
      for (const at of TICKS) await tick(ctx, at);
      const expected = await outcome(ctx, ids);
      expect(await outcome(paged, pagedIds)).toEqual(expected);
      // And what that is: each bug at risk at 09:50 and overdue at 10:16, once each; one message per window and step.
      expect(expected.events).toHaveLength(2 * BUGS);
      expect(expected.reminders.map((r) => [r.window, r.items, r.omitted])).toEqual([
        ['2026-11-16T09:00-05:00', [...Array(25).keys()], 5],
        ['2026-11-16T11:00-05:00', [...Array(25).keys()], 5],
      ]);
      expect(expected.ladder.map((m) => [m.step, m.items.length, m.omitted])).toEqual([['team', 25, 5], ['oncall', 25, 5]]);
      expect(expected.steps).toHaveLength(2 * BUGS);
      expect(expected.cardUpdates).toBe(2 * BUGS);
    } finally {
      await whole.drop();
    }
  }, 120_000);

  it('keeps what an interrupted pass recorded, and the next pass finishes it without sending anything twice', async () => {
    const ctx = await testContext(database.current().db);
    const ids = await thirtyBugs(ctx);
    const sql = database.current().sql;
    await sql`create function interrupt() returns trigger language plpgsql as $$ begin raise exception 'interrupted'; end $$`;
    // The first pass stops on its third page of four, while recording states.
    await sql.unsafe(`create trigger interrupt_states before insert on sla_events for each row when (new.routing_id = ${ids[9]}) execute function interrupt()`);
    await tick(ctx, '2026-11-16T15:16:00Z', 4);
    let seen = await outcome(ctx, ids);
    expect(seen.events).toEqual(ids.slice(0, 8).map((_, i) => `#${i} acknowledge on_track->breached@2026-11-16T15:16:00.000Z`));
    expect([seen.steps, seen.ladder, seen.reminders, seen.cardUpdates]).toEqual([[], [], [], 8]);

    // The second records the rest of the states, then stops as it sends the reminder: its ladder steps go with it.
    await sql`drop trigger interrupt_states on sla_events`;
    await sql`create trigger interrupt_reminder before insert on deliveries for each row when (new.key like 'reminder:%') execute function interrupt()`;
    await tick(ctx, '2026-11-16T15:17:00Z', 4);
    seen = await outcome(ctx, ids);
    expect(seen.events.slice(8)).toEqual(ids.slice(8).map((_, i) => `#${i + 8} acknowledge on_track->breached@2026-11-16T15:17:00.000Z`));
    expect([seen.steps, seen.ladder, seen.reminders, seen.cardUpdates]).toEqual([[], [], [], BUGS]);

    await sql`drop trigger interrupt_reminder on deliveries`;
    await tick(ctx, '2026-11-16T15:18:00Z', 4);
    await tick(ctx, '2026-11-16T15:19:00Z', 4);
    seen = await outcome(ctx, ids);
    expect(seen.events).toHaveLength(BUGS);
    expect(seen.steps).toEqual(ids.map((_, i) => `#${i}:team@2026-11-16T15:18:00.000Z`));
    expect(seen.ladder.map((m) => [m.step, m.items, m.omitted])).toEqual([['team', [...Array(25).keys()], 5]]);
    expect(seen.reminders.map((r) => [r.window, r.items.length, r.omitted])).toEqual([['2026-11-16T09:00-05:00', 25, 5]]);
    expect(seen.cardUpdates).toBe(BUGS);
  }, 120_000);
});
