import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkSlas } from '../../src/core/check-slas.js';
import { describeItem } from '../../src/core/describe-item.js';
import { escalate } from '../../src/core/escalate.js';
import { listOpenRoutings } from '../../src/core/list-open-routings.js';
import { loadRoutingCard } from '../../src/core/load-routing-card.js';
import { recordAction } from '../../src/core/record-action.js';
import { snoozeRouting } from '../../src/core/snooze-routing.js';
import { deliveries, routings, slaEvents } from '../../src/db/schema/index.js';
import { discordMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { capturedRouting, tickAt } from './sla-helpers.js';

describe('SLA state', () => {
  const database = useTestDatabase();

  it('records each change once, however many instances check at the same moment, and redraws the card', async () => {
    const ctx = await testContext(database.current().db); // Monday 09:00 New York; Support acknowledges within 1h
    const { routingId } = await capturedRouting(ctx, discordMessage('Login is broken'));
    await tickAt(ctx, '2026-11-16T14:30:00Z');
    expect(await ctx.db.select().from(slaEvents)).toEqual([]);
    ctx.clock.set('2026-11-16T14:46:00Z');
    await Promise.all([checkSlas(ctx), checkSlas({ ...ctx }), checkSlas({ ...ctx })]);
    await tickAt(ctx, '2026-11-16T15:01:00Z');
    await tickAt(ctx, '2026-11-16T15:02:00Z');
    const events = await ctx.db.select().from(slaEvents).orderBy(asc(slaEvents.id));
    expect(events.map((e) => [e.routingId, e.target, e.fromState, e.state, e.at.toISOString()])).toEqual([
      [routingId, 'acknowledge', 'on_track', 'at_risk', '2026-11-16T14:46:00.000Z'],
      [routingId, 'acknowledge', 'at_risk', 'breached', '2026-11-16T15:01:00.000Z'],
    ]);
    const [routing] = await ctx.db.select().from(routings).where(eq(routings.id, routingId));
    // Captured with its at-risk moment stored beside the due time: 45 of the 60 working minutes.
    expect(routing).toMatchObject({ slaState: 'breached', slaStateDueAt: new Date('2026-11-16T15:00:00Z'), acknowledgeAtRiskAt: new Date('2026-11-16T14:45:00Z') });
    const updates = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card_update'));
    expect(updates).toHaveLength(2);
    const card = await loadRoutingCard(ctx.db, ctx.config, routingId, ctx.clock.now());
    expect(card?.sla).toMatchObject({ state: 'breached', target: 'acknowledge', dueAt: new Date('2026-11-16T15:00:00Z') });
  });

  it('records the recovery when the team answers and the next target is on track', async () => {
    const ctx = await testContext(database.current().db);
    const { routingId } = await capturedRouting(ctx, discordMessage('Export crashes'));
    await tickAt(ctx, '2026-11-16T14:50:00Z');
    ctx.clock.set('2026-11-16T14:55:00Z');
    await recordAction(ctx, { routingId, kind: 'acknowledge', actor: person(ctx.config, 'sam'), via: 'button' });
    await tickAt(ctx, '2026-11-16T14:56:00Z');
    await tickAt(ctx, '2026-11-16T16:00:00Z');
    const events = await ctx.db.select().from(slaEvents).orderBy(asc(slaEvents.id));
    expect(events.map((e) => `${e.target}:${e.fromState}->${e.state}`)).toEqual(['acknowledge:on_track->at_risk', 'resolve:at_risk->on_track']);
  });

  it('shows each routing where it stands in the item status', async () => {
    const ctx = await testContext(database.current().db);
    const { itemId } = await capturedRouting(ctx, discordMessage('Sync is broken'));
    ctx.clock.set('2026-11-16T14:50:00Z');
    const status = await describeItem(ctx, { itemId });
    expect(status.routings.map((r) => [r.team.id, r.sla?.state, r.sla?.target, r.sla?.dueAt?.toISOString()])).toEqual([['support', 'at_risk', 'acknowledge', '2026-11-16T15:00:00.000Z']]);
  });

  it('shows App Home the state of each open routing in business time, snoozed ones marked', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-20T21:30:00Z' }); // Friday 16:30
    const waiting = await capturedRouting(ctx, discordMessage('Pairing is broken')); // due Monday 09:30
    const snoozed = await capturedRouting(ctx, discordMessage('Export crashes'));
    await snoozeRouting(ctx, { routingId: snoozed.routingId, forMs: 4 * 86_400_000, reason: 'waiting on logs', actor: person(ctx.config, 'sam') });
    ctx.clock.set('2026-11-23T14:20:00Z'); // Monday 09:20: 50 of 60 working minutes used
    const { items } = await listOpenRoutings(ctx, { teams: ['support'] });
    expect(items.map((i) => [i.routingId, i.sla.state, i.sla.snoozedUntil !== null])).toEqual([[waiting.routingId, 'at_risk', false], [snoozed.routingId, 'at_risk', true]]);
  });

  it('counts the at-risk threshold in business time: three quarters of the working time, not of the weekend', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-20T21:30:00Z' }); // Friday 16:30
    const { itemId } = await capturedRouting(ctx, discordMessage('Pairing is broken')); // due Monday 09:30
    ctx.clock.set('2026-11-23T14:10:00Z'); // Monday 09:10: 40 of 60 working minutes used, though 2.7 days passed
    expect((await describeItem(ctx, { itemId })).routings[0]?.sla?.state).toBe('on_track');
    ctx.clock.set('2026-11-23T14:15:00Z');
    expect((await describeItem(ctx, { itemId })).routings[0]?.sla?.state).toBe('at_risk');
  });

  it('applies business hours to an escalation: urgent at Friday 16:50 is due Monday 09:05', async () => {
    const ctx = await testContext(database.current().db, { now: '2026-11-20T21:00:00Z' }); // Friday 16:00
    const { itemId } = await capturedRouting(ctx, discordMessage('Please add offline mode, would love it'));
    ctx.clock.set('2026-11-20T21:50:00Z');
    const result = await escalate(ctx, { itemId, priority: 'urgent', reason: 'Biggest customer is blocked', actor: person(ctx.config, 'maya') });
    expect(result.acknowledgeDueAt?.toISOString()).toBe('2026-11-23T14:05:00.000Z');
    const [page] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'page'));
    expect(page?.payload).toMatchObject({ acknowledgeDueAt: '2026-11-23T14:05:00.000Z' });
    const [routing] = await ctx.db.select().from(routings);
    // At risk after 11¼ of the 15 working minutes: ten on Friday, then Monday 09:00–09:01:15.
    expect(routing?.acknowledgeAtRiskAt?.toISOString()).toBe('2026-11-23T14:01:15.000Z');
  });

  it('gives a reopened routing fresh targets from the moment it was reopened, instead of paging about old ones', async () => {
    const ctx = await testContext(database.current().db); // Monday 09:00 New York; Support acknowledges within 1 working hour
    const { routingId } = await capturedRouting(ctx, discordMessage('Export crashes'));
    ctx.clock.set('2026-11-16T15:00:00Z');
    await recordAction(ctx, { routingId, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
    ctx.clock.set('2026-11-23T14:00:00Z'); // a week later, long after the first resolve target
    await recordAction(ctx, { routingId, kind: 'reopen', actor: person(ctx.config, 'maya'), via: 'command' });
    await tickAt(ctx, '2026-11-23T14:01:00Z');
    const card = await loadRoutingCard(ctx.db, ctx.config, routingId, ctx.clock.now());
    expect(card?.sla).toMatchObject({ state: 'on_track', target: 'acknowledge', dueAt: new Date('2026-11-23T15:00:00Z') });
    expect(await ctx.db.select().from(slaEvents).where(eq(slaEvents.state, 'breached'))).toEqual([]);
  });
});
