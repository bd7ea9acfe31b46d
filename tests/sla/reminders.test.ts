import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { routings } from '../../src/db/schema/index.js';
import { snoozeRouting } from '../../src/core/snooze-routing.js';
import { discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { capturedRouting, remindersSent, tickAt, tickThrough } from './sla-helpers.js';

const HOUR = 3_600_000;

describe('SLA reminders', () => {
  const database = useTestDatabase();

  it('sends one combined message per team per window listing its at-risk and overdue items, oldest first, with links', async () => {
    const ctx = await testContext(database.current().db); // Monday 16 November, 09:00 in New York
    const first = await capturedRouting(ctx, discordMessage('Login is broken', { permalink: 'https://discord.com/channels/1100/1101/7' }));
    ctx.clock.advance(10 * 60_000);
    const second = await capturedRouting(ctx, discordMessage('Export crashes'));
    await capturedRouting(ctx, discordMessage('Would love a dark mode')); // product: two working days, on track all day

    await tickAt(ctx, '2026-11-16T14:50:00Z'); // 09:50: the first bug used 50 of its 60 minutes
    await tickAt(ctx, '2026-11-16T14:58:00Z'); // 09:58: both at risk now, but this window has had its reminder
    let sent = await remindersSent(ctx);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ key: 'reminder:support:2026-11-16T09:00-05:00', channel: 'discord:1203' });
    expect(sent[0]?.reminder.items.map((i) => [i.routingId, i.state, i.target])).toEqual([[first.routingId, 'at_risk', 'acknowledge']]);
    expect(sent[0]?.reminder.items[0]?.permalink).toBe('https://discord.com/channels/1100/1101/7');

    await tickAt(ctx, '2026-11-16T16:05:00Z'); // 11:05, the next two-hour window: both are overdue
    sent = await remindersSent(ctx);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.reminder).toMatchObject({ team: 'support', teamName: 'Support', window: '2026-11-16T11:00-05:00' });
    expect(sent[1]?.reminder.items.map((i) => [i.routingId, i.state])).toEqual([[first.routingId, 'breached'], [second.routingId, 'breached']]);
    expect(await remindersSent(ctx, 'product')).toEqual([]);
  });

  it('says nothing outside the team business hours, and the first window of the morning lists what went overdue overnight', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-16T21:30:00Z' }); // Monday 16:30
    const bug = await capturedRouting(ctx, discordMessage('Sync is broken')); // due Tuesday 09:30
    await tickThrough(ctx, '2026-11-16T21:30:00Z', '2026-11-17T13:59:00Z', 30); // until Tuesday 08:59
    expect(await remindersSent(ctx)).toEqual([]);
    await tickAt(ctx, '2026-11-17T14:20:00Z'); // Tuesday 09:20: at risk (45 of 60 working minutes used)
    await tickThrough(ctx, '2026-11-17T14:21:00Z', '2026-11-17T15:59:00Z', 7);
    await tickAt(ctx, '2026-11-17T16:00:00Z'); // 11:00: overdue
    const sent = await remindersSent(ctx);
    expect(sent.map((s) => [s.reminder.window, s.reminder.items.map((i) => `${i.routingId}:${i.state}`)])).toEqual([
      ['2026-11-17T09:00-05:00', [`${bug.routingId}:at_risk`]],
      ['2026-11-17T11:00-05:00', [`${bug.routingId}:breached`]],
    ]);
  });

  it('keeps quiet at weekends and on holidays, and reminds again on the next working morning', async () => {
    const config = testConfig((c) => {
      c.sla = { holidays: ['2026-11-26', '2026-11-27'] };
    });
    const ctx = await testContext(database.current().db, { config, now: '2026-11-25T20:00:00Z' }); // Wednesday 15:00
    await capturedRouting(ctx, discordMessage('Checkout is broken'));
    await tickThrough(ctx, '2026-11-25T20:50:00Z', '2026-11-30T13:59:00Z', 60); // Wednesday 15:50 (at risk) to Monday 08:59
    const before = await remindersSent(ctx);
    expect(before.map((s) => s.reminder.window)).toEqual(['2026-11-25T15:00-05:00']);
    await tickAt(ctx, '2026-11-30T14:01:00Z');
    expect((await remindersSent(ctx)).map((s) => s.reminder.window)).toEqual(['2026-11-25T15:00-05:00', '2026-11-30T09:00-05:00']);
  });

  it('leaves snoozed routings out until the snooze ends, then lists them again', async () => {
    const ctx = await testContext(database.current().db);
    const quiet = await capturedRouting(ctx, discordMessage('Login is broken'));
    const loud = await capturedRouting(ctx, discordMessage('Export crashes'));
    ctx.clock.set('2026-11-16T14:40:00Z');
    await snoozeRouting(ctx, { routingId: quiet.routingId, forMs: 3 * HOUR, reason: 'waiting for the customer logs', actor: person(ctx.config, 'sam') }); // until 12:40
    await tickAt(ctx, '2026-11-16T14:50:00Z');
    await tickAt(ctx, '2026-11-16T16:05:00Z');
    await tickAt(ctx, '2026-11-16T18:05:00Z'); // 13:05: the snooze is over
    const sent = await remindersSent(ctx);
    expect(sent.map((s) => s.reminder.items.map((i) => i.routingId))).toEqual([[loud.routingId], [loud.routingId], [quiet.routingId, loud.routingId]]);
  });

  it('follows a team own cadence, and a team can turn reminders off', async () => {
    const config = testConfig((c) => {
      c.teams.support!.reminders = { every: '4h' };
      c.teams.sales!.reminders = { enabled: false };
    });
    const ctx = await testContext(database.current().db, { config });
    await capturedRouting(ctx, discordMessage('Login is broken'));
    await capturedRouting(ctx, { ...discordMessage('Need a quote for pricing'), source: { platform: 'slack', id: 'C0BIGCO' }, message: { platform: 'slack', channelId: 'C0BIGCO', id: 'q1', text: 'Need a quote for pricing', postedAt: '2026-11-16T13:59:00Z' } });
    await tickThrough(ctx, '2026-11-16T14:00:00Z', '2026-11-16T21:59:00Z', 20);
    expect((await remindersSent(ctx, 'support')).map((s) => s.reminder.window)).toEqual(['2026-11-16T09:00-05:00', '2026-11-16T13:00-05:00']);
    const [sales] = await ctx.db.select().from(routings).where(eq(routings.teamId, 'sales'));
    expect(sales?.slaState).toBe('breached'); // overdue since 13:00, and still nobody is reminded
    expect(await remindersSent(ctx, 'sales')).toEqual([]);
  });
});
