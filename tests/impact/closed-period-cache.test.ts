import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/build-digest.js';
import { closedPeriodFigures, raiseHorizon } from '../../src/core/digest/closed-period-cache.js';
import { readPeriod } from '../../src/core/digest/period.js';
import { buildImpact } from '../../src/core/impact/build-impact.js';
import { recordAction } from '../../src/core/record-action.js';
import type { DbOrTx } from '../../src/db/client.js';
import { routedMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const HOUR = 3_600_000;

/** Items captured in 2026-W47, one of them acknowledged; the clock then stands in the week after. */
async function aClosedWeek(ctx: TestContext) {
  ctx.clock.set('2026-11-16T14:00:00Z');
  const [acknowledged] = await routedMessage(ctx, 'Login is broken');
  await routedMessage(ctx, 'Export crashes on large gardens');
  ctx.clock.advance(2 * HOUR);
  await recordAction(ctx, { routingId: acknowledged!.id, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'button' });
  ctx.clock.set('2026-11-23T14:00:00Z');
  return { acknowledged: acknowledged! };
}

/** The count of W47's items straight from the table, as a stand-in for any figure, with a record of each computation. */
function itemsOfTheWeek(ctx: TestContext) {
  const week = readPeriod('2026-W47', ctx.config.timezone, ctx.clock.now());
  const computed: number[] = [];
  const unit = { kind: 'test_items', key: week.key, covers: week, scope: {} };
  const count = async (db: DbOrTx) => {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from feedback_items where captured_at >= ${week.start.toISOString()} and captured_at < ${week.end.toISOString()}`);
    computed.push(row!.n);
    return row!.n;
  };
  return { week, unit, computed, count };
}

describe('figures of a period that is over', () => {
  const database = useTestDatabase();

  it('are kept once computed, and an answer given today to an item of that week changes them at once', async () => {
    const ctx = await testContext(database.current().db);
    const { acknowledged } = await aClosedWeek(ctx);
    const before = await buildImpact(ctx, { period: '2026-W47' });
    expect(before.silos.current.acknowledgedNotResolved.value).toBe(1);
    const [kept] = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from report_cache`);
    expect(kept!.n).toBeGreaterThan(0);
    // Resolved today: as the week stood at its end the item no longer counts as acknowledged and left unresolved,
    // on the Impact page (kept figures) exactly as in the digest (computed afresh every time).
    await recordAction(ctx, { routingId: acknowledged.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    const after = await buildImpact(ctx, { period: '2026-W47' });
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    expect(after.silos.current.acknowledgedNotResolved.value).toBe(0);
    expect(digest.silos.counts.acknowledgedNotResolved).toBe(0);
    expect(after.teams.map((t) => [t.team, t.received.value, t.acknowledged.value])).toEqual(digest.teams.map((t) => [t.team, t.metrics.received, t.metrics.acknowledged]));
    // And they are what a fresh computation gives.
    await ctx.db.execute(sql`delete from report_cache`);
    expect(await buildImpact(ctx, { period: '2026-W47' })).toEqual(after);
  });

  it('are not computed again for changes that come after the period, such as new feedback', async () => {
    const ctx = await testContext(database.current().db);
    await aClosedWeek(ctx);
    const { unit, computed, count } = itemsOfTheWeek(ctx);
    expect(await closedPeriodFigures(ctx, unit, count)).toBe(2);
    await routedMessage(ctx, 'A new report this week');
    expect(await closedPeriodFigures(ctx, unit, count)).toBe(2);
    expect(computed).toEqual([2]);
  });

  it('learn of new rows reaching back into the period, and of none from new feedback', async () => {
    const ctx = await testContext(database.current().db);
    ctx.clock.set('2026-11-16T14:00:00Z');
    const [idea] = await routedMessage(ctx, 'Please add a dark theme');
    ctx.clock.set('2026-11-23T14:00:00Z');
    await raiseHorizon(ctx.db, itemsOfTheWeek(ctx).week.end);
    const logged = async () => {
      const [row] = await ctx.db.execute<{ all: number; week: number }>(sql`
        select count(*)::int as all, count(*) filter (where touched @> '2026-11-16T14:00:00Z'::timestamptz)::int as week from report_changes`);
      return row;
    };

    // New feedback, its routing, card and ledger entry: all after the period, so nothing to tell.
    await routedMessage(ctx, 'Export crashes on large gardens');
    expect(await logged()).toEqual({ all: 0, week: 0 });
    // A new routing today for the week's item (as a hand-off or an escalation adds): the week it was captured in changed.
    await ctx.db.execute(sql`
      insert into routings (item_id, team_id, reason, created_at, updated_at)
      select item_id, 'support', '{"kind": "manual", "summary": "test"}', now(), now() from routings where id = ${idea!.id}`);
    expect(await logged()).toEqual({ all: 1, week: 1 });
  });

  it('are computed again when a change reaching back into the period was committed while they were being computed', async () => {
    const ctx = await testContext(database.current().db);
    await aClosedWeek(ctx);
    const { week, unit, computed, count } = itemsOfTheWeek(ctx);
    // While the first computation runs (in its own snapshot), another connection backdates an item into the week.
    const racing = async (db: DbOrTx) => {
      const n = await count(db);
      await ctx.db.execute(sql`update feedback_items set captured_at = ${new Date(week.start.getTime() + HOUR).toISOString()} where id = (select max(id) from feedback_items)`);
      return n;
    };
    await routedMessage(ctx, 'Captured this week, moved back into W47 below');
    expect(await closedPeriodFigures(ctx, unit, racing)).toBe(2);
    expect(await closedPeriodFigures(ctx, unit, count)).toBe(3);
    expect(await closedPeriodFigures(ctx, unit, count)).toBe(3);
    expect(computed).toEqual([2, 3]);
  });

  it('are computed afresh while the period is still running, and again when the teams’ hours change', async () => {
    const ctx = await testContext(database.current().db);
    await aClosedWeek(ctx);
    const { unit, computed, count } = itemsOfTheWeek(ctx);
    ctx.clock.set('2026-11-20T12:00:00Z');
    await closedPeriodFigures(ctx, unit, count);
    await closedPeriodFigures(ctx, unit, count);
    expect(computed).toHaveLength(2);
    ctx.clock.set('2026-11-23T14:00:00Z');
    await closedPeriodFigures(ctx, unit, count);
    await closedPeriodFigures(ctx, unit, count);
    expect(computed).toHaveLength(3);
    const otherHours = { ...ctx.config, sla: { ...ctx.config.sla, businessHours: { ...ctx.config.sla.businessHours, start: '07:00' } } };
    await closedPeriodFigures({ ...ctx, config: otherHours }, unit, count);
    expect(computed).toHaveLength(4);
  });
});
