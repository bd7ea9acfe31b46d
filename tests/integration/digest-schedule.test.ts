import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { deliveries, scheduledRuns } from '../../src/db/schema/index.js';
import { runDueDigests } from '../../src/jobs/digest-job.js';
import { occurrencesBetween } from '../../src/jobs/schedule-occurrences.js';
import { discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const leadershipOnly = testConfig((c) => { c.digests = { leadership: { home: { slack: 'C0LEADERS' } } }; });

describe('scheduled digests', () => {
  const database = useTestDatabase();

  it('posts the leadership thread once when Monday 9:00 passes, however many instances tick', async () => {
    const ctx = await testContext(database.current().db, { config: leadershipOnly, now: '2026-11-20T15:00:00Z' });
    await captureFeedback(ctx, discordMessage('Crash on save'));
    expect(await runDueDigests(ctx)).toBe(0);
    ctx.clock.set('2026-11-23T13:59:00Z'); // 08:59 in New York
    expect(await runDueDigests(ctx)).toBe(0);
    ctx.clock.set('2026-11-23T14:00:30Z');
    const other = { ...ctx };
    const results = await Promise.all([runDueDigests(ctx), runDueDigests(other), runDueDigests(ctx)]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    const thread = await ctx.db.select().from(deliveries).where(like(deliveries.key, 'digest:leadership:2026-W47:%')).orderBy(deliveries.id);
    expect(thread.map((d) => d.kind)).toEqual(['digest_summary', 'digest_team', 'digest_team', 'digest_team', 'digest_silos', 'digest_chart']);
    expect(thread.slice(1).every((d) => d.parentId === thread[0]?.id)).toBe(true);
    expect(thread[0]?.payload).toMatchObject({ totals: { current: { received: 1 } } });
  });

  it('after a fortnight down, posts each missed week once and nothing twice', async () => {
    const ctx = await testContext(database.current().db, { config: leadershipOnly, now: '2026-11-01T12:00:00Z' });
    await runDueDigests(ctx);
    ctx.clock.set('2026-11-18T12:00:00Z'); // down from 1 to 18 November: Mondays 2, 9 and 16 were missed
    expect(await runDueDigests(ctx)).toBe(3);
    expect(await runDueDigests(ctx)).toBe(0);
    const runs = await ctx.db.select().from(scheduledRuns).orderBy(scheduledRuns.key);
    expect(runs.map((r) => r.key)).toEqual(['digest:leadership:2026-W44', 'digest:leadership:2026-W45', 'digest:leadership:2026-W46']);
  });

  it('posts a team digest to each team home', async () => {
    const ctx = await testContext(database.current().db, { config: testConfig((c) => { c.digests = { teams: {} }; }), now: '2026-11-22T12:00:00Z' });
    await runDueDigests(ctx);
    ctx.clock.set('2026-11-23T15:00:00Z');
    await runDueDigests(ctx);
    const posts = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'digest_team'));
    expect(posts.map((p) => `${p.platform}:${p.channelId}`).sort()).toEqual(['discord:1203', 'slack:C0PRODUCT', 'slack:C0SALES']);
  });
});

describe('schedule occurrences', () => {
  it('keep 9:00 local across the spring and autumn clock changes', () => {
    const spring = occurrencesBetween('0 9 * * MON', 'America/New_York', new Date('2026-03-01T00:00:00Z'), new Date('2026-03-17T00:00:00Z'));
    expect(spring.map((d) => d.toISOString())).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-16T13:00:00.000Z']);
    const autumn = occurrencesBetween('0 9 * * MON', 'Europe/Berlin', new Date('2026-10-19T00:00:00Z'), new Date('2026-10-27T00:00:00Z'));
    expect(autumn.map((d) => d.toISOString())).toEqual(['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('a daily 02:30 schedule fires once on the day the clocks skip 02:30', () => {
    const days = occurrencesBetween('30 2 * * *', 'America/New_York', new Date('2026-03-07T12:00:00Z'), new Date('2026-03-09T12:00:00Z'));
    expect(days).toHaveLength(2);
  });
});
