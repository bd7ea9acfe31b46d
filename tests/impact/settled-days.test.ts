import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { weekContaining } from '../../src/core/digest/period.js';
import { asOfPeriod, periodHandoffs, periodTeamMetrics } from '../../src/core/digest/period-figures.js';
import { handoffMatrix } from '../../src/core/digest/silos.js';
import { teamMetrics } from '../../src/core/digest/team-metrics.js';
import { cohortCells, periodCohortCells } from '../../src/core/impact/cohort-figures.js';
import { recordAction } from '../../src/core/record-action.js';
import { routedMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

/** The running week's figures as the pages read them (kept day by day), and as one query over the whole week. */
async function bothWays(ctx: TestContext) {
  const { effective } = asOfPeriod(weekContaining(ctx.clock.now(), ctx.config.timezone), ctx.clock.now());
  const kept = { metrics: await periodTeamMetrics(ctx, effective, {}), cells: await periodCohortCells(ctx, effective, {}), handoffs: await periodHandoffs(ctx, effective, {}) };
  const whole = { metrics: await teamMetrics(ctx.db, ctx.config, effective, {}), cells: await cohortCells(ctx.db, effective, {}), handoffs: await handoffMatrix(ctx.db, effective, {}) };
  return { kept, whole };
}

const keptDays = async (ctx: TestContext) =>
  ctx.db.execute<{ key: string; computed_at: string }>(sql`select key, computed_at::text from report_cache where key like '%@day %' order by key`);

/**
 * 2026-W47 at Testco (New York): an item acknowledged on the Sunday before, one acknowledged on Monday and taken on
 * Tuesday (acknowledged once), a pass-on, a decline, and one captured Tuesday after hours whose one-hour
 * first-response target falls due on Wednesday at 10:00.
 */
async function aRunningWeek(ctx: TestContext) {
  const sam = person(ctx.config, 'sam');
  ctx.clock.set('2026-11-15T15:00:00Z');
  const [sunday] = await routedMessage(ctx, 'Login is broken since Sunday');
  ctx.clock.set('2026-11-15T16:00:00Z');
  await recordAction(ctx, { routingId: sunday!.id, kind: 'acknowledge', actor: sam, via: 'button' });
  ctx.clock.set('2026-11-16T15:00:00Z');
  const [crash] = await routedMessage(ctx, 'Export crashes on large gardens');
  const [idea] = await routedMessage(ctx, 'Would love a winter mode');
  const quote = (await routedMessage(ctx, 'Can we get a quote for 40 sensors?', 'slack')).find((r) => r.team === 'sales');
  ctx.clock.set('2026-11-16T17:00:00Z');
  await recordAction(ctx, { routingId: crash!.id, kind: 'acknowledge', actor: sam, via: 'button' });
  ctx.clock.set('2026-11-17T15:00:00Z');
  await recordAction(ctx, { routingId: crash!.id, kind: 'own', actor: sam, via: 'button' });
  await recordAction(ctx, { routingId: idea!.id, kind: 'pass_on', toTeam: 'support', actor: person(ctx.config, 'priya'), via: 'modal', reason: 'a how-to' });
  await recordAction(ctx, { routingId: quote!.id, kind: 'decline', actor: person(ctx.config, 'lena'), via: 'modal', reason: 'not a fit' });
  ctx.clock.set('2026-11-17T23:00:00Z');
  await routedMessage(ctx, 'The pairing screen shows an error');
  return { sunday: sunday!, crash: crash! };
}

describe('a running period kept day by day', () => {
  const database = useTestDatabase();

  it('has the numbers of one query over the whole period, after a due time passes and after an undo of an earlier day', async () => {
    const ctx = await testContext(database.current().db);
    const { sunday } = await aRunningWeek(ctx);
    ctx.clock.set('2026-11-18T13:00:00Z');
    const early = await bothWays(ctx);
    expect(early.kept).toEqual(early.whole);
    expect(early.kept.metrics.get('support')?.acknowledged).toBe(1);
    expect((await keptDays(ctx)).length).toBeGreaterThan(0);

    // 11:00 on Wednesday, nothing written: the pairing screen's target has passed, and Tuesday's kept day knew it would.
    ctx.clock.set('2026-11-18T16:00:00Z');
    const late = await bothWays(ctx);
    expect(late.kept).toEqual(late.whole);
    const pastSla = (cells: typeof late.kept.cells) => cells.reduce((n, c) => n + c.untouchedPastSla, 0);
    expect(pastSla(late.kept.cells)).toBe(pastSla(early.kept.cells) + 1);

    // Sam takes the Sunday item on Thursday, and on Friday takes that back: no time of its routing lies on Thursday,
    // the undo itself reaches back to it. Support acknowledged two routings this week, then one again.
    ctx.clock.set('2026-11-19T15:00:00Z');
    await recordAction(ctx, { routingId: sunday.id, kind: 'own', actor: person(ctx.config, 'sam'), via: 'button' });
    ctx.clock.set('2026-11-20T14:00:00Z');
    const taken = await bothWays(ctx);
    expect(taken.kept).toEqual(taken.whole);
    expect(taken.kept.metrics.get('support')?.acknowledged).toBe(2);
    await recordAction(ctx, { routingId: sunday.id, kind: 'undo', actor: person(ctx.config, 'sam'), via: 'button' });
    const undone = await bothWays(ctx);
    expect(undone.kept).toEqual(undone.whole);
    expect(undone.kept.metrics.get('support')?.acknowledged).toBe(1);
  });

  it('reads again only the days something touched', async () => {
    const ctx = await testContext(database.current().db);
    const { crash } = await aRunningWeek(ctx);
    ctx.clock.set('2026-11-20T14:00:00Z');
    await bothWays(ctx);
    const first = new Map((await keptDays(ctx)).map((r) => [r.key, r.computed_at]));
    await bothWays(ctx);
    expect(new Map((await keptDays(ctx)).map((r) => [r.key, r.computed_at]))).toEqual(first);
    // Resolving Monday's crash today touches the days of its routing's times: Monday (routed, acknowledged) and
    // Wednesday (its resolve target), not Tuesday (when it was taken, an action the resolve leaves as it was).
    await recordAction(ctx, { routingId: crash.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    const { kept, whole } = await bothWays(ctx);
    expect(kept).toEqual(whole);
    const again = new Map((await keptDays(ctx)).map((r) => [r.key, r.computed_at]));
    const changed = [...again].filter(([key, at]) => first.get(key) !== at).map(([key]) => key);
    const days = new Set(changed.map((key) => /@day (\S+)/.exec(key)?.[1]));
    expect([...days].sort()).toEqual(['2026-11-16T05:00:00.000Z', '2026-11-18T05:00:00.000Z']);
  });
});
