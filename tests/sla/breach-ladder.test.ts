import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/build-digest.js';
import { recordAction } from '../../src/core/record-action.js';
import { snoozeRouting } from '../../src/core/snooze-routing.js';
import { discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { capturedRouting, ladderMessages, ladderSteps, tickAt, tickThrough } from './sla-helpers.js';

// Support (Discord 1203) acknowledges within 1h and has an on-call role; the Makers community has an ambassador.
// Default ladder: the team at once, on-call 1h later, the ambassador 4h after that, leadership a working day after.
describe('the breach ladder', () => {
  const database = useTestDatabase();

  it('takes each step once, spaced in business time: team channel, on-call, ambassador, then the leadership digest', async () => {
    const ctx = await testContext(database.current().db); // Monday 16 November, 09:00 New York
    const { routingId } = await capturedRouting(ctx, discordMessage('Login is broken')); // due 10:00
    await tickThrough(ctx, '2026-11-16T14:00:00Z', '2026-11-18T22:00:00Z', 15);
    expect(await ladderSteps(ctx)).toEqual([
      `${routingId}:team@2026-11-16T15:15:00.000Z`,
      `${routingId}:oncall@2026-11-16T16:15:00.000Z`,
      `${routingId}:ambassador@2026-11-16T20:15:00.000Z`,
      `${routingId}:leadership@2026-11-17T20:15:00.000Z`,
    ]);
    const messages = await ladderMessages(ctx);
    expect(messages.map((m) => [m.channel, m.reminder.step, m.reminder.mention, m.reminder.items.map((i) => i.routingId)])).toEqual([
      ['discord:1203', 'team', null, [routingId]],
      ['discord:1203', 'oncall', { discordRole: '7782' }, [routingId]],
      ['slack:U0AMBER', 'ambassador', { slackUser: 'U0AMBER' }, [routingId]],
    ]);
    ctx.clock.set('2026-11-23T15:00:00Z');
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    expect(digest.breaches[0]).toMatchObject({ routingId, target: 'acknowledge', ladder: 'leadership' });
  });

  it('stops as soon as someone acts on the routing, even while it is still overdue', async () => {
    const ctx = await testContext(database.current().db);
    const { routingId } = await capturedRouting(ctx, discordMessage('Export crashes'));
    ctx.clock.set('2026-11-16T14:30:00Z');
    await recordAction(ctx, { routingId, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'button' }); // in time
    await tickAt(ctx, '2026-11-18T14:15:00Z'); // Wednesday 09:15: the two-day resolution is overdue
    ctx.clock.set('2026-11-18T14:30:00Z');
    await recordAction(ctx, { routingId, kind: 'own', actor: person(ctx.config, 'sam'), via: 'button' });
    await tickThrough(ctx, '2026-11-18T14:30:00Z', '2026-11-20T22:00:00Z', 30);
    expect(await ladderSteps(ctx)).toEqual([`${routingId}:team@2026-11-18T14:15:00.000Z`]);
  });

  it('after downtime resumes where it stopped, one spaced step at a time, skipping and repeating nothing', async () => {
    const ctx = await testContext(database.current().db);
    const { routingId } = await capturedRouting(ctx, discordMessage('Pairing is broken'));
    await tickAt(ctx, '2026-11-16T15:15:00Z'); // team step at 10:15
    // Down from 10:15 to 16:00: on-call (due 11:15) and the ambassador (due 15:15) were both missed.
    await tickAt(ctx, '2026-11-16T21:00:00Z');
    await tickAt(ctx, '2026-11-16T21:00:00Z'); // a restart in the same minute
    expect(await ladderSteps(ctx)).toEqual([`${routingId}:team@2026-11-16T15:15:00.000Z`, `${routingId}:oncall@2026-11-16T21:00:00.000Z`]);
    // The ambassador comes four working hours after on-call: 16:00–17:00 Monday and 09:00–12:00 Tuesday.
    await tickThrough(ctx, '2026-11-16T21:15:00Z', '2026-11-17T16:59:00Z', 15);
    expect(await ladderSteps(ctx)).toHaveLength(2);
    await tickAt(ctx, '2026-11-17T17:00:00Z');
    await tickAt(ctx, '2026-11-17T17:01:00Z');
    expect((await ladderSteps(ctx)).slice(2)).toEqual([`${routingId}:ambassador@2026-11-17T17:00:00.000Z`]);
  });

  it('waits while the routing is snoozed and climbs once the snooze ends', async () => {
    const ctx = await testContext(database.current().db);
    const { routingId } = await capturedRouting(ctx, discordMessage('Checkout is broken'));
    ctx.clock.set('2026-11-16T14:30:00Z');
    await snoozeRouting(ctx, { routingId, forMs: 3 * 3_600_000, reason: 'vendor outage, tracking upstream', actor: person(ctx.config, 'sam') });
    await tickThrough(ctx, '2026-11-16T14:30:00Z', '2026-11-16T17:45:00Z', 15);
    expect(await ladderSteps(ctx)).toEqual([`${routingId}:team@2026-11-16T17:30:00.000Z`]); // 12:30, when the snooze ends
  });

  it('combines the items reaching a step in one message, and skips steps with nobody to tell', async () => {
    const ctx = await testContext(database.current().db);
    // Sales (Slack C0SALES) has no on-call; BigCo has no ambassador: after the team, only leadership remains.
    const first = await capturedRouting(ctx, slackMessage('Need a quote for the enterprise plan'));
    const second = await capturedRouting(ctx, slackMessage('Invoice is wrong again'));
    await tickThrough(ctx, '2026-11-16T17:45:00Z', '2026-11-17T22:00:00Z', 15); // acknowledge within 4h: due 13:00, overdue at the 13:15 tick
    expect(await ladderSteps(ctx)).toEqual([
      `${first.routingId}:team@2026-11-16T18:15:00.000Z`,
      `${second.routingId}:team@2026-11-16T18:15:00.000Z`,
      `${first.routingId}:leadership@2026-11-17T18:15:00.000Z`,
      `${second.routingId}:leadership@2026-11-17T18:15:00.000Z`,
    ]);
    const messages = await ladderMessages(ctx);
    expect(messages.map((m) => [m.channel, m.reminder.step, m.reminder.items.length])).toEqual([['slack:C0SALES', 'team', 2]]);
  });
});
